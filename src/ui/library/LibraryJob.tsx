import { useLibrary, type LibraryJob } from '../../state/library';

const phaseWords = { import: 'Reading photos', faces: 'Finding faces', group: 'Grouping faces' };
export const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

function minutes(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  return seconds < 90 ? ' · under 2 minutes left' : ` · about ${Math.round(seconds / 60)} minutes left`;
}

export function JobLine({ job }: { job: LibraryJob }) {
  const cancel = useLibrary((s) => s.cancel);
  switch (job.status) {
    case 'running': {
      const unit = job.phase === 'group' ? 'steps' : 'photos';
      return (
        <div className="ds-status" data-testid="library-status" data-status="running" data-phase={job.phase}>
          <progress max={job.total || 1} value={job.done} />
          <span>
            {phaseWords[job.phase]}…{' '}
            {job.total > 0 && `${job.done.toLocaleString()} of ${count(job.total, unit.slice(0, -1))}`}
            {minutes(job.eta)}
          </span>
          <button type="button" onClick={cancel} data-testid="library-cancel">
            Cancel
          </button>
        </div>
      );
    }
    case 'done':
      return (
        <p className="ds-status-line" data-testid="library-status" data-status="done">
          {count(job.result.photos, 'photo')} · {count(job.result.faces, 'face')} ·{' '}
          {count(job.result.groups, 'group')} · {job.result.seconds.toFixed(0)} s
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error-text" data-testid="library-status" data-status="error">
          {job.message} What was done so far is kept: resume to go on.
        </p>
      );
    case 'cancelled':
      return (
        <p className="ds-status-line" data-testid="library-status" data-status="cancelled">
          Stopped. What was done so far is kept: resume to go on.
        </p>
      );
    case 'idle':
      return null;
  }
}

export function PendingPick() {
  const pending = useLibrary((s) => s.pending);
  const confirm = useLibrary((s) => s.confirmPick);
  const dismiss = useLibrary((s) => s.dismissPick);
  if (!pending) return null;
  const mb = (bytes: number) => `${Math.ceil(bytes / 1e6).toLocaleString()} MB`;
  return (
    <div className="ds-status" role="group" aria-label="Before the import" data-testid="library-pending">
      <span>
        {count(pending.photos, 'photo')} need about {mb(pending.bytes)} on this device
        {pending.free !== null && ` (${mb(pending.free)} free)`}.
      </span>
      <button type="button" className="primary" onClick={() => void confirm()} data-testid="library-confirm">
        Import photos
      </button>
      <button type="button" onClick={dismiss}>
        Cancel
      </button>
    </div>
  );
}
