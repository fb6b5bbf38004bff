import { Download, Pencil, Trash2 } from 'lucide-react';
import { useRecognition } from '../../state/recognition';
import { useTransfer } from '../../state/transfer';
import type { DatabaseRecord } from '../../storage/schema';
import { downloadText } from '../dashboard/download';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { SeveralFaces } from './SeveralFaces';
import './databases.css';

const reasonText = {
  'several-faces': 'several faces in the photo',
  outlier: 'far from the person’s other photos',
  duplicate: 'the same photo twice',
} as const;

const cropWords: Record<string, string> = {
  align: 'aligned crop',
  detect: 'detected box',
  whole: 'whole photo',
};

/** Which enrolment images the robust average left out, and why (names and paths shown as text). */
function LeftOut({ database }: { database: DatabaseRecord }) {
  const rows = Object.entries(database.excluded ?? {}).flatMap(([key, list]) => {
    const name = database.identities[database.identityKeys.indexOf(key)] ?? key;
    return list.map((x) => ({ name, ...x }));
  });
  if (rows.length === 0) return null;
  const prefix = `${database.datasetId}:`;
  return (
    <details className="details" data-testid="left-out">
      <summary>
        {rows.length} photo{rows.length === 1 ? '' : 's'} left out of the averages
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

/** The stored face databases: which one is used, and each one's rename, export and delete. */
export function DatabaseList({
  databases,
  selectedId,
  running,
  onSelect,
  onImport,
}: {
  databases: DatabaseRecord[];
  selectedId: string | null;
  running: boolean;
  onSelect(id: string): void;
  onImport(): void;
}) {
  const { rename, remove } = useRecognition();
  const transfer = useTransfer();
  return (
    <Card
      title="Your databases"
      description="The one chosen under “Use” names faces on the Recognise, Camera and Compare tabs."
      actions={
        <button type="button" onClick={onImport} data-testid="import-database">
          Import a face database…
        </button>
      }
    >
      {transfer.error && (
        <p role="alert" className="error-text" data-testid="transfer-error">
          {transfer.error}
        </p>
      )}
      {transfer.notice && (
        <p className="status-line done" data-testid="transfer-notice">
          {transfer.notice}
        </p>
      )}
      <div className="table-scroll db-scroll">
        <table className="table db-list" data-testid="database-list">
          <caption className="sr-only">Stored face databases</caption>
          <thead>
            <tr>
              <th>Use</th>
              <th>Name</th>
              <th className="n">People</th>
              <th className="n">Photos per person</th>
              <th>Built</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {databases.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No face database yet. Build one from the photos of a dataset.
                </td>
              </tr>
            )}
            {databases.map((g) => (
              <tr
                key={g.id}
                className={selectedId === g.id ? 'selected' : undefined}
                data-testid="database-row"
                data-status={g.status}
              >
                <td data-label="Use">
                  <input
                    type="radio"
                    name="database"
                    aria-label={`Use ${g.name}`}
                    checked={selectedId === g.id}
                    disabled={g.status !== 'ready'}
                    onChange={() => onSelect(g.id)}
                  />
                </td>
                <td data-label="Name" className="db-name">
                  <span>
                    {g.name}
                    {g.status === 'enrolling' && <span className="muted"> (being built)</span>}
                  </span>
                  <LeftOut database={g} />
                  <SeveralFaces database={g} />
                  <Details>
                    <dl className="facts">
                      <dt>Model</dt>
                      <dd>
                        {g.modelId}, {cropWords[g.cropMode] ?? g.cropMode}
                      </dd>
                      <dt>Kept for testing</dt>
                      <dd>{g.testPerPerson ? `${g.testPerPerson} per person` : 'every other photo'}</dd>
                      <dt>Seed</dt>
                      <dd>{g.seed}</dd>
                    </dl>
                  </Details>
                </td>
                <td data-label="People" className="n">
                  {g.status === 'ready' ? g.identities.length : Object.keys(g.enrolment).length}
                </td>
                <td data-label="Photos per person" className="n">
                  {g.perPerson}
                </td>
                <td data-label="Built">{new Date(g.createdAt).toLocaleDateString()}</td>
                <td className="actions-cell">
                  <div className="actions">
                    <button
                      type="button"
                      className="icon"
                      disabled={running}
                      aria-label={`Rename “${g.name}”`}
                      title="Rename"
                      onClick={() => {
                        const name = prompt('New name for this face database', g.name);
                        if (name !== null) void rename(g.id, name);
                      }}
                    >
                      <Pencil size={18} aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="icon"
                      disabled={g.status !== 'ready'}
                      data-testid="export-database"
                      aria-label={`Export “${g.name}” to a file`}
                      title="Export to a file"
                      onClick={() =>
                        void transfer.exportDatabase(g.id).then((file) => {
                          if (file) downloadText(file.filename, file.text, 'application/json');
                        })
                      }
                    >
                      <Download size={18} aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="icon danger"
                      disabled={running}
                      aria-label={`Delete “${g.name}”`}
                      title="Delete"
                      onClick={() => {
                        if (confirm(`Delete “${g.name}”? Its face prints are kept for reuse.`))
                          void remove(g.id);
                      }}
                    >
                      <Trash2 size={18} aria-hidden />
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="switch-row">
        Exports include every photo’s face print (a larger file)
        <input
          type="checkbox"
          role="switch"
          checked={transfer.withEmbeddings}
          onChange={(e) => transfer.setWithEmbeddings(e.target.checked)}
          data-testid="export-with-embeddings"
        />
      </label>
    </Card>
  );
}
