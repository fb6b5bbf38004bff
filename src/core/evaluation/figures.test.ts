import { describe, expect, it } from 'vitest';
import { analyseEvaluation } from './analyse';
import type { EvaluationData } from './data';
import { escapePlotlyText } from './figure';
import {
  accuracyFigure,
  confusionFigure,
  MAX_TICK_LABELS,
  openSetFigure,
  perPersonFigure,
  rocFigure,
} from './figures';
import { analysePeople } from './people';
import { measureSearchTimes, timePerProbe } from './search-times';

const v = (...xs: number[]) => Float32Array.from(xs);
const data: EvaluationData = {
  modelKey: 'm|align',
  datasetName: '<b>tiny</b>',
  strangersName: 'others & co',
  people: [
    { person: 'A<script>', enrolment: [v(1, 0, 0), v(1, 0.1, 0)], probes: [v(1, 0.05, 0), v(0.2, 1, 0)] },
    { person: 'B', enrolment: [v(0, 1, 0), v(0.1, 1, 0)], probes: [v(0, 1, 0.05)] },
  ],
  strangers: [v(0, 0, 1)],
  failed: { probes: 0, enrolment: 0, strangers: 0 },
  testPerPerson: 2,
  maxEnrol: 2,
};
const report = analyseEvaluation(data, [1, 2]);
type Trace = Record<string, unknown> & { x: unknown[]; y: unknown[] };
const trace = (f: { data: object[] }, i = 0) => f.data[i] as Trace;
const layout = (f: { layout: object }) => f.layout as Record<string, { text?: string }>;

describe('figures', () => {
  it('accuracy: one point per size in percent, CI bars, the dataset name escaped', () => {
    const f = accuracyFigure(report.curve, data.datasetName);
    expect(trace(f).x).toEqual([1, 2]);
    expect(trace(f).y).toEqual(report.curve.map((p) => p.top1 * 100));
    const bars = trace(f).error_y as { array: number[]; arrayminus: number[] };
    expect(bars.array[0]).toBeCloseTo((report.curve[0]!.ci95[1] - report.curve[0]!.top1) * 100, 9);
    expect(layout(f).title!.text).toContain('&lt;b&gt;tiny&lt;/b&gt;');
    expect(layout(f).title!.text).not.toContain('<b>');
  });

  it('open set: three rate lines over the thresholds and a marker per operating point', () => {
    const f = openSetFigure(report.openSet!, data.strangersName!);
    expect(f.data).toHaveLength(3);
    expect(trace(f).x).toHaveLength(report.openSet!.curve.length);
    const shapes = (f.layout as { shapes: { x0: number }[] }).shapes;
    expect(shapes[0]!.x0).toBe(report.openSet!.summary.eerThreshold);
    expect(layout(f).title!.text).toContain('others &amp; co');
  });

  it('ROC: FAR against TAR, AUC in the title', () => {
    const f = rocFigure(report.verification!);
    expect(trace(f).x).toEqual(report.verification!.roc.map((p) => p.far));
    expect(layout(f).title!.text).toContain(`AUC ${report.verification!.auc.toFixed(4)}`);
  });

  it('per person and confusion: names escaped, rows as shares of each person’s probes', () => {
    const people = analysePeople(data, report);
    const bars = perPersonFigure(people.accuracy, report.size);
    expect(trace(bars).x).toContain(escapePlotlyText('A<script>'));
    const heat = confusionFigure(people);
    const z = trace(heat).z as number[][];
    const a = people.order.indexOf('A<script>');
    expect(z[a]!.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect((heat.layout as { xaxis: { showticklabels: boolean } }).xaxis.showticklabels).toBe(
      people.order.length <= MAX_TICK_LABELS,
    );
  });
});

describe('figure summaries', () => {
  it('every figure carries a text alternative with its numbers', () => {
    const people = analysePeople(data, report);
    const summaries = {
      accuracy: accuracyFigure(report.curve, data.datasetName).summary,
      openSet: openSetFigure(report.openSet!, data.strangersName!).summary,
      roc: rocFigure(report.verification!).summary,
      perPerson: perPersonFigure(people.accuracy, report.size).summary,
      confusion: confusionFigure(people).summary,
    };
    expect(summaries.accuracy).toContain(`2 per person ${(report.curve[1]!.top1 * 100).toFixed(1)} %`);
    expect(summaries.openSet).toContain(`at threshold ${report.openSet!.summary.eerThreshold.toFixed(3)}`);
    expect(summaries.roc).toContain(`area under the curve ${report.verification!.auc.toFixed(4)}`);
    expect(summaries.perPerson).toContain(`${people.accuracy.length} people`);
    expect(summaries.perPerson).toContain('A<script>'); // plain text for a screen reader, not plotly markup
    expect(summaries.confusion).toContain(`Confusion matrix of ${people.order.length} people`);
  });
});

describe('search times', () => {
  it('timePerProbe repeats until the clock has run minMs, at least three times', () => {
    let t = 0;
    let calls = 0;
    const ms = timePerProbe(
      [v(1)],
      () => calls++,
      10,
      () => (t += 4),
    );
    expect(calls).toBe(3);
    // The clock reads 4 at the start, then 8, 12, 16: 12 ms over three calls.
    expect(ms).toBe(4);
    expect(timePerProbe([], () => {})).toBeNaN();
  });

  it('rows scanned per rule come from the matcher', () => {
    const t = measureSearchTimes(data, 2, ['average', 'knn3']);
    expect(t.map((x) => [x.rule, x.rows])).toEqual([
      ['average', 2],
      ['knn3', 4],
    ]);
  });
});
