import { describe, expect, it } from 'vitest';
import { analyseEvaluation } from './analyse';
import type { EvaluationData } from './data';
import {
  distinctLabels,
  escapePlotlyText,
  oneIn,
  PEOPLE_SHOWN,
  percentAxis,
  shortLabel,
  topAndRest,
  type ChartPalette,
} from './figure';
import { accuracyFigure, openSetFigure, rocFigure } from './figures';
import { analysePeople, HEATMAP_PEOPLE, mostMixedUp } from './people';
import { confusionFigure, perPersonFigure } from './people-figures';
import { measureSearchTimes, timePerProbe } from './search-times';
import type { PersonAccuracy } from '../per-person';

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
const palette: ChartPalette = {
  text: '#111',
  muted: '#666',
  grid: '#ddd',
  surface: '#fff',
  accent: '#36d',
  right: '#3a6',
  wrong: '#e44',
};
type Trace = Record<string, unknown> & { x: unknown[]; y: unknown[] };
const trace = (f: { data: object[] }, i = 0) => f.data[i] as Trace;
type Axis = { range: number[]; title: { text: string }; type?: string; ticktext?: string[] };
const axes = (f: { layout: object }) => f.layout as { xaxis: Axis; yaxis: Axis };

describe('figure helpers', () => {
  it('a percent axis starts on a step of 5 under the lowest value and says so', () => {
    expect(percentAxis('correct', [0.93, 0.88]).range[0]).toBe(85);
    expect(percentAxis('correct', [0.93, 0.88]).title.text).toBe('correct (%, 85–100)');
    expect(percentAxis('correct', [0.01]).title.text).toBe('correct (%)');
    expect(percentAxis('correct', [1]).range[0]).toBe(95);
  });

  it('rates in words, two significant figures', () => {
    expect(oneIn(0)).toBe('none');
    expect(oneIn(1e-5)).toBe('1 in 100,000');
    expect(oneIn(1 / 2127)).toBe('1 in 2,100');
    expect(oneIn(0.1)).toBe('1 in 10');
    expect(oneIn(0.5)).toBe('50 %');
  });

  it('long names are cut, repeated labels kept apart, the rest summed up', () => {
    expect(shortLabel('Alexandra Daddario Jones the Third')).toBe('Alexandra Daddario Jo…');
    expect(shortLabel('Amy')).toBe('Amy');
    expect(new Set(distinctLabels(['A', 'A', 'B'])).size).toBe(3);
    expect(topAndRest([1, 2, 3], 2)).toEqual({ top: [1, 2, 3], rest: [] });
    expect(topAndRest([1, 2, 3, 4], 2)).toEqual({ top: [1, 2], rest: [3, 4] });
  });
});

describe('figures', () => {
  it('accuracy: one point per size in percent, interval bars, the value printed, the axis zoomed', () => {
    const f = accuracyFigure(report.curve, data.datasetName, palette);
    expect(trace(f).x).toEqual([1, 2]);
    expect(trace(f).y).toEqual(report.curve.map((p) => p.top1 * 100));
    const bars = trace(f).error_y as { array: number[]; arrayminus: number[] };
    expect(bars.array[0]).toBeCloseTo((report.curve[0]!.ci95[1] - report.curve[0]!.top1) * 100, 9);
    expect((f.layout as { xaxis: { ticktext: string[] } }).xaxis.ticktext[1]).toBe(
      `2<br><b>${(report.curve[1]!.top1 * 100).toFixed(1)} %</b>`,
    );
    expect(axes(f).yaxis.range[0]).toBeLessThanOrEqual(Math.min(...report.curve.map((p) => p.ci95[0] * 100)));
    // The title is plain text for the page, which shows it as text.
    expect(f.title).toContain('<b>tiny</b>');
    expect(f.layout).not.toHaveProperty('title');
  });

  it('open set: three rate lines and a line for now and each operating point, each its own dash', () => {
    const f = openSetFigure(report.openSet!, data.strangersName!, 1.05, palette);
    const { summary } = report.openSet!;
    const marks = [1.05, summary.eerThreshold, summary.thresholdAt1pctFar].filter((x) => x !== null);
    expect(f.data).toHaveLength(3 + marks.length);
    // Without colour, the curves tell apart by dash, and so do the vertical lines.
    const dashes = f.data.map((t) => (t as { line: { dash: string } }).line.dash);
    expect(new Set(dashes.slice(0, 3)).size).toBe(3);
    expect(new Set(dashes.slice(3)).size).toBe(marks.length);
    expect(trace(f).x).toHaveLength(report.openSet!.curve.length);
    expect(f.data.slice(3).map((t) => (t as Trace).x[0])).toEqual(marks);
    expect(trace(f, 3).name).toBe('Now: 1.05');
    expect(f.title).toContain('others & co');
  });

  it('ROC: a log axis of different people let in, ticks in words, the threshold as a labelled line', () => {
    const roc = report.verification!;
    const f = rocFigure(roc, 0.5, palette);
    expect(axes(f).xaxis.type).toBe('log');
    expect(axes(f).xaxis.range).toEqual([-5, 0]);
    expect(axes(f).xaxis.ticktext).toEqual([
      '1 in 100,000',
      '1 in 10,000',
      '1 in 1,000',
      '1 in 100',
      '1 in 10',
      'all',
    ]);
    // No pair of different people let in reads as the axis's left edge, not as a gap.
    expect(trace(f).x).toEqual(roc.roc.map((p) => Math.max(p.far, 1e-5)));
    const at = roc.roc.findLast((p) => p.threshold <= 0.5)!;
    expect(trace(f, 1).x).toEqual([Math.max(at.far, 1e-5), Math.max(at.far, 1e-5)]);
    expect(trace(f, 1).name).toContain('Now, at 0.50');
    expect(f.summary).toContain(`area under the curve ${roc.auc.toFixed(4)}`);
  });

  it('per person and confusion: names escaped, rows as shares of each person’s probes', () => {
    const people = analysePeople(data, report);
    const bars = perPersonFigure(people.accuracy, report.size, palette);
    const ys = bars.data.flatMap((t) => (t as Trace).y as string[]);
    expect(ys.some((y) => y.startsWith(escapePlotlyText('A<script>')))).toBe(true);
    expect(bars.data.map((t) => (t as { name: string }).name)).toEqual([
      'Every test photo named',
      'Some test photos missed',
    ]);
    const heat = confusionFigure(people, palette);
    const z = trace(heat).z as number[][];
    const a = people.order.indexOf('A<script>');
    expect(z[a]!.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('per person at 1,000 people: the 20 worst by name, and the rest as one bar of all their photos', () => {
    const accuracy: PersonAccuracy[] = Array.from({ length: 1000 }, (_, i) => ({
      person: `Person ${i}`,
      tested: 5,
      correct: i < 30 ? 4 : 5,
      top1: i < 30 ? 0.8 : 1,
      ci95: [i < 30 ? 0.38 : 0.57, 1],
    }));
    const f = perPersonFigure(accuracy, 10, palette);
    const rows = f.data.flatMap((t) => (t as Trace).y as string[]);
    expect(rows).toHaveLength(PEOPLE_SHOWN + 1);
    const other = f.data.flatMap((t) => (t as { customdata: unknown[][] }).customdata).at(-1)!;
    expect(other).toEqual(['980 other people together', 10 * 4 + 970 * 5, 980 * 5]);
  });

  it('the heatmap of many people draws the ones most often mixed up, in input order', () => {
    const n = 40;
    const confusion: number[][] = Array.from({ length: n }, (_, t) =>
      Array.from({ length: n }, (_, p) => (t === p ? 5 : 0)),
    );
    confusion[3]![7] = 2;
    confusion[35]![12] = 1;
    const shown = mostMixedUp(confusion, HEATMAP_PEOPLE);
    expect(shown).toHaveLength(HEATMAP_PEOPLE);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    for (const i of [3, 7, 12, 35]) expect(shown).toContain(i);
    expect(
      mostMixedUp(
        confusion.slice(0, 5).map((r) => r.slice(0, 5)),
        HEATMAP_PEOPLE,
      ),
    ).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('figure summaries', () => {
  it('every figure carries a text alternative with its numbers', () => {
    const people = analysePeople(data, report);
    const summaries = {
      accuracy: accuracyFigure(report.curve, data.datasetName, palette).summary,
      openSet: openSetFigure(report.openSet!, data.strangersName!, 1, palette).summary,
      roc: rocFigure(report.verification!, 1, palette).summary,
      perPerson: perPersonFigure(people.accuracy, report.size, palette).summary,
      confusion: confusionFigure(people, palette).summary,
    };
    expect(summaries.accuracy).toContain(`2 per person ${(report.curve[1]!.top1 * 100).toFixed(1)} %`);
    expect(summaries.openSet).toContain(`at ${report.openSet!.summary.eerThreshold.toFixed(3)}`);
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
