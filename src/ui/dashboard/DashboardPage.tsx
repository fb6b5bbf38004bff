import { useEffect, useState, type FormEvent } from 'react';
import { MATCH_RULE_LABELS, MATCH_RULES } from '../../core/matcher';
import type { EvaluationRequest, StrangerSource } from '../../app/dashboard';
import { useDashboard } from '../../state/dashboard';
import { useDataset } from '../../state/dataset';
import { useEngineInfo } from '../../state/engine';
import { useSettings } from '../../state/settings';
import { IntegerInput } from '../IntegerInput';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { EmptyState } from '../kit/EmptyState';
import { Field } from '../kit/Field';
import { SplitFields } from '../SplitFields';
import { JobProgress } from '../recognition/JobProgress';
import { DASHBOARD_SECTIONS } from './sections';
import './dashboard.css';

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
    <section aria-labelledby="dash-title" className="page">
      <div className="page-head">
        <h2 id="dash-title">Accuracy dashboard</h2>
        <p>
          How well recognition works on a dataset. Some photos of each person are kept apart for testing;
          every chart below is drawn from the same face prints, and nothing is computed twice.
        </p>
      </div>
      <div className="split">
        <div className="stack dash-controls">
          <Card title="Measure accuracy">
            <form className="stack" onSubmit={submit} aria-label="Evaluate">
              <Field label="Dataset">
                {(control) => (
                  <select
                    {...control}
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
                )}
              </Field>
              <SplitFields
                testLabel="Test photos per person"
                testPerPerson={testPerPerson}
                onTestPerPerson={setTestPerPerson}
                minTest={1}
                seed={seed}
                onSeed={setSeed}
                testIds={{ testPerPerson: 'dash-test-per-person', seed: 'dash-seed' }}
              >
                <IntegerInput
                  label="Most photos per person to build with"
                  help="Up to 50; the charts try 1, 3, 5, 10, 25 and 50."
                  value={maxEnrol}
                  onChange={setMaxEnrol}
                  min={1}
                  max={50}
                  testId="dash-max-enrol"
                />
              </SplitFields>
              <Field label="Strangers" help="Photos of people it should not know, to see who it lets in.">
                {(control) => (
                  <select
                    {...control}
                    value={strangerKind}
                    onChange={(e) => setStrangerKind(e.target.value)}
                    data-testid="dash-strangers"
                  >
                    <option value="none">none</option>
                    <option value="held-out">people kept out of this dataset</option>
                    {strangerOptions.map((d) => (
                      <option key={d.id} value={`dataset:${d.id}`}>
                        dataset: {d.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {strangerKind === 'held-out' && (
                <IntegerInput
                  label="People kept out as strangers"
                  value={heldOut}
                  onChange={setHeldOut}
                  min={1}
                  testId="dash-held-out"
                />
              )}
              <div className="actions">
                <button
                  type="submit"
                  className="primary"
                  disabled={running || !chosen || !engine}
                  data-testid="dash-evaluate"
                >
                  Measure accuracy
                </button>
              </div>
              <JobProgress job={job} kind="evaluate" onCancel={cancel} />
              {interrupted && !running && (
                <div className="notice" data-testid="resume-evaluation-notice">
                  <p>
                    The measuring of “{interruptedName}” stopped when the page was closed or reloaded. Photos
                    already measured are kept.
                  </p>
                  <div className="actions">
                    <button type="button" onClick={() => void resume()} data-testid="resume-evaluation">
                      Resume
                    </button>
                  </div>
                </div>
              )}
              {restoring && (
                <p className="muted" role="status" data-testid="dash-restoring">
                  Bringing back the last results…
                </p>
              )}
              {restoreError && (
                <p role="alert" className="error-text">
                  {restoreError}
                </p>
              )}
              <Details>
                <p>
                  Model: {engine?.model.label ?? '…'}, {engine?.cropMode ?? '…'} crop. Per person, a fixed set
                  of test photos and up to {maxEnrol} photos to build with are picked from the seed.
                </p>
              </Details>
            </form>
          </Card>
          <Card title="How faces are matched" description="Used by the Recognise and Camera tabs.">
            <fieldset className="stack" data-testid="match-rule">
              <legend className="sr-only">Matching rule for the Recognise tab</legend>
              {MATCH_RULES.map((rule) => (
                <label key={rule} className="check">
                  <input
                    type="radio"
                    name="match-rule"
                    value={rule}
                    checked={matchRule === rule}
                    onChange={() => setMatchRule(rule)}
                  />
                  {MATCH_RULE_LABELS[rule]}
                </label>
              ))}
            </fieldset>
          </Card>
        </div>
        {report && data ? (
          <div className="stack dash-results" data-testid="dash-results">
            {DASHBOARD_SECTIONS.map(({ id, Section }) => (
              <Section key={id} data={data} report={report} base={base} />
            ))}
          </div>
        ) : (
          <div className="card">
            <EmptyState title="Nothing measured yet">
              Choose a dataset and press “Measure accuracy”. The charts of how often people are named
              correctly, and who is let in, appear here.
            </EmptyState>
          </div>
        )}
      </div>
    </section>
  );
}
