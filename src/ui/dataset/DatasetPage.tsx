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
import { FolderInput } from './FolderInput';
import { PersonChart } from './PersonChart';
import { ImageGrid, type ImageGridItem } from './ImageGrid';
import { SampleCard } from './SampleCard';
import { SkippedReport } from './SkippedReport';
import { StoragePanel } from './StoragePanel';

const fileName = (id: string) => pathOfImageId(id).split('/').at(-1) ?? id;

function ImportStatus({ job }: { job: ImportJob }) {
  const cancel = useDataset((s) => s.cancelImport);
  switch (job.status) {
    case 'idle':
    case 'cancelled':
      return null;
    case 'running':
      return (
        <div className="ds-status" data-testid="import-status" aria-live="polite">
          <progress max={job.total || 1} value={job.done} />
          <span>
            Importing{job.name && ` “${job.name}”`}: {job.done.toLocaleString()} /{' '}
            {job.total.toLocaleString()} images
            {job.rate > 0 && ` · ${Math.round(job.rate)} images/s`}
          </span>
          <button onClick={cancel} data-testid="cancel-import">
            Cancel
          </button>
        </div>
      );
    case 'done':
      return <ImportDone outcome={job.result} />;
    case 'error':
      return (
        <p role="alert" className="ds-status error-text" data-testid="import-status" data-status="error">
          Import failed: {job.message} Images stored before the failure are kept; pick the folder again to
          resume.
        </p>
      );
  }
}

function ImportDone({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.kind === 'nothing') {
    return (
      <div className="ds-status" data-testid="import-status" data-status="nothing" role="alert">
        <p>
          Nothing importable was found in “{outcome.name}”: it needs one sub-folder per person holding image
          files (JPEG, PNG, WebP, BMP or GIF). No dataset was created.
        </p>
        <SkippedReport skipped={outcome.skipped} />
      </div>
    );
  }
  return (
    <p className="ds-status-line" data-testid="import-status" data-status="done">
      Imported {outcome.imported.toLocaleString()} images from “{outcome.name}” in{' '}
      {outcome.seconds.toFixed(1)} s{' '}
      <span>
        (<span data-testid="import-rate">{Math.round(outcome.imagesPerSecond)}</span> images/s)
      </span>
      .
    </p>
  );
}

function DatasetSwitcher({
  datasets,
  current,
}: {
  datasets: DatasetRecord[];
  current: DatasetRecord | null;
}) {
  const select = useDataset((s) => s.select);
  const remove = useDataset((s) => s.remove);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (datasets.length === 0) return null;
  return (
    <div className="ds-switcher">
      <label>
        Dataset{' '}
        <select
          value={current?.id ?? ''}
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
      </label>
      {current &&
        (confirming === current.id ? (
          <span className="ds-confirm">
            Delete “{current.name}” with its images, embeddings and face databases?{' '}
            <button
              className="ds-danger"
              data-testid="confirm-delete"
              onClick={() => {
                setConfirming(null);
                void remove(current.id);
              }}
            >
              Delete
            </button>{' '}
            <button onClick={() => setConfirming(null)}>Keep</button>
          </span>
        ) : (
          <button data-testid="delete-dataset" onClick={() => setConfirming(current.id)}>
            Delete dataset
          </button>
        ))}
    </div>
  );
}

function DatasetOverview({ dataset }: { dataset: DatasetRecord }) {
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
    <>
      <p className="ds-summary" data-testid="dataset-summary">
        <strong data-testid="people-count">{dataset.identities.length}</strong> people ·{' '}
        <strong data-testid="image-count">{dataset.status === 'ready' ? dataset.imageCount : stored}</strong>{' '}
        images{dataset.status === 'importing' && ` stored of ${dataset.imageCount} planned`}
      </p>
      {dataset.identities.length > 0 && (
        <PersonChart people={dataset.identities} selected={filter} onSelect={setFilter} />
      )}
      <SkippedReport skipped={dataset.skipped} />
      <div className="ds-grid-bar">
        <label>
          Person{' '}
          <select
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
        </label>
        {filter && <button onClick={() => setFilter(null)}>Show everyone</button>}
        <span className="muted" data-testid="grid-count">
          {items.length} images
        </span>
      </div>
      {imageIds ? <ImageGrid items={items} aria-label="Images" /> : <p className="muted">Loading images…</p>}
    </>
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

  return (
    <section aria-labelledby="dataset-title" className="ds-page">
      <h2 id="dataset-title">Dataset</h2>
      <p className="muted">
        Pick a folder holding one sub-folder per person (e.g. <code>pins_Amber Heard/</code>). Images are
        copied into this browser’s storage, so they stay available after a reload; nothing is uploaded.
      </p>
      {sampleFirst && <SampleCard prominent />}
      <FolderInput
        label="Choose a dataset folder"
        disabled={importing}
        onFolder={(f) => void importFolder(f)}
      />
      <ImportStatus job={job} />
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <DatasetSwitcher datasets={datasets} current={current} />
      {loaded && !sampleFirst && <SampleCard prominent={false} />}
      {interrupted && (
        <div className="ds-interrupted" data-testid="import-interrupted" role="status">
          <p>
            The import of “{interrupted.name}” did not finish. Pick the same folder again to resume (stored
            images are skipped), or delete the dataset.
          </p>
          <FolderInput
            label="Resume with folder"
            data-testid="resume-input"
            disabled={importing}
            onFolder={(f) => void importFolder(f, interrupted.id)}
          />
        </div>
      )}
      {current ? (
        <DatasetOverview key={current.id} dataset={current} />
      ) : (
        loaded && <p className="muted">No dataset yet.</p>
      )}
      <StoragePanel />
    </section>
  );
}
