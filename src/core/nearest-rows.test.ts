import { describe, expect, it } from 'vitest';
import { codeOf, f } from './test-support';
import { scanNearest } from './nearest-rows';
import { mulberry32 } from './rng';
import { euclidean, l2Normalize } from './vector';

describe('scanNearest', () => {
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
    expect(scanNearest(f(0, 1, 0, 1), 2, f(0, 1), 1)[0]!.index).toBe(0);
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
