import { useEffect, useMemo, useState } from 'react';
import type { DatasetRecord } from '../../storage/schema';
import {
  pathOfImageId,
  useCurrentDataset,
  useDataset,
  type ImportJob,
  type ImportOutcome,
} from '../../state/dataset';
import { useSample } from '../../state/sample';
import { FolderInput, PickFolderButton } from './FolderInput';
import { PersonChart } from './PersonChart';
import { ImageGrid, type ImageGridItem } from './ImageGrid';
import { SampleCard } from './SampleCard';
import { SkippedReport } from './SkippedReport';
import './dataset.css';

const fileName = (id: string) => pathOfImageId(id).split('/').at(-1) ?? id;

function ImportStatus({ job }: { job: ImportJob }) {
  const cancel = useDataset((s) => s.cancelImport);
  switch (job.status) {
    case 'idle':
    case 'cancelled':
      return null;
    case 'running':
      return (
        <div className="job-progress" data-testid="import-status" aria-live="polite">
          <span>
            Importing{job.name && ` “${job.name}”`}: {job.done.toLocaleString()} of{' '}
            {job.total.toLocaleString()} images
            {job.rate > 0 && ` · ${Math.round(job.rate)} a second`}
          </span>
          <progress max={job.total || 1} value={job.done} />
          <button type="button" onClick={cancel} data-testid="cancel-import">
            Cancel
          </button>
        </div>
      );
    case 'done':
      return <ImportDone outcome={job.result} />;
    case 'error':
      return (
        <p role="alert" className="error-text" data-testid="import-status" data-status="error">
          Import failed: {job.message} Images stored before the failure are kept; pick the folder again to
          resume.
        </p>
      );
  }
}

function ImportDone({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.kind === 'nothing') {
    return (
      <div className="notice" data-testid="import-status" data-status="nothing" role="alert">
        <p>
          Nothing importable was found in “{outcome.name}”: it needs one sub-folder per person holding image
          files (JPEG, PNG, WebP, BMP or GIF). No dataset was created.
        </p>
        <SkippedReport skipped={outcome.skipped} />
      </div>
    );
  }
  return (
    <p className="status-line done" data-testid="import-status" data-status="done">
      Imported {outcome.imported.toLocaleString()} images from “{outcome.name}” in{' '}
      {outcome.seconds.toFixed(1)} s (
      <span data-testid="import-rate">{Math.round(outcome.imagesPerSecond)}</span> a second).
    </p>
  );
}

/** The dataset shown: which one (a select among them all), its counts, and "Delete dataset". */
function DatasetHead({
  datasets,
  current,
  stored,
}: {
  datasets: DatasetRecord[];
  current: DatasetRecord;
  /** Images stored so far: an interrupted import's count. */
  stored: number;
}) {
  const select = useDataset((s) => s.select);
  const remove = useDataset((s) => s.remove);
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="card-head ds-head">
      <div className="field">
        <label htmlFor="dataset-select">Dataset</label>
        <select
          id="dataset-select"
          value={current.id}
          onChange={(e) => void select(e.target.value || null)}
          data-testid="dataset-select"
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} · {d.identities.length} people · {d.imageCount} images
              {d.status === 'importing' ? ' (incomplete)' : ''}
            </option>
          ))}
        </select>
        <span className="ds-summary" data-testid="dataset-summary">
          <strong data-testid="people-count">{current.identities.length}</strong> people ·{' '}
          <strong data-testid="image-count">
            {current.status === 'ready' ? current.imageCount : stored}
          </strong>{' '}
          images{current.status === 'importing' && ` stored of ${current.imageCount} planned`}
        </span>
      </div>
      <div className="actions">
        {confirming === current.id ? (
          <div className="notice danger" role="alertdialog" aria-label="Delete this dataset">
            <p>Delete “{current.name}” with its images, face prints and face databases?</p>
            <div className="actions">
              <button type="button" onClick={() => setConfirming(null)}>
                Keep
              </button>
              <button
                type="button"
                className="danger solid"
                data-testid="confirm-delete"
                onClick={() => {
                  setConfirming(null);
                  void remove(current.id);
                }}
              >
                Delete
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="danger"
            data-testid="delete-dataset"
            onClick={() => setConfirming(current.id)}
          >
            Delete dataset
          </button>
        )}
      </div>
    </div>
  );
}

function DatasetOverview({ dataset, datasets }: { dataset: DatasetRecord; datasets: DatasetRecord[] }) {
  const imageIds = useDataset((s) => s.imageIds);
  const filter = useDataset((s) => s.personFilter);
  const setFilter = useDataset((s) => s.setPersonFilter);
  const names = useMemo(() => new Map(dataset.identities.map((i) => [i.key, i.name])), [dataset]);
  const stored = useMemo(
    () => (imageIds ? Object.values(imageIds).reduce((n, ids) => n + ids.length, 0) : 0),
    [imageIds],
  );
  const items = useMemo<ImageGridItem[]>(() => {
    if (!imageIds) return [];
    const keys = filter ? [filter] : dataset.identities.map((i) => i.key);
    return keys.flatMap((key) => {
      const name = names.get(key) ?? key;
      return (imageIds[key] ?? []).map((id) => ({
        id,
        alt: name,
        caption: (
          <>
            <span className="ds-name">{name}</span>
            <span className="ds-file">{fileName(id)}</span>
          </>
        ),
      }));
    });
  }, [imageIds, filter, dataset, names]);

  return (
    <section className="card" aria-label="The dataset">
      <DatasetHead datasets={datasets} current={dataset} stored={stored} />
      {dataset.identities.length > 0 && (
        <PersonChart people={dataset.identities} selected={filter} onSelect={setFilter} />
      )}
      <SkippedReport skipped={dataset.skipped} />
      <div className="grid-bar">
        <div className="field">
          <label htmlFor="identity-filter">Show photos of</label>
          <select
            id="identity-filter"
            value={filter ?? ''}
            onChange={(e) => setFilter(e.target.value || null)}
            data-testid="identity-filter"
          >
            <option value="">Everyone ({stored})</option>
            {dataset.identities.map((i) => (
              <option key={i.key} value={i.key}>
                {i.name} ({imageIds?.[i.key]?.length ?? 0})
              </option>
            ))}
          </select>
        </div>
        {filter && (
          <button type="button" className="ghost" onClick={() => setFilter(null)}>
            Show everyone
          </button>
        )}
        <span className="muted small" data-testid="grid-count">
          {items.length} images
        </span>
      </div>
      {imageIds ? <ImageGrid items={items} aria-label="Images" /> : <p className="muted">Loading images…</p>}
    </section>
  );
}

/** Load a dataset folder, see who is in it, and browse its images. */
export function DatasetPage() {
  const datasets = useDataset((s) => s.datasets);
  const loaded = useDataset((s) => s.loaded);
  const job = useDataset((s) => s.job);
  const error = useDataset((s) => s.error);
  const refresh = useDataset((s) => s.refresh);
  const importFolder = useDataset((s) => s.importFolder);
  const current = useCurrentDataset();
  const importing = job.status === 'running';
  // An import the page went away from (a reload, a closed tab), the current dataset's first.
  const interrupted = [current, ...datasets].find(
    (d) => d?.status === 'importing' && !(importing && job.datasetId === d.id),
  );
  // A newcomer sees the sample first; it stays put while its own run creates the dataset.
  const sampleRunning = useSample((s) => s.run.status === 'running');
  const sampleFirst = loaded && (datasets.length === 0 || sampleRunning);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const dropZone = (
    <FolderInput
      disabled={importing}
      onFolder={(f) => void importFolder(f)}
      summary={current && !sampleFirst ? 'To add another dataset, choose or drop its folder.' : undefined}
    />
  );
  return (
    <section aria-labelledby="dataset-title" className="page ds-page">
      <div className="page-head">
        <h2 id="dataset-title">Dataset</h2>
        <p>
          Photos of the people to recognise, one folder per person. They are copied into this browser’s
          storage, so they are still here after a reload; nothing is uploaded.
        </p>
      </div>
      {/* One tree either way, so the drop zone is never mounted afresh while the datasets load. */}
      <div className={sampleFirst ? 'columns ds-start' : undefined}>
        {sampleFirst && <SampleCard prominent />}
        {dropZone}
      </div>
      <ImportStatus job={job} />
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {interrupted && (
        <div className="notice" data-testid="import-interrupted" role="status">
          <p>
            The import of “{interrupted.name}” did not finish. Pick the same folder again to carry on (images
            already stored are skipped), or delete the dataset.
          </p>
          <div className="actions">
            <PickFolderButton
              label="Resume with folder…"
              testId="resume-input"
              disabled={importing}
              onFolder={(f) => void importFolder(f, interrupted.id)}
            />
          </div>
        </div>
      )}
      {current && <DatasetOverview key={current.id} dataset={current} datasets={datasets} />}
      {loaded && !sampleFirst && <SampleCard prominent={false} />}
    </section>
  );
}
