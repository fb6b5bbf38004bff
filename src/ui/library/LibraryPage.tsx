import { useEffect } from 'react';
import { useCurrentLibrary, useLibrary, useLibraryView, type LibraryJob } from '../../state/library';
import { FolderInput } from '../dataset/FolderInput';
import { FaceGroup } from './FaceGroup';
import './library.css';

const phaseWords = { import: 'Reading photos', faces: 'Finding faces', group: 'Grouping faces' };
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function minutes(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  return seconds < 90 ? ' · under 2 minutes left' : ` · about ${Math.round(seconds / 60)} minutes left`;
}

function JobLine({ job }: { job: LibraryJob }) {
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

function PendingPick() {
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

/** "Your photos": a folder of unsorted photos in, every face found and grouped into people. */
export function LibraryPage() {
  const { loaded, libraries, currentId, state, job, error } = useLibrary();
  const { refresh, select, pick, resume } = useLibrary();
  const library = useCurrentLibrary();
  const view = useLibraryView();
  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);
  const running = job.status === 'running';
  const interrupted =
    !running && library && state && (library.status === 'importing' || state.status !== 'ready');
  return (
    <section className="library" aria-labelledby="library-title">
      <h2 id="library-title">Your photos</h2>
      <p className="muted">
        Pick a folder of photos, sorted or not. Likeness finds every face and puts the faces of each person
        together. Nothing leaves this device.
      </p>
      {!(library && library.status === 'ready') && (
        <FolderInput
          title="Drop a folder of photos"
          hint="Family, phone or group photos, sorted or not: folders inside it are fine."
          buttonLabel="Choose folder"
          disabled={running}
          onFolder={(folder) => void pick(folder)}
          testId="library-drop"
          inputTestId="library-input"
        />
      )}
      <PendingPick />
      <JobLine job={job} />
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {libraries.length > 1 && (
        <label className="ds-switcher">
          Library{' '}
          <select value={currentId ?? ''} onChange={(e) => void select(e.target.value || null)}>
            {libraries.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} · {count(l.imageCount, 'photo')}
              </option>
            ))}
          </select>
        </label>
      )}
      {interrupted && (
        <p className="ds-status" data-testid="library-interrupted">
          {library.status === 'importing' ? (
            <span>
              The import of “{library.name}” stopped before the end. Pick the same folder again to go on.
            </span>
          ) : (
            <>
              <span>Finding and grouping the faces of “{library.name}” stopped before the end.</span>
              <button type="button" onClick={() => void resume()} data-testid="library-resume">
                Resume
              </button>
            </>
          )}
        </p>
      )}
      {library && library.status === 'ready' && (
        <FolderInput
          title="Add photos from another folder"
          hint="They join this library."
          buttonLabel="Choose folder"
          disabled={running}
          onFolder={(folder) => void pick(folder, true)}
          testId="library-add-drop"
          inputTestId="library-add-input"
        />
      )}
      {view && state?.modelKey && (
        <div data-testid="library-groups">
          <p className="muted">
            {count(view.people.length, 'person', 'people')} · {count(view.groups.length, 'group')} not named
            yet · {count(view.ungrouped.length, 'face')} on their own
          </p>
          {view.people.map((p) => (
            <FaceGroup
              key={p.person.id}
              modelKey={state.modelKey!}
              title={p.person.name || 'Not named yet'}
              faces={[...p.confirmed, ...p.grouped]}
              personId={p.person.id}
            />
          ))}
          {view.groups.map((g) => (
            <FaceGroup key={g.key} modelKey={state.modelKey!} title={null} faces={g.faces} />
          ))}
        </div>
      )}
    </section>
  );
}
