import { describe, expect, it } from 'vitest';
import { bcubed, keptWhole } from './bcubed';

describe('B-cubed', () => {
  it('is 1 for the truth itself', () => {
    const t = ['a', 'a', 'b'];
    expect(bcubed(t, t)).toEqual({ precision: 1, recall: 1, f: 1, faces: 3 });
  });

  it('counts a face in no group as alone, and skips unknown truth', () => {
    const r = bcubed(['a', 'a', null], [null, null, 'g']);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(0.5);
    expect(r.faces).toBe(2);
  });

  it('matches a worked example: one group of two people', () => {
    // Group g: a, a, b. Precision: 2/3, 2/3, 1/3; recall: 1, 1, 1.
    const r = bcubed(['a', 'a', 'b'], ['g', 'g', 'g']);
    expect(r.precision).toBeCloseTo(5 / 9);
    expect(r.recall).toBe(1);
  });

  it('counts people kept whole', () => {
    const truth = ['a', 'a', 'b', 'b', 'c'];
    expect(keptWhole(truth, ['g', 'g', 'h', null, 'k'])).toEqual({ people: 2, whole: 1, mostly: 1 });
  });
});
