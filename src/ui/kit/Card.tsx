import { useId, type ReactNode } from 'react';
import './card.css';

/**
 * A card: a titled block of the page, its actions (Download CSV, Replace…) at the right of the
 * title row. Without a title it is only the frame.
 */
export function Card({
  title,
  description,
  actions,
  children,
  className,
  titleId,
  testId,
}: {
  title?: ReactNode;
  /** One muted line under the title. */
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** The heading's id, where a test or a link names it; one is made otherwise. */
  titleId?: string;
  testId?: string;
}) {
  const ownId = useId();
  const id = titleId ?? ownId;
  return (
    <section
      className={className ? `card ${className}` : 'card'}
      aria-labelledby={title ? id : undefined}
      data-testid={testId}
    >
      {(title || actions) && (
        <div className="card-head">
          <div>
            {title && <h3 id={id}>{title}</h3>}
            {description && <p>{description}</p>}
          </div>
          {actions && <div className="actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
