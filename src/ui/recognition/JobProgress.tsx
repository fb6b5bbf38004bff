import { formatEta } from '../../core/stats';
import type { JobKind, JobState } from '../../state/job';
import { StepProgress } from '../dashboard/StepProgress';

/**
 * Count, faces per second, time left and Cancel for this tab's long job (`kind`), its line when
 * done, or what went wrong. Another tab's job shows on its own tab, never here.
 */
export function JobProgress({ job, kind, onCancel }: { job: JobState; kind: JobKind; onCancel(): void }) {
  if (job.status === 'idle' || job.status === 'cancelled') return null;
  if (job.status === 'error') {
    if (job.kind && job.kind !== kind) return null;
    return (
      <p role="alert" className="error-text" data-testid="job-error">
        {job.message}
      </p>
    );
  }
  if (job.kind !== kind) return null;
  if (job.status === 'done') {
    return (
      <p className="status-line done" data-testid="job-done" aria-live="polite">
        {job.result}
      </p>
    );
  }
  return (
    <StepProgress testId="job" label={job.label} job={job} onCancel={onCancel}>
      <span data-testid="job-count">{job.done}</span> of {job.total}
      {job.failed > 0 && <span className="warn-text"> · {job.failed} without a face</span>}
      {job.rate > 0 && ` · ${job.rate.toFixed(1)} faces a second · about ${formatEta(job.eta)} left`}
    </StepProgress>
  );
}
