import { describe, expect, it } from 'vitest';
import { mulberry32 } from './rng';
import { medianVector, robustCentroid } from './robust-centroid';
import { centroid, euclidean, l2Normalize } from './vector';

/** n unit vectors scattered around `centre` (spread per coordinate), reproducibly. */
function cluster(centre: number[], n: number, spread: number, seed: number): Float32Array[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () =>
    l2Normalize(Float32Array.from(centre, (c) => c + (rnd() - 0.5) * 2 * spread)),
  );
}

const person = [1, 0, 0, 0, 0, 0, 0, 0];
const other = [0, 0, 0, 0, 0, 0, 0, 1];

describe('robustCentroid', () => {
  it('keeps every image of a clean person, and then equals the plain average', () => {
    const vs = cluster(person, 10, 0.1, 1);
    const r = robustCentroid(vs.map((vector, i) => ({ id: `i${i}`, vector })));
    expect(r.excluded).toEqual([]);
    expect(r.kept).toHaveLength(10);
    expect(euclidean(r.centroid, centroid(vs))).toBeLessThan(1e-6);
  });

  it('leaves out a mislabelled image and moves the average back towards the person', () => {
    const vs = cluster(person, 9, 0.1, 2);
    const wrong = cluster(other, 1, 0.1, 3)[0]!;
    const items = [...vs, wrong].map((vector, i) => ({ id: `i${i}`, vector }));
    const options = { outlierK: 3, outlierDistance: 0.5, duplicateDistance: null, minKept: 3 };
    const r = robustCentroid(items, options);
    expect(r.excluded.map((e) => [e.id, e.reason])).toEqual([['i9', 'outlier']]);
    // Beyond the spread of the others but nearer than the model's threshold: kept.
    expect(robustCentroid(items, { ...options, outlierDistance: 2 }).excluded).toEqual([]);
    expect(robustCentroid(items).excluded).toEqual([]);
    const clean = centroid(vs);
    expect(euclidean(r.centroid, clean)).toBeLessThan(1e-6);
    expect(euclidean(centroid(items.map((x) => x.vector)), clean)).toBeGreaterThan(0.05);
  });

  it('leaves out a photo with several faces while enough single-face photos remain', () => {
    const vs = cluster(person, 6, 0.1, 4);
    const items = vs.map((vector, i) => ({ id: `i${i}`, vector, faces: i === 2 ? 3 : 1 }));
    const r = robustCentroid(items, {
      outlierK: Infinity,
      outlierDistance: null,
      duplicateDistance: null,
      minKept: 3,
    });
    expect(r.excluded.map((e) => [e.id, e.reason])).toEqual([['i2', 'several-faces']]);
    // With only two images, nothing is left out: a photo with two faces is still the person's best evidence.
    const two = robustCentroid(items.slice(1, 3));
    expect(two.excluded).toEqual([]);
  });

  it('counts a repeated photo once when a duplicate distance is given', () => {
    const vs = cluster(person, 5, 0.1, 5);
    const copy = l2Normalize(Float32Array.from(vs[0]!, (x, i) => x + (i === 1 ? 0.001 : 0)));
    const items = [...vs, copy].map((vector, i) => ({ id: `i${i}`, vector }));
    const r = robustCentroid(items, {
      outlierK: 3,
      outlierDistance: null,
      duplicateDistance: 0.01,
      minKept: 3,
    });
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]).toMatchObject({ id: 'i5', reason: 'duplicate', of: 'i0' });
    expect(robustCentroid(items).excluded).toEqual([]);
  });

  it('never leaves out more than half, nor below minKept', () => {
    // Two equally large groups: neither is an outlier of the other.
    const items = [...cluster(person, 3, 0.05, 6), ...cluster(other, 3, 0.05, 7)].map((vector, i) => ({
      id: `i${i}`,
      vector,
    }));
    const options = { outlierK: 3, outlierDistance: 0, duplicateDistance: null, minKept: 3 };
    expect(robustCentroid(items, options).kept.length).toBeGreaterThanOrEqual(3);
    const few = cluster(person, 3, 0.1, 8).map((vector, i) => ({ id: `i${i}`, vector }));
    expect(robustCentroid(few, options).excluded).toEqual([]);
  });

  it('returns a unit centroid and refuses an empty person', () => {
    const r = robustCentroid(cluster(person, 4, 0.3, 9).map((vector, i) => ({ id: `${i}`, vector })));
    expect(Math.hypot(...r.centroid)).toBeCloseTo(1, 6);
    expect(() => robustCentroid([])).toThrow();
  });
});

describe('medianVector', () => {
  it('takes the coordinate-wise median and normalises it', () => {
    const m = medianVector([new Float32Array([1, 0]), new Float32Array([3, 4]), new Float32Array([100, 1])]);
    expect(m[0]).toBeCloseTo(3 / Math.hypot(3, 1), 6);
    expect(m[1]).toBeCloseTo(1 / Math.hypot(3, 1), 6);
  });
});
