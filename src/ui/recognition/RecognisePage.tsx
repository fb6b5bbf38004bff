import { useMemo, useState } from 'react';
import { verdictOf } from '../../core/verdict';
import { useDataset } from '../../state/dataset';
import { useFaceDetail } from '../../state/face-detail';
import { isImportedDatabase, useRecognition } from '../../state/recognition';
import { FaceDetailDialog } from '../FaceDetailDialog';
import { ImageGrid } from '../dataset/ImageGrid';
import { Card } from '../kit/Card';
import { EmptyState } from '../kit/EmptyState';
import { Field } from '../kit/Field';
import { ThresholdControl } from '../ThresholdControl';
import './recognise.css';
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
          alt: `Test photo of ${o.truePerson}`,
          caption: (
            <span
              className="rec-caption"
              data-verdict={v}
              data-true={o.truePerson}
              data-predicted={o.predicted ?? ''}
              data-distance={o.distance}
            >
              <span className="ds-name">{o.truePerson}</span>
              <span className={`rec-answer ${v}`}>
                {o.error ??
                  (v === 'correct'
                    ? '✓ Named'
                    : v === 'wrong'
                      ? `✕ Seen as ${o.predicted}`
                      : `No match · nearest ${o.predicted}`)}
              </span>
            </span>
          ),
        })),
    [shown, threshold, filter],
  );

  const running = job.status === 'running';
  if (!database) {
    return (
      <section className="page" aria-labelledby="rec-title">
        <div className="page-head">
          <h2 id="rec-title">Recognise</h2>
        </div>
        {!restored ? (
          <p className="muted" role="status" data-testid="rec-empty">
            Loading your face databases…
          </p>
        ) : (
          <div className="card" data-testid="rec-empty">
            <EmptyState
              title="No face database yet"
              actions={
                <a className="button primary" href="#databases">
                  Build a face database
                </a>
              }
            >
              Build one from the photos of a dataset on the Face databases tab, or choose one there.
            </EmptyState>
          </div>
        )}
      </section>
    );
  }
  const resumable = !running ? interruptedRecognition : null;
  const resumeName = databases.find((g) => g.id === resumable?.databaseId)?.name;
  const imported = isImportedDatabase(database);
  const source = imported ? (datasets.find((d) => d.id === sourceId) ?? datasets[0]) : undefined;
  const image = imported ? 'photo' : 'test photo';
  return (
    <section aria-labelledby="rec-title" className="page">
      <div className="page-head">
        <h2 id="rec-title">Recognise</h2>
        <p>
          With <strong className="db-chosen">“{database.name}”</strong>.{' '}
          {imported
            ? 'Every photo of the dataset you choose is compared with the face database.'
            : 'Each test photo is compared with the face database; none of them was used to build it.'}
        </p>
      </div>
      {imported && (
        <p className="notice" data-testid="rec-imported-note">
          This database was imported, so it has no test photos of its own: every photo of the dataset you
          choose is recognised, and its people are matched to the database by name. If the database was built
          from some of these photos elsewhere, those are tested too and the results read high.
        </p>
      )}
      {resumable && (
        <div className="notice" data-testid="resume-recognition-notice">
          <p>
            Recognising with “{resumeName}” stopped when the page was closed or reloaded. Photos already done
            are kept.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void resumeRecognition()} data-testid="resume-recognition">
              Resume
            </button>
          </div>
        </div>
      )}
      <div className="split">
        <Card>
          <div className="stack">
            {imported && (
              <Field label="Dataset">
                {(control) => (
                  <select
                    {...control}
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
                )}
              </Field>
            )}
            <Field label="Photos">
              {(control) => (
                <select
                  {...control}
                  value={sampleSize}
                  onChange={(e) => setSampleSize(Number(e.target.value))}
                  data-testid="rec-scope"
                >
                  <option value={0}>every {image}</option>
                  <option value={50}>50 {image}s at random</option>
                  <option value={100}>100 {image}s at random</option>
                  <option value={500}>500 {image}s at random</option>
                </select>
              )}
            </Field>
            <div className="actions">
              <button
                type="button"
                className="primary"
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
                Recognise {imported ? 'these photos' : 'test photos'}
              </button>
            </div>
            <JobProgress job={job} kind="recognise" onCancel={cancel} />
            <ThresholdControl testId="threshold" />
          </div>
        </Card>
        {shown ? (
          <div className="stack rec-results">
            <AccuracyPanel outcomes={shown} threshold={threshold} />
            <Card
              title="Each test photo"
              description="Choose a photo to see why it got its answer."
              actions={
                <label className="check">
                  <input
                    type="checkbox"
                    checked={filter === 'mistakes'}
                    onChange={(e) => setFilter(e.target.checked ? 'mistakes' : 'all')}
                    data-testid="only-mistakes"
                  />
                  Only mistakes and “No match”
                </label>
              }
            >
              <ImageGrid
                items={items}
                minCellWidth={112}
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
            </Card>
            <FaceDetailDialog />
          </div>
        ) : (
          <div className="card">
            <EmptyState title="Nothing recognised yet">
              Press “Recognise {imported ? 'these photos' : 'test photos'}” to see how many are named
              correctly.
            </EmptyState>
          </div>
        )}
      </div>
    </section>
  );
}
