import { useDataset } from '../../state/dataset';
import { useEngine } from '../../state/engine';
import { useRecognition } from '../../state/recognition';
import { sample, useSample, type SampleStep } from '../../state/sample';

const stepLabels: Record<SampleStep, string> = {
  fetch: 'Loading the sample photos',
  import: 'Importing',
  engine: 'Starting the face engine',
  enrol: 'Building the face database',
  recognise: 'Recognising the test photos',
};

/** Where the running step stands, from the store that does the work. */
function StepProgress({ step, fetched }: { step: SampleStep; fetched: number }) {
  const importJob = useDataset((s) => s.job);
  const engine = useEngine((s) => s.state);
  const job = useRecognition((s) => s.job);
  let done = 0;
  let total = 0;
  let detail = '';
  if (step === 'fetch') [done, total] = [fetched, sample.images];
  if (step === 'import' && importJob.status === 'running') [done, total] = [importJob.done, importJob.total];
  if (step === 'engine' && engine.status === 'loading') detail = engine.message;
  if ((step === 'enrol' || step === 'recognise') && job.status === 'running')
    [done, total] = [job.done, job.total];
  return (
    <>
      <span>
        {stepLabels[step]}
        {total > 0 ? `: ${done} of ${total}` : '…'}
        {detail && ` ${detail}`}
      </span>
      {total > 0 ? <progress max={total} value={done} /> : <progress />}
    </>
  );
}

/**
 * "Try the sample": imports the bundled 8 × 5 faces, builds a face database and recognises the test
 * photos in one go. The first thing a newcomer sees; a single line once there is a dataset.
 */
export function SampleCard({ prominent }: { prominent: boolean }) {
  const run = useSample((s) => s.run);
  const start = useSample((s) => s.start);
  const cancel = useSample((s) => s.cancel);
  const importing = useDataset((s) => s.job.status === 'running');
  const jobRunning = useRecognition((s) => s.job.status === 'running');
  const running = run.status === 'running';

  return (
    <section
      className={prominent ? 'card sample-card prominent' : 'sample-card'}
      aria-label="Sample dataset"
      data-testid="sample-card"
    >
      {prominent && <h3>New here? Try the sample</h3>}
      <p className={prominent ? undefined : 'muted small'}>
        {prominent ? 'See the whole flow in one click: ' : 'Or try the built-in sample: '}
        {sample.images} photos of {sample.people} people are imported, a face database is built from{' '}
        {sample.perPerson} photos per person, and the other {sample.testPerPerson} per person are recognised.
        Nothing leaves this device.
      </p>
      <div className="actions">
        <button
          type="button"
          className={prominent ? 'primary lg' : undefined}
          disabled={running || importing || jobRunning}
          onClick={() => void start()}
          data-testid="try-sample"
        >
          Try the sample
        </button>
      </div>
      {running && (
        <div className="job-progress" data-testid="sample-status" data-step={run.step} aria-live="polite">
          <StepProgress step={run.step} fetched={run.fetched} />
          <button type="button" onClick={cancel} data-testid="sample-cancel">
            Cancel
          </button>
        </div>
      )}
      {run.status === 'done' && (
        <p className="status-line done" data-testid="sample-status" data-step="done">
          {run.result}
        </p>
      )}
      {run.status === 'error' && (
        <p role="alert" className="error-text" data-testid="sample-status" data-step="error">
          {run.message}
        </p>
      )}
      <p className="muted sample-credit" data-testid="sample-attribution">
        Sample: {sample.attribution} (
        <a href={sample.attributionUrl} target="_blank" rel="noreferrer">
          licence
        </a>
        ).
      </p>
    </section>
  );
}
