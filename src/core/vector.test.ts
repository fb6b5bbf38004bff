import { describe, expect, it } from 'vitest';
import { LikenessError } from './errors';
import { f } from './test-support';
import {
  centroid,
  dot,
  euclidean,
  isFiniteVector,
  l2Normalize,
  l2NormalizeInPlace,
  mean,
  norm,
  squaredEuclidean,
} from './vector';

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LikenessError);
    expect((e as LikenessError).code).toBe(code);
    return;
  }
  throw new Error(`expected a LikenessError with code ${code}`);
}

function expectClose(actual: Float32Array, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, digits));
}

describe('dot, norm, distances', () => {
  it('computes hand-checked values', () => {
    expect(dot(f(1, 2, 3), f(4, -5, 6))).toBe(4 - 10 + 18);
    expect(norm(f(3, 4))).toBe(5);
    expect(norm(f())).toBe(0);
    expect(squaredEuclidean(f(1, 2), f(4, 6))).toBe(25);
    expect(euclidean(f(1, 2), f(4, 6))).toBe(5);
    expect(euclidean(f(1, 1, 1), f(1, 1, 1))).toBe(0);
  });

  it('throws dimension-mismatch for different lengths', () => {
    expectCode(() => dot(f(1, 2), f(1, 2, 3)), 'dimension-mismatch');
    expectCode(() => squaredEuclidean(f(1), f(1, 2)), 'dimension-mismatch');
    expectCode(() => euclidean(f(1), f()), 'dimension-mismatch');
  });

  it('matches 2 - 2·dot for unit vectors', () => {
    const a = l2Normalize(f(1, 2, 2));
    const b = l2Normalize(f(2, -1, 0));
    expect(squaredEuclidean(a, b)).toBeCloseTo(2 - 2 * dot(a, b), 6);
  });
});

describe('l2Normalize', () => {
  it('returns a unit-length copy and leaves the input alone', () => {
    const v = f(3, 0, 4);
    const u = l2Normalize(v);
    expect(u).not.toBe(v);
    expectClose(u, [0.6, 0, 0.8]);
    expectClose(v, [3, 0, 4]);
  });

  it('normalises in place and returns the same array', () => {
    const v = f(0, -2, 0);
    expect(l2NormalizeInPlace(v)).toBe(v);
    expectClose(v, [0, -1, 0]);
  });

  it('rejects vectors that have no direction', () => {
    expectCode(() => l2Normalize(f(0, 0, 0)), 'invalid-vector');
    expectCode(() => l2Normalize(f(1, NaN)), 'invalid-vector');
    expectCode(() => l2Normalize(f(1, Infinity)), 'invalid-vector');
    expectCode(() => l2Normalize(f()), 'invalid-vector');
    expectCode(() => l2NormalizeInPlace(f(0, 0)), 'invalid-vector');
  });

  it('survives very large and very small components', () => {
    expectClose(l2Normalize(f(3e38, 3e38)), [Math.SQRT1_2, Math.SQRT1_2]);
    expectClose(l2Normalize(f(1e-30, 0)), [1, 0]);
  });
});

describe('mean', () => {
  it('averages element-wise', () => {
    expectClose(mean([f(1, 2), f(3, 6), f(5, 1)]), [3, 3]);
    expectClose(mean([f(-1, 4)]), [-1, 4]);
  });

  it('throws on empty input and on mixed dimensions', () => {
    expectCode(() => mean([]), 'invalid-argument');
    expectCode(() => mean([f(1, 2), f(1)]), 'dimension-mismatch');
  });
});

describe('centroid', () => {
  it('normalises each embedding before averaging, so raw norms do not weigh in', () => {
    // Plain mean of (10,0) and (0,1) leans to x; the centroid sits on the diagonal.
    expectClose(centroid([f(10, 0), f(0, 1)]), [Math.SQRT1_2, Math.SQRT1_2]);
    expectClose(l2Normalize(mean([f(10, 0), f(0, 1)])), [10 / Math.sqrt(101), 1 / Math.sqrt(101)]);
  });

  it('is a unit vector', () => {
    const c = centroid([f(1, 2, 3), f(-1, 0, 2), f(0.5, 0.5, 0.5)]);
    expect(norm(c)).toBeCloseTo(1, 6);
  });

  it('of one embedding is that embedding normalised', () => {
    expectClose(centroid([f(0, 3, 4)]), [0, 0.6, 0.8]);
  });

  it('throws when embeddings cancel out, are invalid, empty or mixed', () => {
    expectCode(() => centroid([f(1, 0), f(-1, 0)]), 'invalid-vector');
    expectCode(() => centroid([f(1, 0), f(0, 0)]), 'invalid-vector');
    expectCode(() => centroid([]), 'invalid-argument');
    expectCode(() => centroid([f(1, 0), f(1, 0, 0)]), 'dimension-mismatch');
  });
});

describe('isFiniteVector', () => {
  it('spots NaN and Infinity', () => {
    expect(isFiniteVector(f(0, -1, 2.5))).toBe(true);
    expect(isFiniteVector(f())).toBe(true);
    expect(isFiniteVector(f(0, NaN))).toBe(false);
    expect(isFiniteVector(f(-Infinity, 0))).toBe(false);
  });
});
