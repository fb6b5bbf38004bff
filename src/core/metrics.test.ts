import { describe, expect, it } from 'vitest';
import { LikenessError } from './errors';
import type { ProbeResult } from './metrics';
import { auc, equalErrorRate, rocCurve, summarise, thresholdAtFar, wilsonInterval } from './metrics';

function expectPair(actual: [number, number], expected: [number, number], digits = 5): void {
  expect(actual[0]).toBeCloseTo(expected[0], digits);
  expect(actual[1]).toBeCloseTo(expected[1], digits);
}

describe('wilsonInterval', () => {
  // z² = 3.8416. For n = 10: denom = 1.38416, z²/2n = 0.19208.
  it('0 of 10: lower bound 0, upper 2·0.19208/1.38416', () => {
    expectPair(wilsonInterval(0, 10), [0, 0.27754]);
  });

  it('5 of 10 is symmetric about 0.5', () => {
    // half = 1.96·√(0.025 + 0.009604) / 1.38416 = 0.263411
    expectPair(wilsonInterval(5, 10), [0.236589, 0.763411]);
  });

  it('8 of 10 and 10 of 10', () => {
    // centre = 0.99208/1.38416 = 0.716738, half = 1.96·√0.025604/1.38416 = 0.226581
    expectPair(wilsonInterval(8, 10), [0.490157, 0.943319]);
    expectPair(wilsonInterval(10, 10), [0.722459, 1]);
  });

  it('uses z', () => {
    // z = 1, 1 of 4: denom 1.25, centre (0.25 + 0.125)/1.25 = 0.3, half √(0.046875+0.015625)/1.25 = 0.2
    expectPair(wilsonInterval(1, 4, 1), [0.1, 0.5]);
  });

  it('clamps rounding below 0 to exactly 0', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
  });

  it('n = 0 knows nothing', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('rejects impossible input', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(LikenessError);
    expect(() => wilsonInterval(-1, 2)).toThrow(LikenessError);
    expect(() => wilsonInterval(NaN, 2)).toThrow(LikenessError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(LikenessError);
  });
});

describe('summarise', () => {
  const results: ProbeResult[] = [
    { truePerson: 'A', predicted: 'A', distance: 0.3 }, // correct
    { truePerson: 'A', predicted: 'B', distance: 0.4 }, // wrong person
    { truePerson: 'B', predicted: 'B', distance: 0.7 }, // top-1 right, but no match
    { truePerson: 'B', predicted: 'A', distance: 0.9 }, // no match
    { truePerson: 'C', predicted: null, distance: NaN }, // nothing to compare: no match
    { truePerson: 'C', predicted: 'C', distance: 0.5 }, // exactly at threshold: correct
  ];

  it('counts each outcome (hand-computed)', () => {
    const s = summarise(results, 0.5);
    expect(s.counts).toEqual({
      tested: 6,
      top1Correct: 3,
      correctWithThreshold: 2,
      noMatch: 3,
      wrongPerson: 1,
    });
    expect(s.tested).toBe(6);
    expect(s.top1).toBe(0.5);
    expect(s.accuracyWithThreshold).toBeCloseTo(1 / 3, 12);
    expect(s.noMatchRate).toBe(0.5);
    expect(s.wrongPersonRate).toBeCloseTo(1 / 6, 12);
    expect(s.top1Ci95).toEqual(wilsonInterval(3, 6));
  });

  it('top-1 ignores the threshold; the rest move with it', () => {
    const loose = summarise(results, 1);
    expect(loose.top1).toBe(0.5);
    expect(loose.counts).toMatchObject({ correctWithThreshold: 3, noMatch: 1, wrongPerson: 2 });
    const strict = summarise(results, 0.1);
    expect(strict.top1).toBe(0.5);
    expect(strict.counts).toMatchObject({ correctWithThreshold: 0, noMatch: 6, wrongPerson: 0 });
  });

  it('rates always add up to 1', () => {
    for (const t of [0, 0.35, 0.5, 0.8, 2]) {
      const s = summarise(results, t);
      expect(s.accuracyWithThreshold + s.noMatchRate + s.wrongPersonRate).toBeCloseTo(1, 12);
    }
  });

  it('counts a NaN distance as "No match", never as a match', () => {
    const s = summarise([{ truePerson: 'A', predicted: 'A', distance: NaN }], 0.5);
    expect(s.counts).toMatchObject({ top1Correct: 1, correctWithThreshold: 0, noMatch: 1, wrongPerson: 0 });
  });

  it('handles nothing tested', () => {
    const s = summarise([], 0.5);
    expect(s).toMatchObject({
      tested: 0,
      top1: 0,
      accuracyWithThreshold: 0,
      noMatchRate: 0,
      wrongPersonRate: 0,
    });
    expect(s.top1Ci95).toEqual([0, 1]);
  });

  it('rejects a NaN threshold', () => {
    expect(() => summarise(results, NaN)).toThrow(LikenessError);
  });
});

describe('rocCurve', () => {
  it('steps through every distinct distance (hand-computed)', () => {
    expect(rocCurve([0.4, 0.2], [0.5, 0.3])).toEqual([
      { threshold: -Infinity, far: 0, frr: 1, tpr: 0 },
      { threshold: 0.2, far: 0, frr: 0.5, tpr: 0.5 },
      { threshold: 0.3, far: 0.5, frr: 0.5, tpr: 0.5 },
      { threshold: 0.4, far: 0.5, frr: 0, tpr: 1 },
      { threshold: 0.5, far: 1, frr: 0, tpr: 1 },
    ]);
  });

  it('merges tied distances into one point (accept when distance <= t)', () => {
    expect(rocCurve([0.3, 0.3], [0.3, 0.6])).toEqual([
      { threshold: -Infinity, far: 0, frr: 1, tpr: 0 },
      { threshold: 0.3, far: 0.5, frr: 0, tpr: 1 },
      { threshold: 0.6, far: 1, frr: 0, tpr: 1 },
    ]);
  });

  it('rejects empty or NaN input', () => {
    expect(() => rocCurve([], [0.1])).toThrow(LikenessError);
    expect(() => rocCurve([0.1], [])).toThrow(LikenessError);
    expect(() => rocCurve([NaN], [0.1])).toThrow(LikenessError);
  });

  it('copes with infinite distances', () => {
    const pts = rocCurve([0.1, Infinity], [Infinity]);
    expect(pts.at(-1)).toEqual({ threshold: Infinity, far: 1, frr: 0, tpr: 1 });
    expect(pts).toHaveLength(3);
  });
});

describe('auc', () => {
  it('equals P(genuine < impostor) with ties counted half', () => {
    // Pairs (g, i): (0.2,0.3) (0.2,0.5) (0.4,0.5) ordered right, (0.4,0.3) wrong -> 3/4.
    expect(auc(rocCurve([0.2, 0.4], [0.3, 0.5]))).toBeCloseTo(0.75, 12);
    expect(auc(rocCurve([0.3], [0.3]))).toBeCloseTo(0.5, 12);
    expect(auc(rocCurve([0.1, 0.2], [0.3, 0.4]))).toBeCloseTo(1, 12);
    expect(auc(rocCurve([0.3, 0.4], [0.1, 0.2]))).toBeCloseTo(0, 12);
  });

  it('is 0 for fewer than two points', () => {
    expect(auc([])).toBe(0);
    expect(auc([{ threshold: 0, far: 0, frr: 1, tpr: 0 }])).toBe(0);
  });
});

describe('equalErrorRate', () => {
  it('returns the point where FAR equals FRR exactly', () => {
    expect(equalErrorRate(rocCurve([0.4, 0.2], [0.5, 0.3]))).toEqual({ threshold: 0.3, eer: 0.5 });
  });

  it('interpolates between the straddling points', () => {
    // genuine 0.1, 0.2, 0.5; impostor 0.3, 0.4. At 0.2: FAR 0, FRR 1/3; at 0.3: FAR 1/2, FRR 1/3.
    // far-frr goes -1/3 -> 1/6, alpha = 2/3: EER = 1/3 at threshold 0.2 + 2/3·0.1.
    const r = equalErrorRate(rocCurve([0.1, 0.2, 0.5], [0.3, 0.4]));
    expect(r.eer).toBeCloseTo(1 / 3, 12);
    expect(r.threshold).toBeCloseTo(0.2 + 0.2 / 3, 12);
  });

  it('is 0 for perfectly separated distances', () => {
    // At 0.2: FAR 0, FRR 0.
    expect(equalErrorRate(rocCurve([0.1, 0.2], [0.3, 0.4]))).toEqual({ threshold: 0.2, eer: 0 });
  });

  it('does not interpolate from the -Infinity point', () => {
    // At 0.1 (impostor first): FAR 1, FRR 1 -> crossing at the first real threshold.
    expect(equalErrorRate(rocCurve([0.5], [0.1]))).toEqual({ threshold: 0.1, eer: 1 });
  });

  it('rejects points that never cross', () => {
    expect(() => equalErrorRate([])).toThrow(LikenessError);
    expect(() => equalErrorRate([{ threshold: 0, far: 0, frr: 1, tpr: 0 }])).toThrow(LikenessError);
  });
});

describe('thresholdAtFar', () => {
  const impostor = [0.4, 0.2, 0.3, 0.1];
  const farAt = (t: number, xs: number[]) => xs.filter((d) => d <= t).length / xs.length;

  it('sits just below the first impostor that must be rejected', () => {
    const t = thresholdAtFar(impostor, 0.25);
    expect(t).toBeLessThan(0.2);
    expect(t).toBeGreaterThan(0.1999999);
    expect(farAt(t, impostor)).toBe(0.25);
  });

  it('rejects every impostor at FAR 0, even a zero distance', () => {
    const t = thresholdAtFar(impostor, 0);
    expect(t).toBeLessThan(0.1);
    expect(farAt(t, impostor)).toBe(0);
    expect(farAt(thresholdAtFar([0, 0.5], 0), [0, 0.5])).toBe(0);
  });

  it('rounds the allowed count down and counts ties as rejected', () => {
    expect(farAt(thresholdAtFar(impostor, 0.49), impostor)).toBe(0.25);
    const tied = [0.1, 0.2, 0.2, 0.3];
    const t = thresholdAtFar(tied, 0.5);
    expect(farAt(t, tied)).toBe(0.25);
  });

  it('does not lose an allowed accept to floating-point error', () => {
    const many = Array.from({ length: 100 }, (_, i) => i / 100);
    // 0.29 × 100 = 28.999999999999996 in doubles; 29 impostors may still be accepted.
    expect(farAt(thresholdAtFar(many, 0.29), many)).toBe(0.29);
  });

  it('is Infinity when every impostor may be accepted', () => {
    expect(thresholdAtFar(impostor, 1)).toBe(Infinity);
  });

  it('rejects a target outside [0, 1] and empty input', () => {
    expect(() => thresholdAtFar(impostor, 1.5)).toThrow(LikenessError);
    expect(() => thresholdAtFar(impostor, -0.1)).toThrow(LikenessError);
    expect(() => thresholdAtFar(impostor, NaN)).toThrow(LikenessError);
    expect(() => thresholdAtFar([], 0.1)).toThrow(LikenessError);
  });
});
