import { useEffect } from 'react';
import { useCurrentLibrary, useLibrary, useLibraryView } from '../../state/library';
import { FolderInput } from '../dataset/FolderInput';
import { EmptyState } from '../kit/EmptyState';
import { count, JobLine, PendingPick } from './LibraryJob';
import { LibraryOut } from './LibraryOut';
import { LibraryPeople } from './LibraryPeople';
import { PeopleSearch } from './PeopleSearch';
import { Suggestions } from './Suggestions';
import './library.css';

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
    <section className="page" aria-labelledby="library-title">
      <div className="page-head">
        <h2 id="library-title">Your photos</h2>
        <p>
          Pick a folder of photos, sorted or not. Likeness finds every face and puts the faces of each person
          together. Nothing leaves this device.
        </p>
      </div>
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
          summary={`“${library.name}”, ${count(library.imageCount, 'photo')}. Photos from another folder join it.`}
          buttonLabel="Add photos"
          disabled={running}
          onFolder={(folder) => void pick(folder, true)}
          testId="library-add-drop"
          inputTestId="library-add-input"
        />
      )}
      {view && state?.modelKey && (
        <>
          <Suggestions modelKey={state.modelKey} view={view} />
          <LibraryPeople modelKey={state.modelKey} view={view} />
          <PeopleSearch view={view} />
          <LibraryOut view={view} />
        </>
      )}
      {loaded && libraries.length === 0 && !running && (
        <EmptyState title="No photos yet" testId="library-empty">
          Choose a folder of your photos above to find the people in them.
        </EmptyState>
      )}
    </section>
  );
}
