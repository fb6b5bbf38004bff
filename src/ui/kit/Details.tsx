import type { ReactNode } from 'react';

/** A closed "Details" disclosure: ids, timings and the maths, out of the way of the answer. */
export function Details({
  summary = 'Details',
  children,
  testId,
  open,
}: {
  summary?: ReactNode;
  children: ReactNode;
  testId?: string;
  open?: boolean;
}) {
  return (
    <details className="details" data-testid={testId} open={open}>
      <summary>{summary}</summary>
      <div className="details-body">{children}</div>
    </details>
  );
}
