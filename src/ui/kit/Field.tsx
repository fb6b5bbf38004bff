import { useId, type ReactNode } from 'react';

/**
 * A label right above its control, with help text or an error under it. `children` gets the
 * control's id and the id of its description, to put on the control.
 */
export function Field({
  label,
  help,
  error,
  children,
  className,
}: {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  children: (control: { id: string; 'aria-describedby'?: string }) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const describedBy = `${id}-help`;
  const note = error ?? help;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(note ? { 'aria-describedby': describedBy } : {}) })}
      {note && (
        <span id={describedBy} className={error ? 'error-text' : 'help'} role={error ? 'alert' : undefined}>
          {note}
        </span>
      )}
    </div>
  );
}
