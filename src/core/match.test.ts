import { describe, expect, it } from 'vitest';
import { codeOf, f } from './test-support';
import { createDatabase } from './database';
import { knnMatch, matchProbe, scanNearest, topK } from './match';
import { mulberry32 } from './rng';
import { euclidean, l2Normalize } from './vector';

/** A 2-d unit vector at the angle whose chord to (1, 0) has the given length. */
function atDistance(d: number): number[] {
  const theta = 2 * Math.asin(d / 2);
  return [Math.cos(theta), Math.sin(theta)];
}

// A = (1,0), B = (0,1), C = (0.6,0.8). For probe (0.8,0.6):
// |p-A|² = 2-1.6 = 0.4, |p-B|² = 2-1.2 = 0.8, |p-C|² = 2-2(0.48+0.48) = 0.08.
const database = createDatabase(['A', 'B', 'C'], f(1, 0, 0, 1, 0.6, 0.8), 2);

describe('matchProbe', () => {
  it('finds the nearest person and ranks all (hand-computed)', () => {
    const m = matchProbe(database, f(0.8, 0.6), 0.3);
    expect(m.personIndex).toBe(2);
    expect(m.nearestIndex).toBe(2);
    expect(m.distance).toBeCloseTo(Math.sqrt(0.08), 6);
    expect(m.ranked.map((r) => r.index)).toEqual([2, 0, 1]);
    expect(m.ranked[1]!.distance).toBeCloseTo(Math.sqrt(0.4), 6);
    expect(m.ranked[2]!.distance).toBeCloseTo(Math.sqrt(0.8), 6);
  });

  it('says "No match" when the nearest is beyond the threshold, but still reports it', () => {
    const m = matchProbe(database, f(0.8, 0.6), 0.25);
    expect(m.personIndex).toBeNull();
    expect(m.nearestIndex).toBe(2);
  });

  it('accepts a distance exactly at the threshold', () => {
    const m = matchProbe(database, f(1, 0), 0);
    expect(m.distance).toBe(0);
    expect(m.personIndex).toBe(0);
  });

  it('normalises the probe, so its norm does not matter', () => {
    const a = matchProbe(database, f(0.8, 0.6), 1);
    const b = matchProbe(database, f(8, 6), 1);
    expect(b.ranked.map((r) => r.index)).toEqual(a.ranked.map((r) => r.index));
    b.ranked.forEach((r, i) => expect(r.distance).toBeCloseTo(a.ranked[i]!.distance, 6));
  });

  it('limits ranked to k', () => {
    expect(matchProbe(database, f(0.8, 0.6), 1, 2).ranked.map((r) => r.index)).toEqual([2, 0]);
    expect(matchProbe(database, f(0.8, 0.6), 1, 10).ranked).toHaveLength(3);
  });

  it('gives the opposite vector distance 2 and never NaN from rounding', () => {
    const m = matchProbe(database, f(-1, 0), 2);
    expect(m.ranked[2]!.distance).toBeCloseTo(2, 6);
    const same = matchProbe(createDatabase(['X'], l2Normalize(f(0.1, 0.7, 0.3)), 3), f(0.1, 0.7, 0.3), 0.01);
    expect(Number.isNaN(same.distance)).toBe(false);
    expect(same.distance).toBeLessThan(1e-3);
  });

  it('rejects an empty database, a bad probe, a NaN threshold and bad k', () => {
    expect(codeOf(() => matchProbe(createDatabase([], f(), 2), f(1, 0), 1))).toBe('invalid-argument');
    expect(codeOf(() => matchProbe(database, f(1, 0, 0), 1))).toBe('dimension-mismatch');
    expect(codeOf(() => matchProbe(database, f(0, 0), 1))).toBe('invalid-vector');
    expect(codeOf(() => matchProbe(database, f(NaN, 1), 1))).toBe('invalid-vector');
    expect(codeOf(() => matchProbe(database, f(1, 0), NaN))).toBe('invalid-argument');
    expect(codeOf(() => matchProbe(database, f(1, 0), 1, 0))).toBe('invalid-argument');
  });
});

describe('topK / scanNearest', () => {
  it('agrees with brute-force Euclidean on random unit vectors (odd sizes exercise the tail loop)', () => {
    const rand = mulberry32(11);
    const dim = 13;
    const n = 37;
    const rows = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const v = l2Normalize(Float32Array.from({ length: dim }, () => rand() - 0.5));
      rows.set(v, i * dim);
    }
    const probe = l2Normalize(Float32Array.from({ length: dim }, () => rand() - 0.5));
    const brute = Array.from({ length: n }, (_, i) => ({
      index: i,
      distance: euclidean(rows.subarray(i * dim, (i + 1) * dim), probe),
    })).sort((a, b) => a.distance - b.distance);
    const got = scanNearest(rows, dim, probe, 7);
    expect(got.map((g) => g.index)).toEqual(brute.slice(0, 7).map((b) => b.index));
    got.forEach((g, i) => expect(g.distance).toBeCloseTo(brute[i]!.distance, 5));
    expect(scanNearest(rows, dim, probe, n).map((g) => g.index)).toEqual(brute.map((b) => b.index));
  });

  it('breaks equal distances by the earlier row', () => {
    const rows = f(0, 1, 1, 0, 0, 1, 1, 0, 1, 0);
    expect(scanNearest(rows, 2, f(1, 0), 3).map((r) => r.index)).toEqual([1, 3, 4]);
    expect(topK(createDatabase(['A', 'B'], f(0, 1, 0, 1), 2), f(0, 1), 1)[0]!.index).toBe(0);
  });

  it('ranks corrupt (NaN) rows last instead of first', () => {
    const rows = f(NaN, NaN, 0, 1, 1, 0);
    const got = scanNearest(rows, 2, f(1, 0), 3);
    expect(got.map((r) => r.index)).toEqual([2, 1, 0]);
    expect(got[2]!.distance).toBe(Infinity);
  });

  it('rejects rows that do not split into the dimension', () => {
    expect(codeOf(() => scanNearest(f(1, 0, 1), 2, f(1, 0), 1))).toBe('dimension-mismatch');
    expect(codeOf(() => scanNearest(f(1, 0), 0, f(), 1))).toBe('dimension-mismatch');
    expect(scanNearest(f(), 2, f(1, 0), 3)).toEqual([]);
  });
});

describe('knnMatch', () => {
  // Probe (1,0). Rows: (1,0) label 0 at 0; (0,1) label 1 at √2; (0.6,0.8) label 1 at √0.8; (-1,0) label 2 at 2.
  const rows = f(1, 0, 0, 1, 0.6, 0.8, -1, 0);
  const labels = Int32Array.from([0, 1, 1, 2]);

  it('k = 1 takes the nearest embedding', () => {
    const r = knnMatch(rows, labels, 2, f(1, 0), 1, 0.5);
    expect(r.label).toBe(0);
    expect(r.votedLabel).toBe(0);
    expect(r.votes).toBe(1);
    expect(r.distance).toBe(0);
  });

  it('k = 3 lets two nearer-than-third votes outvote the single nearest', () => {
    const r = knnMatch(rows, labels, 2, f(1, 0), 3, 1);
    expect(r.neighbours.map((n) => n.label)).toEqual([0, 1, 1]);
    expect(r.votedLabel).toBe(1);
    expect(r.votes).toBe(2);
    expect(r.distance).toBeCloseTo(Math.sqrt(0.8), 6);
    expect(r.label).toBe(1);
  });

  it('applies the threshold to the winner’s nearest embedding', () => {
    const r = knnMatch(rows, labels, 2, f(1, 0), 3, 0.5);
    expect(r.votedLabel).toBe(1);
    expect(r.label).toBeNull();
  });

  it('breaks a vote tie by the smaller summed distance', () => {
    // Distances: A 0.1, B 0.2, B 0.3, A 0.5 -> 2 votes each; sums A 0.6, B 0.5 -> B wins.
    const tieRows = f(...atDistance(0.1), ...atDistance(0.2), ...atDistance(0.3), ...atDistance(0.5));
    const tieLabels = Int32Array.from([7, 9, 9, 7]);
    const r = knnMatch(tieRows, tieLabels, 2, f(1, 0), 4, 1);
    expect(r.neighbours.map((n) => n.distance)).toEqual([
      expect.closeTo(0.1, 6),
      expect.closeTo(0.2, 6),
      expect.closeTo(0.3, 6),
      expect.closeTo(0.5, 6),
    ]);
    expect(r.votedLabel).toBe(9);
    expect(r.distance).toBeCloseTo(0.2, 6);
    // With all labels distinct each has one vote, so the nearest wins.
    const distinct = knnMatch(tieRows, Int32Array.from([1, 2, 3, 4]), 2, f(1, 0), 3, 1);
    expect(distinct.votedLabel).toBe(1);
  });

  it('rejects mismatched labels and an empty database', () => {
    expect(codeOf(() => knnMatch(rows, Int32Array.from([0, 1]), 2, f(1, 0), 1, 1))).toBe(
      'dimension-mismatch',
    );
    expect(codeOf(() => knnMatch(f(), new Int32Array(0), 2, f(1, 0), 1, 1))).toBe('invalid-argument');
    expect(codeOf(() => knnMatch(rows, labels, 2, f(1, 0), 1, NaN))).toBe('invalid-argument');
  });
});
