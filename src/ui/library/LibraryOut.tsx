import { useState } from 'react';
import type { SidecarNaming } from '../../core/library-export';
import type { LibraryView } from '../../core/library/view';
import { exportFolderPicker, useLibraryExport, type ExportJob } from '../../state/library-export';
import { useCurrentLibrary, useLibrary } from '../../state/library';
import { downloadUrl, safeFileName } from '../dashboard/download';
import { Card } from '../kit/Card';

function ExportLine({ job }: { job: ExportJob }) {
  const cancel = useLibraryExport((s) => s.cancel);
  switch (job.status) {
    case 'running':
      return (
        <div className="ds-status" data-testid="export-status" data-status="running">
          <progress max={job.total || 1} value={job.done} />
          <span>
            {job.phase === 'read'
              ? 'Reading the faces…'
              : `Writing files… ${job.done.toLocaleString()} of ${job.total.toLocaleString()}`}
          </span>
          <button type="button" onClick={cancel} data-testid="export-cancel">
            Cancel
          </button>
        </div>
      );
    case 'done':
      return (
        <p className="status-line done" data-testid="export-status" data-status="done">
          {job.result.written.toLocaleString()} files written
          {job.result.kept > 0 &&
            ` · ${job.result.kept.toLocaleString()} already there were kept as they were`}
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error-text" data-testid="export-status" data-status="error">
          {job.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="status-line" data-testid="export-status" data-status="cancelled">
          Stopped. Nothing was lost; start again to write every file.
        </p>
      );
    case 'idle':
      return <p className="status-line" />;
  }
}

/** Out of the library: the named people as a face database, and the names written back as files. */
export function LibraryOut({ view }: { view: LibraryView }) {
  const [naming, setNaming] = useState<SidecarNaming>('keep-extension');
  const [made, setMade] = useState(false);
  const makeDataset = useLibrary((s) => s.makeDataset);
  const library = useCurrentLibrary();
  const { job, start } = useLibraryExport();
  const running = job.status === 'running';
  const named = view.people.filter((p) => p.person.name !== '' && p.confirmed.length > 0).length;
  const picker = exportFolderPicker();
  const base = safeFileName(library?.name ?? 'photos');
  const save = (blob: Blob) => {
    const url = URL.createObjectURL(blob);
    downloadUrl(`${base} faces.zip`, url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  async function toFolder() {
    const folder = await picker?.().catch(() => null);
    if (folder) await start(naming, { kind: 'folder', folder });
  }
  return (
    <>
      <Card
        title="Make a face database"
        description="The named people become a set of labelled photos, one person per name, ready to make a face database that recognises them in new photos."
        testId="library-to-dataset"
      >
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={named === 0}
            onClick={() => void makeDataset().then((id) => setMade(id !== null))}
            data-testid="library-make-dataset"
          >
            Make a face database from {named.toLocaleString()} named {named === 1 ? 'person' : 'people'}
          </button>
          {made && (
            <a className="button" href="#databases" data-testid="library-go-databases">
              Go to Face databases
            </a>
          )}
        </div>
        {named === 0 && <p className="status-line">Name at least one person first.</p>}
      </Card>
      <Card
        title="Save the names with your photos"
        description="A list of every face (faces.csv) and, beside each photo, a small file with the names and where each face is, which photo programs such as digiKam, Lightroom and Immich read."
        testId="library-export"
      >
        <fieldset className="export-naming" disabled={running}>
          <legend>Name the files</legend>
          {(
            [
              ['keep-extension', 'IMG_1234.jpg.xmp'],
              ['drop-extension', 'IMG_1234.xmp'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="check">
              <input
                type="radio"
                name="sidecar-naming"
                value={value}
                checked={naming === value}
                onChange={() => setNaming(value)}
                data-testid={`export-${value}`}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button
            type="button"
            disabled={running}
            onClick={() => void start(naming, { kind: 'zip', save })}
            data-testid="export-zip"
          >
            Download as one zip
          </button>
          {picker && (
            <button
              type="button"
              disabled={running}
              onClick={() => void toFolder()}
              data-testid="export-folder"
            >
              Save into a folder
            </button>
          )}
        </div>
        <ExportLine job={job} />
      </Card>
    </>
  );
}
