import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCurrentDataset } from '../../state/dataset';
import { useEngineInfo } from '../../state/engine';
import { useRecognition } from '../../state/recognition';
import { useTransfer } from '../../state/transfer';
import { downloadText } from '../dashboard/download';
import { SplitFields } from '../SplitFields';
import { JobProgress } from './JobProgress';
import { SeveralFaces } from './SeveralFaces';
import type { DatabaseRecord } from '../../storage/schema';

function parseCounts(text: string): number[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
    ),
  ].filter((n) => Number.isInteger(n) && n > 0);
}

/** Build face databases from the current dataset; choose, rename, delete and resume them. */
export function DatabasePage() {
  const dataset = useCurrentDataset();
  const engine = useEngineInfo();
  const { databases, selectedId, job, interrupted, refresh, select, enrol, resume, cancel, rename, remove } =
    useRecognition();
  const [perPerson, setPerPerson] = useState('10');
  const [testPerPerson, setTestPerPerson] = useState(0);
  const [seed, setSeed] = useState(42);
  const [error, setError] = useState<string | null>(null);
  const perPersonId = useId();
  const transfer = useTransfer();
  const importInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = job.status === 'running';

  function submit(event: FormEvent) {
    event.preventDefault();
    const counts = parseCounts(perPerson);
    if (!dataset) return setError('Load a dataset first (Dataset tab).');
    if (counts.length === 0) return setError('Images per person: enter whole numbers such as 10, 25, 50.');
    setError(null);
    void enrol({ datasetId: dataset.id, perPerson: counts, testPerPerson, seed });
  }

  return (
    <section aria-labelledby="db-title">
      <h2 id="db-title">Face databases</h2>
      {interrupted.length > 0 && !running && (
        <div className="notice" data-testid="resume-notice">
          {interrupted.map((group) => (
            <p key={group[0]!.id}>
              Building “{group.map((g) => g.name).join('”, “')}” was interrupted. Embeddings computed so far
              are kept.{' '}
              <button type="button" onClick={() => void resume(group)} data-testid="resume-enrolment">
                Resume
              </button>
            </p>
          ))}
        </div>
      )}
      <form className="build-form" onSubmit={submit} aria-label="Build a face database">
        <p className="muted">
          From <strong>{dataset ? dataset.name : 'no dataset loaded'}</strong>
          {dataset && ` (${dataset.identities.length} people, ${dataset.imageCount} images)`}, with{' '}
          <strong>{engine?.model.label ?? '…'}</strong> ({engine?.cropMode ?? '…'} crop). Images are picked at
          random, reproducibly from the seed; each person’s L2-normalised average embedding is stored on this
          device.
        </p>
        <label htmlFor={perPersonId}>Images per person</label>
        <input
          id={perPersonId}
          value={perPerson}
          onChange={(e) => setPerPerson(e.target.value)}
          list={`${perPersonId}-choices`}
          data-testid="per-person"
          title="One number, or several such as 10, 25, 50 to build one database for each from one embedding pass"
        />
        <datalist id={`${perPersonId}-choices`}>
          <option value="10" />
          <option value="25" />
          <option value="50" />
          <option value="10, 25, 50" />
        </datalist>
        <SplitFields
          testLabel="Held-out test images per person"
          testPerPerson={testPerPerson}
          onTestPerPerson={setTestPerPerson}
          minTest={0}
          testTitle="0: every image that is not enrolled is a test image"
          seed={seed}
          onSeed={setSeed}
          testIds={{ testPerPerson: 'test-per-person', seed: 'seed' }}
        />
        <button type="submit" disabled={running || !dataset || !engine} data-testid="build-database">
          Build database
        </button>
      </form>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <JobProgress job={job} onCancel={cancel} />
      <div className="rec-controls" aria-label="Export and import">
        <button type="button" onClick={() => importInput.current?.click()} data-testid="import-database">
          Import database…
        </button>
        <input
          ref={importInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-database-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void transfer.importFile(file);
          }}
        />
        <label>
          <input
            type="checkbox"
            checked={transfer.withEmbeddings}
            onChange={(e) => transfer.setWithEmbeddings(e.target.checked)}
            data-testid="export-with-embeddings"
          />{' '}
          Exports include every enrolment embedding (larger file)
        </label>
      </div>
      {transfer.error && (
        <p role="alert" className="error-text" data-testid="transfer-error">
          {transfer.error}
        </p>
      )}
      {transfer.notice && (
        <p className="job-done" data-testid="transfer-notice">
          {transfer.notice}
        </p>
      )}
      <table className="db-table db-list" data-testid="database-list">
        <caption>Stored face databases</caption>
        <thead>
          <tr>
            <th>Use</th>
            <th>Name</th>
            <th>People</th>
            <th>Per person</th>
            <th>Model</th>
            <th>Seed</th>
            <th>Created</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {databases.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No face database yet.
              </td>
            </tr>
          )}
          {databases.map((g) => (
            <tr key={g.id} data-testid="database-row" data-status={g.status}>
              <td data-label="Use">
                <input
                  type="radio"
                  name="database"
                  aria-label={`Use ${g.name}`}
                  checked={selectedId === g.id}
                  disabled={g.status !== 'ready'}
                  onChange={() => select(g.id)}
                />
              </td>
              <td data-label="Name">
                {g.name}
                {g.status === 'enrolling' && <span className="warn-text"> (building)</span>}
                <LeftOut database={g} />
                <SeveralFaces database={g} />
              </td>
              <td data-label="People">
                {g.status === 'ready' ? g.identities.length : Object.keys(g.enrolment).length}
              </td>
              <td data-label="Per person">{g.perPerson}</td>
              <td data-label="Model">{g.modelKey}</td>
              <td data-label="Seed">{g.seed}</td>
              <td data-label="Created">{new Date(g.createdAt).toLocaleString()}</td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={running}
                  onClick={() => {
                    const name = prompt('New name for this face database', g.name);
                    if (name !== null) void rename(g.id, name);
                  }}
                >
                  Rename
                </button>
                <button
                  type="button"
                  disabled={g.status !== 'ready'}
                  data-testid="export-database"
                  onClick={() =>
                    void transfer.exportDatabase(g.id).then((file) => {
                      if (file) downloadText(file.filename, file.text, 'application/json');
                    })
                  }
                >
                  Export
                </button>
                <button
                  type="button"
                  disabled={running}
                  onClick={() => {
                    if (confirm(`Delete “${g.name}”? Stored embeddings are kept for reuse.`))
                      void remove(g.id);
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const reasonText = {
  'several-faces': 'several faces in the photo',
  outlier: 'far from the person’s other photos',
  duplicate: 'the same photo twice',
} as const;

/** Which enrolment images the robust average left out, and why (names and paths shown as text). */
function LeftOut({ database }: { database: DatabaseRecord }) {
  const rows = Object.entries(database.excluded ?? {}).flatMap(([key, list]) => {
    const name = database.identities[database.identityKeys.indexOf(key)] ?? key;
    return list.map((x) => ({ name, ...x }));
  });
  if (rows.length === 0) return null;
  const prefix = `${database.datasetId}:`;
  return (
    <details className="left-out" data-testid="left-out">
      <summary>
        {rows.length} enrolment image{rows.length === 1 ? '' : 's'} left out of the averages
      </summary>
      <ul>
        {rows.map((r) => (
          <li key={r.imageId} data-reason={r.reason}>
            {r.name}: {r.imageId.startsWith(prefix) ? r.imageId.slice(prefix.length) : r.imageId} —{' '}
            {reasonText[r.reason]} (distance {r.distance.toFixed(2)})
          </li>
        ))}
      </ul>
    </details>
  );
}
