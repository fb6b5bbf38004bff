import { describe, expect, it } from 'vitest';
import { codeOf, f } from './test-support';
import { buildDatabase, createDatabase, databaseCentroid, withPersonEmbeddings } from './database';

describe('buildDatabase', () => {
  it('packs one unit centroid per person, in enrolment order', () => {
    const g = buildDatabase([
      { person: 'A', embeddings: [f(10, 0), f(0, 1)] },
      { person: 'B', embeddings: [f(0, -3)] },
    ]);
    expect(g.people).toEqual(['A', 'B']);
    expect(g.dim).toBe(2);
    expect(g.centroids).toHaveLength(4);
    expect(g.centroids[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(g.centroids[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(g.centroids[2]).toBeCloseTo(0, 6);
    expect(g.centroids[3]).toBeCloseTo(-1, 6);
  });

  it('rejects empty, duplicate, embedding-less and mixed-dimension input', () => {
    expect(codeOf(() => buildDatabase([]))).toBe('invalid-argument');
    expect(
      codeOf(() =>
        buildDatabase([
          { person: 'A', embeddings: [f(1, 0)] },
          { person: 'A', embeddings: [f(0, 1)] },
        ]),
      ),
    ).toBe('invalid-argument');
    expect(
      codeOf(() =>
        buildDatabase([
          { person: 'A', embeddings: [] },
          { person: 'B', embeddings: [f(0, 1)] },
        ]),
      ),
    ).toBe('invalid-argument');
    expect(
      codeOf(() =>
        buildDatabase([
          { person: 'A', embeddings: [f(1, 0)] },
          { person: 'B', embeddings: [f(0, 1, 0)] },
        ]),
      ),
    ).toBe('dimension-mismatch');
    expect(codeOf(() => buildDatabase([{ person: 'A', embeddings: [f(0, 0)] }]))).toBe('invalid-vector');
  });
});

describe('createDatabase', () => {
  it('copies and re-normalises stored rows', () => {
    const stored = f(3, 4, 0, 2);
    const g = createDatabase(['A', 'B'], stored, 2);
    expect(g.centroids).not.toBe(stored);
    expect(Array.from(stored)).toEqual([3, 4, 0, 2]);
    expect(g.centroids[0]).toBeCloseTo(0.6, 6);
    expect(g.centroids[1]).toBeCloseTo(0.8, 6);
    expect(g.centroids[2]).toBeCloseTo(0, 6);
    expect(g.centroids[3]).toBeCloseTo(1, 6);
  });

  it('allows an empty database of known dimension', () => {
    const g = createDatabase([], f(), 128);
    expect(g.people).toEqual([]);
    expect(g.dim).toBe(128);
  });

  it('rejects wrong sizes, bad dims, bad rows and duplicate names', () => {
    expect(codeOf(() => createDatabase(['A', 'B'], f(1, 0, 1), 2))).toBe('dimension-mismatch');
    expect(codeOf(() => createDatabase(['A'], f(1, 0), 0))).toBe('invalid-argument');
    expect(codeOf(() => createDatabase(['A'], f(1, 0), 1.5))).toBe('invalid-argument');
    expect(codeOf(() => createDatabase(['A', 'B'], f(1, 0, 0, 0), 2))).toBe('invalid-vector');
    expect(codeOf(() => createDatabase(['A'], f(NaN, 1), 2))).toBe('invalid-vector');
    expect(codeOf(() => createDatabase(['A', 'A'], f(1, 0, 0, 1), 2))).toBe('invalid-argument');
  });
});

describe('databaseCentroid', () => {
  it('returns a view of one row', () => {
    const g = createDatabase(['A', 'B'], f(1, 0, 0, 1), 2);
    const row = databaseCentroid(g, 1);
    expect(Array.from(row)).toEqual([0, 1]);
    expect(row.buffer).toBe(g.centroids.buffer);
  });

  it('rejects out-of-range indices', () => {
    const g = createDatabase(['A'], f(1, 0), 2);
    expect(codeOf(() => databaseCentroid(g, 1))).toBe('invalid-argument');
    expect(codeOf(() => databaseCentroid(g, -1))).toBe('invalid-argument');
  });
});

describe('withPersonEmbeddings', () => {
  it('rebuilds one row as the unit mean of unit embeddings and leaves the rest alone', () => {
    const g = buildDatabase([
      { person: 'A', embeddings: [f(1, 0)] },
      { person: 'B', embeddings: [f(0, 1)] },
    ]);
    const updated = withPersonEmbeddings(g, 0, [f(2, 0), f(0, 5)]);
    expect(Array.from(databaseCentroid(updated, 0))).toEqual([
      expect.closeTo(Math.SQRT1_2, 6),
      expect.closeTo(Math.SQRT1_2, 6),
    ]);
    expect(Array.from(databaseCentroid(updated, 1))).toEqual([0, 1]);
    // The original is not modified.
    expect(Array.from(databaseCentroid(g, 0))).toEqual([1, 0]);
  });

  it('rejects a bad index, no embeddings and a wrong dimension', () => {
    const g = buildDatabase([{ person: 'A', embeddings: [f(1, 0)] }]);
    expect(codeOf(() => withPersonEmbeddings(g, 1, [f(1, 0)]))).toBe('invalid-argument');
    expect(codeOf(() => withPersonEmbeddings(g, 0, []))).toBe('invalid-argument');
    expect(codeOf(() => withPersonEmbeddings(g, 0, [f(1, 0, 0)]))).toBe('dimension-mismatch');
  });
});
