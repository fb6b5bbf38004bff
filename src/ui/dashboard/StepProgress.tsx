import type { ReactNode } from 'react';

/** A dashboard section's running job: what it is doing, how far (`children`), a bar and Cancel. */
export function StepProgress({
  testId,
  label,
  done,
  total,
  onCancel,
  children,
}: {
  /** Prefix of the test ids: `${testId}-progress` and `${testId}-cancel`. */
  testId: string;
  label: string;
  done: number;
  total: number;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className="job-progress" data-testid={`${testId}-progress`} aria-live="polite">
      <div>
        <strong>{label}</strong>: {children}
      </div>
      <progress max={Math.max(1, total)} value={done} />
      <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
        Cancel
      </button>
    </div>
  );
}
