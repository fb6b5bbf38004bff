import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { formatPercent as pct } from '../../core/stats';
import type { OpenSetSummary } from '../../core/open-set';
import { toCsv } from '../../core/csv';
import { MATCH_RULE_LABELS, MATCH_RULES } from '../../core/matching-rules';
import { OPEN_SET_THRESHOLDS, SIMULATED_IDENTITIES, type StrangerSource } from '../../app/dashboard';
import { useDashboard } from '../../state/dashboard';
import { useDataset } from '../../state/dataset';
import { useEngineInfo } from '../../state/engine';
import { useRecognition } from '../../state/recognition';
import { useSettings } from '../../state/settings';
import { escapePlotlyText } from '../dataset/chart-data';
import { IntegerInput } from '../IntegerInput';
import { JobProgress } from '../recognition/JobProgress';
import { PerPersonSection } from './PerPersonSection';
import { SuspectsSection } from './SuspectsSection';
import { AdaptSection } from './AdaptSection';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import { TableScroll } from '../TableScroll';

/** The open set's two operating points, as the table and its Apply buttons show them. */
const operatingPoints = (summary: OpenSetSummary) => [
  { id: 'eer', label: `EER (${pct(summary.eer)})`, p: summary.atEer },
  { id: 'far1', label: '1 % FAR', p: summary.at1pctFar },
];

const ms = (x: number) => (Number.isFinite(x) ? `${x < 1 ? x.toFixed(3) : x.toFixed(1)} ms` : '–');

/** Accuracy dashboard: enrolment-size curve, open-set errors, verification ROC and matching rules. */
export function DashboardPage() {
  const { datasets, currentId, refresh } = useDataset();
  const engine = useEngineInfo();
  const { job, data, report, timings, evaluate, cancel, measureTimings, applyThreshold } = useDashboard();
  const threshold = useRecognition((s) => s.threshold);
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
  }, [refresh]);
  const chosen = datasets.find((d) => d.id === (datasetId || currentId)) ?? null;
  const running = job.status === 'running';

  useEffect(() => {
    if (report && !timings && !running) measureTimings();
  }, [report, timings, running, measureTimings]);

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

  const title = data ? escapePlotlyText(data.datasetName) : '';
  const base = data ? `${data.datasetName}-${data.modelKey}` : 'likeness';

  const accuracyChart = useMemo(() => {
    if (!report) return null;
    const c = report.curve;
    return {
      summary: `Held-out top-1 against enrolment images per person: ${c
        .map((p) => `${p.size} per person ${pct(p.top1)} (95 % CI ${pct(p.ci95[0])} – ${pct(p.ci95[1])})`)
        .join('; ')}. The table below lists the same values.`,
      data: [
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: 'top-1',
          x: c.map((p) => p.size),
          y: c.map((p) => p.top1 * 100),
          error_y: {
            type: 'data',
            symmetric: false,
            array: c.map((p) => (p.ci95[1] - p.top1) * 100),
            arrayminus: c.map((p) => (p.top1 - p.ci95[0]) * 100),
          },
          hovertemplate: '%{x} per person: %{y:.1f} %<extra></extra>',
        },
      ],
      layout: {
        title: { text: `Held-out top-1 vs images per person · ${title}`, font: { size: 13 } },
        xaxis: {
          title: { text: 'enrolment images per person' },
          type: 'log',
          tickvals: c.map((p) => p.size),
        },
        yaxis: { title: { text: 'top-1 (%) with 95 % CI' }, range: [0, 101] },
      },
    };
  }, [report, title]);

  const openSetChart = useMemo(() => {
    const os = report?.openSet;
    if (!os) return null;
    const t = os.curve.map((p) => p.threshold);
    const line = (name: string, y: number[], color: string) => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: t,
      y: y.map((v) => v * 100),
      line: { color },
      hovertemplate: `${name} at %{x:.2f}: %{y:.1f} %<extra></extra>`,
    });
    const markers: { x: number; label: string }[] = [{ x: os.summary.eerThreshold, label: 'EER' }];
    if (os.summary.thresholdAt1pctFar !== null)
      markers.push({ x: os.summary.thresholdAt1pctFar, label: '1 % FAR' });
    return {
      summary: `Strangers given a name (FAR), known people told No match (FRR) and wrong person, against the threshold from 0 to 2. Equal error rate ${pct(os.summary.eer)} at threshold ${os.summary.eerThreshold.toFixed(3)}; ${
        os.summary.thresholdAt1pctFar === null
          ? 'no threshold keeps FAR at 1 % or below'
          : `FAR stays at 1 % or below up to ${os.summary.thresholdAt1pctFar.toFixed(3)}`
      }. The table below gives both operating points.`,
      data: [
        line(
          'FAR (stranger given a name)',
          os.curve.map((p) => p.far),
          '#b91c1c',
        ),
        line(
          'FRR (known person: No match)',
          os.curve.map((p) => p.frr),
          '#1d4ed8',
        ),
        line(
          'Wrong person',
          os.curve.map((p) => p.wrongPerson),
          '#b45309',
        ),
      ],
      layout: {
        title: {
          text: `Open set · strangers: ${escapePlotlyText(data?.strangersName ?? '')}`,
          font: { size: 13 },
        },
        xaxis: { title: { text: 'threshold (distance)' }, range: [0, 2] },
        yaxis: { title: { text: 'rate (%)' }, range: [0, 101] },
        shapes: markers.map((m) => ({
          type: 'line',
          x0: m.x,
          x1: m.x,
          yref: 'paper',
          y0: 0,
          y1: 1,
          line: { dash: 'dot', color: '#444', width: 1 },
        })),
        annotations: markers.map((m, i) => ({
          x: m.x,
          yref: 'paper',
          y: 1 - i * 0.08,
          text: `${m.label} ${m.x.toFixed(3)}`,
          showarrow: false,
          xanchor: 'left',
        })),
        legend: { orientation: 'h', y: -0.25 },
      },
    };
  }, [report, data]);

  const rocChart = useMemo(() => {
    const v = report?.verification;
    if (!v) return null;
    return {
      summary: `ROC curve of ${v.genuine.length} genuine and ${v.impostor.length} impostor pairs: true accept rate against false accept rate, area under the curve ${v.auc.toFixed(4)}, equal error rate ${pct(v.eer)} at distance ${v.eerThreshold.toFixed(3)}.`,
      data: [
        {
          type: 'scatter',
          mode: 'lines',
          name: 'ROC',
          x: v.roc.map((p) => p.far),
          y: v.roc.map((p) => p.tpr),
          line: { shape: 'hv' },
          hovertemplate: 'FAR %{x:.4f}, TAR %{y:.4f}<extra></extra>',
        },
      ],
      layout: {
        title: { text: `Verification ROC · AUC ${v.auc.toFixed(4)} · EER ${pct(v.eer)}`, font: { size: 13 } },
        xaxis: { title: { text: 'false accept rate' }, range: [0, 1] },
        yaxis: { title: { text: 'true accept rate' }, range: [0, 1.01] },
        showlegend: false,
      },
    };
  }, [report]);

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
        <IntegerInput
          label="Test images per person"
          value={testPerPerson}
          onChange={setTestPerPerson}
          min={1}
          testId="dash-test-per-person"
        />
        <IntegerInput
          label="Enrolment candidates per person (≤ 50)"
          value={maxEnrol}
          onChange={setMaxEnrol}
          min={1}
          max={50}
          testId="dash-max-enrol"
        />
        <IntegerInput label="Seed" value={seed} onChange={setSeed} testId="dash-seed" />
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
      <JobProgress job={job} onCancel={cancel} />
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

      {report && data && accuracyChart && (
        <div className="dash-results" data-testid="dash-results">
          <section aria-labelledby="dash-acc">
            <h3 id="dash-acc">Held-out top-1 vs images per person</h3>
            <PlotlyChart
              testId="chart-accuracy"
              caption="Nearest average, the same test probes at every size"
              points={report.curve.length}
              filename={safeFileName(`${base}-accuracy-vs-enrolment`)}
              {...accuracyChart}
            />
            <TableScroll label="Top-1 against images per person">
              <table className="db-table" data-testid="table-accuracy">
                <thead>
                  <tr>
                    <th>Per person</th>
                    <th>People</th>
                    <th>Tested</th>
                    <th>Top-1</th>
                    <th>95 % CI</th>
                    <th>People with fewer</th>
                  </tr>
                </thead>
                <tbody>
                  {report.curve.map((p) => (
                    <tr key={p.size} data-size={p.size} data-top1={p.top1}>
                      <td>{p.size}</td>
                      <td>{p.identities}</td>
                      <td>{p.tested}</td>
                      <td>{pct(p.top1)}</td>
                      <td>
                        {pct(p.ci95[0])} – {pct(p.ci95[1])}
                      </td>
                      <td>{p.short}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <CsvButton
              testId="csv-accuracy"
              filename={`${base}-accuracy-vs-enrolment`}
              csv={() =>
                toCsv(
                  ['per_person', 'identities', 'tested', 'correct', 'top1', 'ci95_low', 'ci95_high', 'short'],
                  report.curve.map((p) => [
                    p.size,
                    p.identities,
                    p.tested,
                    p.correct,
                    p.top1,
                    p.ci95[0],
                    p.ci95[1],
                    p.short,
                  ]),
                )
              }
            />
          </section>

          <section aria-labelledby="dash-open">
            <h3 id="dash-open">Open set: strangers, no-match and wrong person vs threshold</h3>
            {!report.openSet && (
              <p className="muted" data-testid="open-set-missing">
                {report.openSetError ??
                  'Choose strangers (held-out people or another dataset) and evaluate again.'}
              </p>
            )}
            {report.openSet && openSetChart && (
              <>
                <PlotlyChart
                  testId="chart-open-set"
                  caption={`${report.openSet.summary.known} known probes, ${report.openSet.summary.strangers} stranger images, ${report.size} enrolled per person`}
                  points={OPEN_SET_THRESHOLDS.length}
                  filename={safeFileName(`${base}-open-set`)}
                  {...openSetChart}
                />
                <TableScroll label="Operating points">
                  <table
                    className="db-table"
                    data-testid="table-open-set"
                    data-open-set={JSON.stringify({
                      eerThreshold: report.openSet.summary.eerThreshold,
                      eer: report.openSet.summary.eer,
                      thresholdAt1pctFar: report.openSet.summary.thresholdAt1pctFar,
                      atEer: report.openSet.summary.atEer,
                      at1pctFar: report.openSet.summary.at1pctFar,
                      known: report.openSet.summary.known,
                      strangers: report.openSet.summary.strangers,
                    })}
                  >
                    <thead>
                      <tr>
                        <th>Operating point</th>
                        <th>Threshold</th>
                        <th>FAR</th>
                        <th>FRR</th>
                        <th>Wrong person</th>
                        <th>Correct</th>
                      </tr>
                    </thead>
                    <tbody>
                      {operatingPoints(report.openSet.summary).map(({ id, label, p }) => (
                        <tr key={id}>
                          <td>{label}</td>
                          {p ? (
                            <>
                              <td>{p.threshold.toFixed(3)}</td>
                              <td>{pct(p.far)}</td>
                              <td>{pct(p.frr)}</td>
                              <td>{pct(p.wrongPerson)}</td>
                              <td>{pct(p.correct)}</td>
                            </>
                          ) : (
                            <td colSpan={5} className="muted">
                              No threshold keeps FAR at 1 % or below.
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                <p className="button-row">
                  {operatingPoints(report.openSet.summary).map(
                    ({ id, p }) =>
                      p && (
                        <button
                          key={id}
                          type="button"
                          data-testid={`apply-${id}`}
                          onClick={() => applyThreshold(p.threshold)}
                        >
                          Apply {id === 'eer' ? 'EER' : '1 % FAR'} threshold ({p.threshold.toFixed(3)})
                        </button>
                      ),
                  )}
                </p>
                <p className="muted">
                  The Recognise tab’s threshold is now{' '}
                  <strong data-testid="dash-threshold">{threshold.toFixed(3)}</strong>.
                </p>
                <CsvButton
                  testId="csv-open-set"
                  filename={`${base}-open-set`}
                  csv={() =>
                    toCsv(
                      ['threshold', 'far', 'frr', 'wrong_person', 'correct'],
                      report.openSet!.curve.map((p) => [p.threshold, p.far, p.frr, p.wrongPerson, p.correct]),
                    )
                  }
                />
              </>
            )}
          </section>

          <section aria-labelledby="dash-roc">
            <h3 id="dash-roc">Verification: genuine vs impostor pairs of held-out images</h3>
            {report.verification && rocChart ? (
              <>
                <PlotlyChart
                  testId="chart-roc"
                  caption={`${report.verification.genuine.length} genuine and ${report.verification.impostor.length} impostor pairs`}
                  points={report.verification.roc.length}
                  filename={safeFileName(`${base}-roc`)}
                  {...rocChart}
                />
                <p
                  data-testid="roc-auc"
                  data-auc={report.verification.auc}
                  data-eer={report.verification.eer}
                >
                  AUC {report.verification.auc.toFixed(4)} · EER {pct(report.verification.eer)} at distance{' '}
                  {report.verification.eerThreshold.toFixed(3)}
                </p>
                <CsvButton
                  testId="csv-roc"
                  filename={`${base}-roc`}
                  csv={() =>
                    toCsv(
                      ['threshold', 'far', 'tar'],
                      report.verification!.roc.map((p) => [p.threshold, p.far, p.tpr]),
                    )
                  }
                />
              </>
            ) : (
              <p className="muted">{report.verificationError}</p>
            )}
          </section>

          <section aria-labelledby="dash-rules">
            <h3 id="dash-rules">Average vs k nearest images ({report.size} enrolled per person)</h3>
            <TableScroll label="Matching rules">
              <table className="db-table" data-testid="table-rules">
                <thead>
                  <tr>
                    <th>Rule</th>
                    <th>Top-1</th>
                    <th>95 % CI</th>
                    <th>Rows scanned</th>
                    <th>ms / probe</th>
                    <th>ms / probe at {SIMULATED_IDENTITIES.toLocaleString('en')} people</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rules.map((r) => {
                    const t = timings?.find((x) => x.rule === r.rule);
                    return (
                      <tr
                        key={r.rule}
                        data-rule={r.rule}
                        data-top1={r.top1}
                        data-rows={t?.rows}
                        data-ms-per-probe={t?.msPerProbe}
                        data-ms-per-probe-at10k={t?.msPerProbeAt10k}
                      >
                        <td>{MATCH_RULE_LABELS[r.rule]}</td>
                        <td>{pct(r.top1)}</td>
                        <td>
                          {pct(r.ci95[0])} – {pct(r.ci95[1])}
                        </td>
                        <td>{t?.rows ?? '…'}</td>
                        <td>{t ? ms(t.msPerProbe) : '…'}</td>
                        <td>{t ? ms(t.msPerProbeAt10k) : '…'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <p className="muted">
              Times are on this page’s main thread. At {SIMULATED_IDENTITIES.toLocaleString('en')} people the
              gallery is random unit vectors; kNN scans {SIMULATED_IDENTITIES.toLocaleString('en')} ×{' '}
              {report.size} rows, timed as {report.size} passes over{' '}
              {SIMULATED_IDENTITIES.toLocaleString('en')} rows.{' '}
              <button type="button" onClick={measureTimings} data-testid="measure-timings">
                Measure again
              </button>
            </p>
            <CsvButton
              testId="csv-rules"
              filename={`${base}-matching-rules`}
              csv={() =>
                toCsv(
                  [
                    'rule',
                    'tested',
                    'correct',
                    'top1',
                    'ci95_low',
                    'ci95_high',
                    'rows',
                    'ms_per_probe',
                    'ms_per_probe_10k',
                  ],
                  report.rules.map((r) => {
                    const t = timings?.find((x) => x.rule === r.rule);
                    return [
                      r.rule,
                      r.tested,
                      r.correct,
                      r.top1,
                      r.ci95[0],
                      r.ci95[1],
                      t?.rows ?? null,
                      t?.msPerProbe ?? null,
                      t?.msPerProbeAt10k ?? null,
                    ];
                  }),
                )
              }
            />
          </section>
          <PerPersonSection data={data} report={report} base={base} />
          <SuspectsSection data={data} report={report} base={base} />
          <AdaptSection data={data} report={report} base={base} />
        </div>
      )}
    </section>
  );
}
