import { describe, expect, it } from 'vitest';
import { buildDatabase, createDatabase } from './database';
import { scanNearest } from './nearest-rows';
import {
  createMatcher,
  embeddingDatabase,
  isMatchRule,
  MATCH_RULE_LABELS,
  MATCH_RULES,
  matchesImages,
} from './matcher';
import { codeOf, f } from './test-support';
import { l2Normalize } from './vector';

const v = (...xs: number[]) => Float32Array.from(xs);

// A has two modes (east, and one image north); B sits north-west. The probe (0.3, 1) is nearer B's
// average but nearest to A's north image; A's outlier loses the k = 3 vote to B's two nearer images.
const people = [
  { person: 'A', embeddings: [v(1, 0), v(1, 0.05), v(0.2, 1)] },
  { person: 'B', embeddings: [v(-0.2, 1), v(-0.1, 1), v(-0.3, 1)] },
];
const averages = buildDatabase(people);
const images = embeddingDatabase(people);
const probe = v(0.3, 1);

describe('createMatcher', () => {
  it('average: the nearest average, ranked people with their distances', () => {
    const m = createMatcher('average', averages, { ranked: 2 });
    const { best, ranked } = m.match(probe);
    expect(best.person).toBe('B');
    expect(ranked.map((r) => r.person)).toEqual(['B', 'A']);
    const unit = l2Normalize(probe);
    const toA = Math.hypot(...Array.from(unit, (x, i) => x - averages.centroids[i]!));
    expect(ranked[1]!.distance).toBeCloseTo(toA, 6);
    expect(m.rows).toBe(2);
  });

  it('k = 1: the nearest image, at its distance', () => {
    const { best } = createMatcher('knn1', images).match(probe);
    expect(best.person).toBe('A');
    expect(best.distance).toBeCloseTo(scanNearest(images.rows, 2, probe, 1)[0]!.distance, 6);
  });

  it('k = 3 majority: the vote wins even when another person is nearest', () => {
    const { best, ranked } = createMatcher('knn3', images, { ranked: 2 }).match(probe);
    expect(best.person).toBe('B');
    // Ranked as the rule places them: B's two votes before A's one nearer image.
    expect(ranked.map((r) => [r.person, r.votes])).toEqual([
      ['B', 2],
      ['A', 1],
    ]);
    expect(ranked[0]).toEqual(best);
    expect(ranked[1]!.distance).toBeLessThan(best.distance);
  });

  it('ranked lists distinct people, however many images each has', () => {
    const many = embeddingDatabase([
      { person: 'A', embeddings: [v(1, 0), v(1, 0.01), v(1, 0.02), v(1, 0.03)] },
      { person: 'B', embeddings: [v(0, 1)] },
      { person: 'C', embeddings: [v(-1, 0)] },
    ]);
    const { ranked } = createMatcher('knn1', many, { ranked: 3 }).match(v(1, 0));
    expect(ranked.map((r) => r.person)).toEqual(['A', 'B', 'C']);
  });

  it('k = 3: two nearer votes beat the single nearest image; distinct people go to the nearest', () => {
    const images = embeddingDatabase([
      { person: 'A', embeddings: [f(...atDistance(0.1)), f(...atDistance(0.5))] },
      { person: 'B', embeddings: [f(...atDistance(0.2)), f(...atDistance(0.3))] },
    ]);
    const m = createMatcher('knn3', images, { ranked: 2 });
    // k = 3 sees A 0.1, B 0.2, B 0.3: B wins two to one, at its nearest image.
    expect(m.match(f(1, 0)).best).toMatchObject({ person: 'B', votes: 2 });
    expect(m.match(f(1, 0)).best.distance).toBeCloseTo(0.2, 6);
    const distinct = embeddingDatabase(
      [0.1, 0.2, 0.3].map((d, i) => ({ person: `P${i}`, embeddings: [f(...atDistance(d))] })),
    );
    expect(createMatcher('knn3', distinct).match(f(1, 0)).best.person).toBe('P0');
  });

  it('refuses a database of the wrong kind for the rule', () => {
    expect(() => createMatcher('knn3', averages)).toThrow(/every enrolment image/);
    expect(() => createMatcher('average', images)).toThrow(/per-person averages/);
    expect(() => createMatcher('average', createDatabase([], new Float32Array(0), 2))).toThrow(/empty/);
  });
});

// A = (1,0), B = (0,1), C = (0.6,0.8). For probe (0.8,0.6):
// |p-A|² = 2-1.6 = 0.4, |p-B|² = 2-1.2 = 0.8, |p-C|² = 2-2(0.48+0.48) = 0.08.
const abc = createDatabase(['A', 'B', 'C'], f(1, 0, 0, 1, 0.6, 0.8), 2);

/** A 2-d unit vector at the angle whose chord to (1, 0) has the given length. */
function atDistance(d: number): number[] {
  const theta = 2 * Math.asin(d / 2);
  return [Math.cos(theta), Math.sin(theta)];
}

describe('createMatcher, hand-computed', () => {
  it('ranks every person by distance to their average', () => {
    const { best, ranked } = createMatcher('average', abc, { ranked: 3 }).match(f(0.8, 0.6));
    expect(best.person).toBe('C');
    expect(ranked.map((r) => r.person)).toEqual(['C', 'A', 'B']);
    ranked.forEach((r, i) => expect(r.distance).toBeCloseTo(Math.sqrt([0.08, 0.4, 0.8][i]!), 6));
    expect(createMatcher('average', abc, { ranked: 10 }).match(f(0.8, 0.6)).ranked).toHaveLength(3);
  });

  it('normalises the probe, so its norm does not matter', () => {
    const m = createMatcher('average', abc, { ranked: 3 });
    const a = m.match(f(0.8, 0.6)).ranked;
    m.match(f(8, 6)).ranked.forEach((r, i) => {
      expect(r.person).toBe(a[i]!.person);
      expect(r.distance).toBeCloseTo(a[i]!.distance, 6);
    });
  });

  it('gives the opposite vector distance 2 and never NaN from rounding', () => {
    expect(createMatcher('average', abc, { ranked: 3 }).match(f(-1, 0)).ranked[2]!.distance).toBeCloseTo(
      2,
      6,
    );
    const same = createMatcher('average', createDatabase(['X'], l2Normalize(f(0.1, 0.7, 0.3)), 3));
    const { distance } = same.match(f(0.1, 0.7, 0.3)).best;
    expect(Number.isNaN(distance)).toBe(false);
    expect(distance).toBeLessThan(1e-3);
  });

  it('rejects a probe of the wrong size, a zero or NaN probe', () => {
    const m = createMatcher('average', abc);
    expect(codeOf(() => m.match(f(1, 0, 0)))).toBe('dimension-mismatch');
    expect(codeOf(() => m.match(f(0, 0)))).toBe('invalid-vector');
    expect(codeOf(() => m.match(f(NaN, 1)))).toBe('invalid-vector');
  });
});

describe('rules', () => {
  it('one label per rule; only listed rules are rules', () => {
    expect(MATCH_RULES).toEqual(['average', 'knn1', 'knn3']);
    expect(MATCH_RULE_LABELS.knn3).toBe('A vote of the 3 nearest photos');
    expect(isMatchRule('knn3')).toBe(true);
    expect(isMatchRule('toString')).toBe(false);
    expect(matchesImages('average')).toBe(false);
  });
});
