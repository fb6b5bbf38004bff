import { formatEta } from '../../core/stats';
import type { JobState } from '../../state/job';
import { StepProgress } from '../dashboard/StepProgress';

/** Count, faces per second, ETA and a cancel button for a long job; its line when done or failed. */
export function JobProgress({ job, onCancel }: { job: JobState; onCancel(): void }) {
  if (job.status === 'idle' || job.status === 'cancelled') return null;
  if (job.status === 'error') {
    return (
      <p role="alert" className="error-text" data-testid="job-error">
        {job.message}
      </p>
    );
  }
  if (job.status === 'done') {
    return (
      <p className="job-done" data-testid="job-done" aria-live="polite">
        {job.result}
      </p>
    );
  }
  return (
    <StepProgress testId="job" label={job.label} job={job} onCancel={onCancel}>
      <span data-testid="job-count">{job.done}</span> / {job.total}
      {job.failed > 0 && <span className="warn-text"> · {job.failed} without a face</span>}
      {job.rate > 0 && ` · ${job.rate.toFixed(1)} faces/s · ETA ${formatEta(job.eta)}`}
    </StepProgress>
  );
}
