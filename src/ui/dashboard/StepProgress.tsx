import type { ReactNode } from 'react';
import type { RunningStatus } from '../../state/job';

/** A running job: what it is doing, how far (`children`), a bar and Cancel. Every job's bar. */
export function StepProgress({
  testId,
  label,
  job,
  onCancel,
  children,
}: {
  /** Prefix of the test ids: `${testId}-progress` and `${testId}-cancel`. */
  testId: string;
  label: string;
  job: RunningStatus;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className="job-progress" data-testid={`${testId}-progress`} aria-live="polite">
      <span>
        {label}: {children}
      </span>
      <progress max={Math.max(1, job.total)} value={job.done} />
      <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
        Cancel
      </button>
    </div>
  );
}
