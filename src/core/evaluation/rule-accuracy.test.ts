import { describe, expect, it } from 'vitest';
import type { EvaluationPerson } from '../enrolment-curve';
import { compareMatchRules } from './rule-accuracy';
import { syntheticRows } from './search-times';
import { embeddingDatabase, isMatchRule } from '../matcher';
import { norm } from '../vector';

const v = (...xs: number[]) => Float32Array.from(xs);

// A has two modes (east and north-east-ish); B sits north-west. The probe at (0.3, 1) is nearer B's
// average but nearest to A's one north image, and A's outlier loses the k = 3 vote.
const people: EvaluationPerson[] = [
  { person: 'A', enrolment: [v(1, 0), v(1, 0.05), v(0.2, 1)], probes: [v(0.3, 1), v(1, 0.02)] },
  { person: 'B', enrolment: [v(-0.2, 1), v(-0.1, 1), v(-0.3, 1)], probes: [v(-0.2, 1)] },
];

describe('compareMatchRules', () => {
  it('same probes for every rule; average and k=3 miss the probe near A’s outlier, k=1 gets it', () => {
    const [average, knn1, knn3] = compareMatchRules(people, 3);
    // Average: A ∝ (2.2,1.05)/|…| ≈ (0.90,0.43); B ≈ (-0.2,1)/1.02. (0.3,1)·A ≈ 0.70, ·B ≈ 0.77 → B.
    expect(average).toMatchObject({ rule: 'average', tested: 3, correct: 2 });
    // k=1: (0.3,1) nearest is A's (0.2,1) → A.
    expect(knn1).toMatchObject({ rule: 'knn1', tested: 3, correct: 3 });
    // k=3: A(0.2,1) plus B's (-0.1,1) and (-0.2,1) → B wins 2–1.
    expect(knn3).toMatchObject({ rule: 'knn3', tested: 3, correct: 2 });
    expect(knn1!.top1).toBe(1);
  });

  it('respects the enrolment size', () => {
    // Size 1: A = (1,0), B = (-0.2,1). (0.3,1) → B under every rule.
    expect(compareMatchRules(people, 1).map((r) => r.correct)).toEqual([2, 2, 2]);
  });
});

describe('embeddingDatabase', () => {
  it('packs rows with labels and skips people with no embeddings', () => {
    const g = embeddingDatabase([
      { person: 'A', embeddings: [v(1, 2), v(3, 4)] },
      { person: 'X', embeddings: [] },
      { person: 'B', embeddings: [v(5, 6)] },
    ]);
    expect(g.people).toEqual(['A', 'B']);
    expect([...g.rows]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...g.labels]).toEqual([0, 0, 1]);
    expect(() => embeddingDatabase([{ person: 'A', embeddings: [v(1), v(1, 2)] }])).toThrow(/expected 1/);
  });
});

describe('syntheticRows', () => {
  it('reproducible unit rows', () => {
    const a = syntheticRows(3, 8, 1);
    expect(a).toEqual(syntheticRows(3, 8, 1));
    expect(norm(a.subarray(8, 16))).toBeCloseTo(1, 5);
  });
});

it('isMatchRule', () => {
  expect(isMatchRule('knn3')).toBe(true);
  expect(isMatchRule('knn5')).toBe(false);
});
