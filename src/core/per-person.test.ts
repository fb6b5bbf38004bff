import { describe, expect, it } from 'vitest';
import {
  clusterOrder,
  confusedPairs,
  confusionMatrix,
  perPersonAccuracy,
  reorderMatrix,
  rowDistances,
} from './per-person';

const r = (truePerson: string, predicted: string | null) => ({ truePerson, predicted });

// A: 2 of 2 right; B: 1 of 3 (twice taken for C); C: 0 of 1 (taken for A); D: never tested.
const results = [r('A', 'A'), r('B', 'C'), r('A', 'A'), r('B', 'B'), r('C', 'A'), r('B', 'C')];

describe('perPersonAccuracy', () => {
  it('worst first, ties by name, untested people left out', () => {
    const acc = perPersonAccuracy(['A', 'B', 'C', 'D'], results);
    expect(acc.map((a) => [a.person, a.correct, a.tested])).toEqual([
      ['C', 0, 1],
      ['B', 1, 3],
      ['A', 2, 2],
    ]);
    expect(acc[1]!.top1).toBeCloseTo(1 / 3, 12);
    // Wilson 95 % interval of 2/2: [0.342, 1].
    expect(acc[2]!.ci95[0]).toBeCloseTo(0.3424, 3);
    expect(acc[2]!.ci95[1]).toBe(1);
  });

  it('equal accuracy sorts by name', () => {
    expect(perPersonAccuracy(['b', 'a'], [r('b', 'b'), r('a', 'a')]).map((a) => a.person)).toEqual([
      'a',
      'b',
    ]);
  });

  it('rejects a probe of an unknown person', () => {
    expect(() => perPersonAccuracy(['A'], [r('Z', 'A')])).toThrow(/unknown person "Z"/);
  });
});

describe('confusionMatrix and confusedPairs', () => {
  it('counts true rows against predicted columns', () => {
    expect(confusionMatrix(['A', 'B', 'C'], [...results, r('A', null)])).toEqual([
      [2, 0, 0],
      [0, 1, 2],
      [1, 0, 0],
    ]);
  });

  it('lists mistakes, most first, with the probes involved', () => {
    expect(confusedPairs(results)).toEqual([
      { truePerson: 'B', predicted: 'C', count: 2, probes: [1, 5] },
      { truePerson: 'C', predicted: 'A', count: 1, probes: [4] },
    ]);
  });
});

describe('clusterOrder', () => {
  it('puts points that are close on a line next to each other', () => {
    // Positions 0, 10, 1, 11, 5.2: {0, 2} and {1, 3} are pairs, 4 sits nearer the first pair.
    const x = [0, 10, 1, 11, 5.2];
    const d = x.flatMap((a) => x.map((b) => Math.abs(a - b)));
    const order = clusterOrder(d, 5);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    // Merges: {0,2} at 1, {1,3} at 1, then 4 joins {0,2} (avg 4.7 vs 5.3), then all.
    // Ends are flipped so neighbours touch: 0 2 4 | 1 3 (or its reverse).
    const pos = (i: number) => order.indexOf(i);
    expect(Math.abs(pos(0) - pos(2))).toBe(1);
    expect(Math.abs(pos(1) - pos(3))).toBe(1);
    expect(order).toEqual([0, 2, 4, 1, 3]);
  });

  it('sorts points on a line into line order (up to direction)', () => {
    const x = [3, 0, 4, 1, 2];
    const d = x.flatMap((a) => x.map((b) => Math.abs(a - b)));
    const along = clusterOrder(d, 5).map((i) => x[i]);
    expect([along, [...along].reverse()]).toContainEqual([0, 1, 2, 3, 4]);
  });

  it('handles 0 and 1 items and rejects a non-square matrix', () => {
    expect(clusterOrder([], 0)).toEqual([]);
    expect(clusterOrder([0], 1)).toEqual([0]);
    expect(() => clusterOrder([0, 1, 1], 2)).toThrow(/2 × 2/);
  });

  it('reorders rows and columns together', () => {
    expect(
      reorderMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        [1, 0],
      ),
    ).toEqual([
      [4, 3],
      [2, 1],
    ]);
  });

  it('rowDistances: Euclidean between rows', () => {
    const d = rowDistances(Float32Array.from([0, 0, 3, 4, 0, 1]), 2);
    expect(Array.from(d)).toEqual([0, 5, 1, 5, 0, Math.sqrt(9 + 9), 1, Math.sqrt(18), 0]);
  });
});
