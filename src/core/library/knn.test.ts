import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng';
import { blockPairs, emptyGraph, exactKnn, expandGraph, mergeGraphs, offerBlock } from './knn';

function unitRows(n: number, dim: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const v = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const x = random() - 0.5;
      v[i * dim + d] = x;
      s += x * x;
    }
    for (let d = 0; d < dim; d++) v[i * dim + d]! /= Math.sqrt(s);
  }
  return v;
}

/** The full similarity block rows × cols by plain loops, as the engine's matrix product gives it. */
function block(v: Float32Array, dim: number, r0: number, rows: number, c0: number, cols: number) {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += v[(r0 + r) * dim + d]! * v[(c0 + c) * dim + d]!;
      out[r * cols + c] = s;
    }
  return out;
}

describe('k-nearest-neighbour graph', () => {
  it('keeps each row sorted, most similar first, never the face itself', () => {
    const v = unitRows(40, 8, 1);
    const g = exactKnn(v, 8, 5);
    for (let i = 0; i < 40; i++) {
      const row = [...g.similarities.slice(i * 5, i * 5 + 5)];
      expect(row).toEqual([...row].sort((a, b) => b - a));
      expect([...g.neighbours.slice(i * 5, i * 5 + 5)]).not.toContain(i);
    }
  });

  it('blocks above the diagonal, split over workers and merged, give the exact graph', () => {
    const n = 53;
    const dim = 6;
    const v = unitRows(n, dim, 2);
    const exact = exactKnn(v, dim, 4, 0.1);
    const parts = blockPairs(n, 16, 3).map((pairs) => {
      const g = emptyGraph(n, 4);
      for (const [r0, c0] of pairs) {
        const rows = Math.min(16, n - r0);
        const cols = Math.min(16, n - c0);
        // A diagonal block offers both ends of each pair from its two cells.
        offerBlock(g, block(v, dim, r0, rows, c0, cols), r0, rows, c0, cols, 0.1, r0 !== c0);
      }
      return g;
    });
    const merged = mergeGraphs(emptyGraph(n, 4), ...parts);
    expect([...merged.neighbours]).toEqual([...exact.neighbours]);
    expect([...merged.similarities]).toEqual([...exact.similarities]);
  });

  it('leaves slots empty below the least similarity', () => {
    const v = new Float32Array([1, 0, 0, 1, Math.SQRT1_2, Math.SQRT1_2]);
    const g = exactKnn(v, 2, 2, 0.5);
    expect([...g.neighbours]).toEqual([2, -1, 2, -1, 0, 1]);
  });

  it('expands a subset’s graph to every face, the others without neighbours', () => {
    const v = unitRows(6, 4, 3);
    const keep = [1, 3, 4];
    const sub = exactKnn(Float32Array.from(keep.flatMap((i) => [...v.slice(i * 4, i * 4 + 4)])), 4, 2);
    const g = expandGraph(sub, keep, 6);
    expect([...g.neighbours.slice(0, 2)]).toEqual([-1, -1]);
    expect(new Set(g.neighbours.slice(2, 4))).toEqual(new Set([3, 4]));
    expect(g.similarities[2]).toBe(sub.similarities[0]);
  });

  it('deals every block pair once', () => {
    const parts = blockPairs(100, 32, 2);
    const all = parts.flat().map(([a, b]) => `${a},${b}`);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(10); // 4 row blocks: 4 + 3 + 2 + 1
    expect(Math.abs(parts[0]!.length - parts[1]!.length)).toBeLessThanOrEqual(1);
  });
});
