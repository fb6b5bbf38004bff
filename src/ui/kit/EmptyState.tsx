import type { ReactNode } from 'react';

/** Nothing to show yet: a heading, one sentence that names the next step, and that step's action. */
export function EmptyState({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="empty" data-testid={testId}>
      <h3>{title}</h3>
      <p>{children}</p>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
