import { describe, expect, it } from 'vitest';
import { analyseEvaluation, OPEN_SET_THRESHOLDS } from './analyse';
import type { EvaluationData } from './data';
import { measureSearchTimes } from './search-times';

const v = (...xs: number[]) => Float32Array.from(xs);

// Two well separated people on the x and y axes, two strangers on the diagonal-ish far side.
const data: EvaluationData = {
  modelKey: 'm|align',
  datasetName: 'tiny',
  strangersName: 'others',
  people: [
    {
      person: 'A',
      enrolment: [v(1, 0, 0), v(1, 0.1, 0), v(1, 0, 0.1)],
      probes: [v(1, 0.05, 0), v(1, 0, 0.05)],
    },
    { person: 'B', enrolment: [v(0, 1, 0), v(0.1, 1, 0)], probes: [v(0, 1, 0.05), v(0.05, 1, 0)] },
  ],
  strangers: [v(0, 0, 1), v(0.2, 0.2, 1)],
  failed: { probes: 0, enrolment: 0, strangers: 0 },
  testPerPerson: 2,
  maxEnrol: 3,
};

describe('analyseEvaluation', () => {
  it('curve at the sizes the data allows, open set, ROC and rules from embeddings alone', () => {
    const r = analyseEvaluation(data, [1, 3, 5]);
    expect(r.curve.map((p) => [p.size, p.top1, p.short])).toEqual([
      [1, 1, 0],
      [3, 1, 1],
    ]);
    expect(r.size).toBe(3);
    expect(r.openSet!.curve).toHaveLength(OPEN_SET_THRESHOLDS.length);
    // Known probes sit within ~0.1 of their centroid, strangers ≥ 1.2 away: a clean separation.
    expect(r.openSet!.summary.eer).toBe(0);
    expect(r.openSet!.summary.thresholdAt1pctFar).toBeGreaterThan(0.1);
    expect(r.verification!.auc).toBe(1);
    expect(r.verification!.genuine).toHaveLength(2);
    expect(r.verification!.impostor).toHaveLength(4);
    expect(r.rules.map((x) => x.top1)).toEqual([1, 1, 1]);
  });

  it('no strangers: no open-set report, everything else still there', () => {
    const r = analyseEvaluation({ ...data, strangersName: null, strangers: [] });
    expect(r.openSet).toBeNull();
    expect(r.verification).not.toBeNull();
  });

  it('times every rule at the real size and at 10,000 people', () => {
    const t = measureSearchTimes(data, 2);
    expect(t.map((x) => [x.rule, x.rows])).toEqual([
      ['average', 2],
      ['knn1', 4],
      ['knn3', 4],
    ]);
    for (const x of t) expect(x.msPerProbeAt10k).toBeGreaterThan(0);
  });
});
