import { useEffect, useId, useState, type FormEvent } from 'react';
import { MATCH_RULE_LABELS, MATCH_RULES } from '../../core/matcher';
import type { EvaluationRequest, StrangerSource } from '../../app/dashboard';
import { useDashboard } from '../../state/dashboard';
import { useDataset } from '../../state/dataset';
import { useEngineInfo } from '../../state/engine';
import { useSettings } from '../../state/settings';
import { IntegerInput } from '../IntegerInput';
import { SplitFields } from '../SplitFields';
import { JobProgress } from '../recognition/JobProgress';
import { DASHBOARD_SECTIONS } from './sections';

/** Accuracy dashboard: the evaluation form, the matching rule, then every section of DASHBOARD_SECTIONS. */
export function DashboardPage() {
  const { datasets, currentId, refresh } = useDataset();
  const engine = useEngineInfo();
  const {
    job,
    data,
    report,
    evaluate,
    cancel,
    request,
    interrupted,
    restoring,
    restoreError,
    restore,
    resume,
  } = useDashboard();
  const { matchRule, setMatchRule } = useSettings();
  const [datasetId, setDatasetId] = useState<string>('');
  const [testPerPerson, setTestPerPerson] = useState(5);
  const [maxEnrol, setMaxEnrol] = useState(10);
  const [seed, setSeed] = useState(42);
  const [strangerKind, setStrangerKind] = useState<string>('none');
  const [heldOut, setHeldOut] = useState(3);
  const ids = { ds: useId(), str: useId() };

  useEffect(() => {
    void refresh();
    void restore();
  }, [refresh, restore]);
  // The form shows the request of the results (or of the interrupted run) once it is read back.
  const [shownRequest, setShownRequest] = useState<EvaluationRequest | null>(null);
  if (request && request !== shownRequest) {
    setShownRequest(request);
    setDatasetId(request.datasetId);
    setTestPerPerson(request.testPerPerson);
    setMaxEnrol(request.maxEnrol);
    setSeed(request.seed);
    const { strangers } = request;
    setStrangerKind(strangers.kind === 'dataset' ? `dataset:${strangers.datasetId}` : strangers.kind);
    if (strangers.kind === 'held-out') setHeldOut(strangers.count);
  }
  const chosen = datasets.find((d) => d.id === (datasetId || currentId)) ?? null;
  const running = job.status === 'running';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    const strangers: StrangerSource =
      strangerKind === 'none'
        ? { kind: 'none' }
        : strangerKind === 'held-out'
          ? { kind: 'held-out', count: heldOut }
          : { kind: 'dataset', datasetId: strangerKind.slice('dataset:'.length) };
    void evaluate({ datasetId: chosen.id, testPerPerson, maxEnrol, seed, strangers });
  }

  const base = data ? `${data.datasetName}-${data.modelKey}` : 'likeness';

  const interruptedName = datasets.find((d) => d.id === interrupted?.request.datasetId)?.name ?? 'a dataset';
  const strangerOptions = datasets.filter((d) => d.id !== chosen?.id && d.status === 'ready');

  return (
    <section aria-labelledby="dash-title">
      <h2 id="dash-title">Accuracy dashboard</h2>
      <form className="build-form" onSubmit={submit} aria-label="Evaluate">
        <p className="muted">
          With <strong>{engine?.model.label ?? '…'}</strong> ({engine?.cropMode ?? '…'} crop). Per person a
          fixed set of held-out test images and up to {maxEnrol} enrolment candidates are picked from the
          seed; every curve below is computed from stored embeddings, and nothing is embedded twice.
        </p>
        <label htmlFor={ids.ds}>Dataset</label>
        <select
          id={ids.ds}
          value={chosen?.id ?? ''}
          onChange={(e) => setDatasetId(e.target.value)}
          data-testid="dash-dataset"
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <SplitFields
          testLabel="Test images per person"
          testPerPerson={testPerPerson}
          onTestPerPerson={setTestPerPerson}
          minTest={1}
          seed={seed}
          onSeed={setSeed}
          testIds={{ testPerPerson: 'dash-test-per-person', seed: 'dash-seed' }}
        >
          <IntegerInput
            label="Enrolment candidates per person (≤ 50)"
            value={maxEnrol}
            onChange={setMaxEnrol}
            min={1}
            max={50}
            testId="dash-max-enrol"
          />
        </SplitFields>
        <label htmlFor={ids.str}>Strangers (open set)</label>
        <select
          id={ids.str}
          value={strangerKind}
          onChange={(e) => setStrangerKind(e.target.value)}
          data-testid="dash-strangers"
        >
          <option value="none">none</option>
          <option value="held-out">hold out people of this dataset</option>
          {strangerOptions.map((d) => (
            <option key={d.id} value={`dataset:${d.id}`}>
              dataset: {d.name}
            </option>
          ))}
        </select>
        {strangerKind === 'held-out' && (
          <IntegerInput
            label="People held out as strangers"
            value={heldOut}
            onChange={setHeldOut}
            min={1}
            testId="dash-held-out"
          />
        )}
        <button type="submit" disabled={running || !chosen || !engine} data-testid="dash-evaluate">
          Evaluate
        </button>
      </form>
      {interrupted && !running && (
        <div className="notice" data-testid="resume-evaluation-notice">
          <p>
            The evaluation of “{interruptedName}” stopped when the page was closed or reloaded. Photos already
            measured are kept.{' '}
            <button type="button" onClick={() => void resume()} data-testid="resume-evaluation">
              Resume evaluation
            </button>
          </p>
        </div>
      )}
      <JobProgress job={job} onCancel={cancel} />
      {restoring && (
        <p className="muted" role="status" data-testid="dash-restoring">
          Bringing back the last evaluation…
        </p>
      )}
      {restoreError && (
        <p role="alert" className="error-text">
          {restoreError}
        </p>
      )}
      <fieldset className="dash-rule" data-testid="match-rule">
        <legend>Matching rule for the Recognise tab</legend>
        {MATCH_RULES.map((rule) => (
          <label key={rule}>
            <input
              type="radio"
              name="match-rule"
              value={rule}
              checked={matchRule === rule}
              onChange={() => setMatchRule(rule)}
            />{' '}
            {MATCH_RULE_LABELS[rule]}
          </label>
        ))}
      </fieldset>

      {report && data && (
        <div className="dash-results" data-testid="dash-results">
          {DASHBOARD_SECTIONS.map(({ id, Section }) => (
            <Section key={id} data={data} report={report} base={base} />
          ))}
        </div>
      )}
    </section>
  );
}
