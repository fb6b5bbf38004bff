import { useMemo, useState } from 'react';
import { verdictOf } from '../../core/verdict';
import { useDataset } from '../../state/dataset';
import { useFaceDetail } from '../../state/face-detail';
import { isImportedDatabase, useRecognition } from '../../state/recognition';
import { FaceDetailDialog } from '../FaceDetailDialog';
import { ImageGrid } from '../dataset/ImageGrid';
import { ThresholdControl } from '../ThresholdControl';
import { AccuracyPanel } from './AccuracyPanel';
import { JobProgress } from './JobProgress';

type Filter = 'all' | 'mistakes';

/** Recognise held-out images against the chosen database: grid with true and predicted names, live threshold. */
export function RecognisePage() {
  const {
    databases,
    selectedId,
    job,
    threshold,
    outcomes,
    outcomesFor,
    outcomesRule,
    restored,
    interruptedRecognition,
    recognise,
    resumeRecognition,
    cancel,
  } = useRecognition();
  const openDetail = useFaceDetail((s) => s.open);
  const [filter, setFilter] = useState<Filter>('all');
  const [sampleSize, setSampleSize] = useState(0);
  const allDatasets = useDataset((s) => s.datasets);
  const datasets = useMemo(() => allDatasets.filter((d) => d.status === 'ready'), [allDatasets]);
  const [sourceId, setSourceId] = useState('');
  const database = databases.find((g) => g.id === selectedId && g.status === 'ready');
  const shown = outcomesFor === selectedId ? outcomes : null;

  const items = useMemo(
    () =>
      (shown ?? [])
        .map((o) => ({ o, v: verdictOf(o, threshold) }))
        .filter(({ v }) => filter === 'all' || v !== 'correct')
        .map(({ o, v }) => ({
          id: o.imageId,
          className: `rec-${v}`,
          truePerson: o.truePerson,
          alt: `Held-out image of ${o.truePerson}`,
          caption: (
            <span
              className="rec-caption"
              data-verdict={v}
              data-true={o.truePerson}
              data-predicted={o.predicted ?? ''}
              data-distance={o.distance}
            >
              <span>True: {o.truePerson}</span>
              <span>
                Pred: {v === 'no-match' ? 'No match' : o.predicted}
                {v === 'wrong' && ' ✗'}
              </span>
              <span className="muted">
                {o.error ??
                  `d = ${o.distance.toFixed(3)}${v === 'no-match' ? ` (nearest ${o.predicted})` : ''}`}
              </span>
            </span>
          ),
        })),
    [shown, threshold, filter],
  );

  const running = job.status === 'running';
  if (!database) {
    return (
      <section>
        <h2>Recognise</h2>
        <p className="muted" data-testid="rec-empty">
          {restored
            ? 'Build or choose a face database first (Face databases tab).'
            : 'Loading your face databases…'}
        </p>
      </section>
    );
  }
  const resumable = !running ? interruptedRecognition : null;
  const resumeName = databases.find((g) => g.id === resumable?.databaseId)?.name;
  const imported = isImportedDatabase(database);
  const source = imported ? (datasets.find((d) => d.id === sourceId) ?? datasets[0]) : undefined;
  const image = imported ? 'image' : 'held-out image';
  return (
    <section aria-labelledby="rec-title">
      <h2 id="rec-title">Recognise with “{database.name}”</h2>
      {imported && (
        <p className="muted" data-testid="rec-imported-note">
          This database was imported, so it has no held-out images of its own: every image of the dataset you
          choose is recognised, and its people are matched to the database by name. If the database was built
          from some of these images elsewhere, those are tested too and the accuracy reads high.
        </p>
      )}
      {resumable && (
        <div className="notice" data-testid="resume-recognition-notice">
          <p>
            Recognising with “{resumeName}” stopped when the page was closed or reloaded. Photos already
            measured are kept.{' '}
            <button type="button" onClick={() => void resumeRecognition()} data-testid="resume-recognition">
              Resume recognising
            </button>
          </p>
        </div>
      )}
      <div className="rec-controls">
        {imported && (
          <label>
            Dataset:{' '}
            <select
              value={source?.id ?? ''}
              onChange={(e) => setSourceId(e.target.value)}
              data-testid="rec-dataset"
              disabled={datasets.length === 0}
            >
              {datasets.length === 0 && <option value="">no dataset loaded (Dataset tab)</option>}
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.imageCount} images)
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Images:{' '}
          <select
            value={sampleSize}
            onChange={(e) => setSampleSize(Number(e.target.value))}
            data-testid="rec-scope"
          >
            <option value={0}>every {image}</option>
            <option value={50}>random 50 {image}s</option>
            <option value={100}>random 100 {image}s</option>
            <option value={500}>random 500 {image}s</option>
          </select>
        </label>
        <button
          type="button"
          disabled={running || (imported && !source)}
          data-testid="run-recognition"
          onClick={() =>
            void recognise({
              ...(sampleSize
                ? { kind: 'sample', size: sampleSize, seed: database.seed }
                : { kind: 'held-out' }),
              ...(source ? { datasetId: source.id } : {}),
            })
          }
        >
          Recognise
        </button>
        <ThresholdControl testId="threshold" />
        <label>
          <input
            type="checkbox"
            checked={filter === 'mistakes'}
            onChange={(e) => setFilter(e.target.checked ? 'mistakes' : 'all')}
            data-testid="only-mistakes"
          />{' '}
          Only mistakes and “No match”
        </label>
      </div>
      <JobProgress job={job} onCancel={cancel} />
      {shown && (
        <>
          <AccuracyPanel outcomes={shown} threshold={threshold} />
          <p className="muted rec-hint">Choose a photo to see why it got its answer.</p>
          <ImageGrid
            items={items}
            emptyText="No mistakes at this threshold."
            onOpen={(item) =>
              void openDetail({
                kind: 'test-image',
                databaseId: database.id,
                imageId: item.id,
                truePerson: item.truePerson,
                rule: outcomesRule,
              })
            }
          />
          <FaceDetailDialog />
        </>
      )}
    </section>
  );
}
