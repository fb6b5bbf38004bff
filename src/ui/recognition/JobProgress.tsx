import { formatEta } from '../../core/stats';
import type { JobState } from '../../state/job';

/** Count, faces per second, ETA and a cancel button for a long job. */
export function JobProgress({ job, onCancel }: { job: JobState; onCancel(): void }) {
  if (job.status === 'idle') return null;
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
        {job.message}
      </p>
    );
  }
  const elapsed = (job.updatedAt - job.startedAt) / 1000;
  const fresh = job.done - job.startDone;
  const rate = elapsed > 0 && fresh > 0 ? fresh / elapsed : 0;
  const eta = rate > 0 ? (job.total - job.done) / rate : Number.NaN;
  return (
    <div className="job-progress" data-testid="job-progress" aria-live="polite">
      <div>
        <strong>{job.label}</strong>: <span data-testid="job-count">{job.done}</span> / {job.total}
        {job.failed > 0 && <span className="warn-text"> · {job.failed} without a face</span>}
        {rate > 0 && ` · ${rate.toFixed(1)} faces/s · ETA ${formatEta(eta)}`}
      </div>
      <progress max={Math.max(1, job.total)} value={job.done} />
      <button type="button" onClick={onCancel} data-testid="job-cancel">
        Cancel
      </button>
    </div>
  );
}
