import { describe, expect, it } from 'vitest';
import type { ProbeResult } from './metrics';
import { openSetAt, openSetCurve, openSetSummary, thresholdGrid } from './open-set';

const known: ProbeResult[] = [
  { truePerson: 'A', predicted: 'A', distance: 0.3 },
  { truePerson: 'A', predicted: 'B', distance: 0.5 },
  { truePerson: 'B', predicted: 'B', distance: 0.7 },
  { truePerson: 'B', predicted: 'B', distance: 0.9 },
];
const strangers = [{ distance: 0.6 }, { distance: 0.8 }, { distance: 1.0 }, { distance: 1.2 }];

describe('openSetAt', () => {
  it('splits known probes into correct / wrong person / no match and counts accepted strangers', () => {
    expect(openSetAt(known, strangers, 0.65)).toEqual({
      threshold: 0.65,
      far: 0.25,
      frr: 0.5,
      wrongPerson: 0.25,
      correct: 0.25,
    });
    // Accept when distance <= t: exactly 0.8 is accepted.
    expect(openSetAt(known, strangers, 0.8)).toMatchObject({ far: 0.5, frr: 0.25, correct: 0.5 });
  });

  it('a probe without a face is never a match', () => {
    const p = openSetAt([{ truePerson: 'A', predicted: null, distance: Infinity }], [], 5);
    expect(p).toMatchObject({ frr: 1, far: 0, correct: 0 });
  });
});

describe('thresholdGrid', () => {
  it('is inclusive and free of float drift', () => {
    expect(thresholdGrid(0, 0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(thresholdGrid(0, 2, 0.01)).toHaveLength(201);
    expect(() => thresholdGrid(0, 1, 0)).toThrow();
  });
});

describe('openSetCurve', () => {
  it('one point per threshold; FAR rises and FRR falls', () => {
    const c = openSetCurve(known, strangers, [0, 0.5, 1, 2]);
    expect(c.map((p) => p.far)).toEqual([0, 0, 0.75, 1]);
    expect(c.map((p) => p.frr)).toEqual([1, 0.5, 0, 0]);
  });
});

describe('openSetSummary', () => {
  it('EER from the ROC of known nearest vs stranger nearest distances', () => {
    const s = openSetSummary(known, strangers);
    // ROC: t=0.7 far 1/4 frr 1/4 → equal: EER 0.25 at 0.7.
    expect(s.eer).toBeCloseTo(0.25, 10);
    expect(s.eerThreshold).toBeCloseTo(0.7, 10);
    expect(s.atEer).toMatchObject({ far: 0.25, frr: 0.25, wrongPerson: 0.25, correct: 0.5 });
    // 1 % of 4 strangers allows none: just below the nearest stranger (0.6).
    expect(s.thresholdAt1pctFar).toBeLessThan(0.6);
    expect(s.thresholdAt1pctFar).toBeGreaterThan(0.5999999);
    expect(s.at1pctFar).toMatchObject({ far: 0, frr: 0.5 });
  });

  it('null 1 %-FAR threshold when a stranger sits at distance 0', () => {
    expect(openSetSummary(known, [{ distance: 0 }]).thresholdAt1pctFar).toBeNull();
  });

  it('needs faces on both sides', () => {
    expect(() => openSetSummary([], strangers)).toThrow(/known/);
    expect(() => openSetSummary(known, [])).toThrow(/stranger/);
  });
});
