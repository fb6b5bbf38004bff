import { describe, expect, it } from 'vitest';
import { buildDatabase, createDatabase } from './database';
import { knnMatch, scanNearest } from './match';
import {
  createMatcher,
  embeddingDatabase,
  isMatchRule,
  MATCH_RULE_LABELS,
  MATCH_RULES,
  matchesImages,
} from './matcher';
import { mulberry32 } from './rng';
import { accepts, verdictOf } from './threshold';
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

  it('agrees with knnMatch on random databases for every image rule', () => {
    const rand = mulberry32(3);
    const dim = 8;
    const rows = Float32Array.from({ length: 60 * dim }, () => rand() - 0.5);
    const labels = Int32Array.from({ length: 60 }, (_, i) => i % 7);
    const g = embeddingDatabase(
      Array.from({ length: 7 }, (_, label) => ({
        person: `p${label}`,
        embeddings: [...labels.keys()]
          .filter((r) => labels[r] === label)
          .map((r) => l2Normalize(rows.subarray(r * dim, (r + 1) * dim))),
      })),
    );
    for (const rule of MATCH_RULES.filter(matchesImages)) {
      const matcher = createMatcher(rule, g, { ranked: 3 });
      const k = rule === 'knn3' ? 3 : 1;
      for (let i = 0; i < 20; i++) {
        const p = Float32Array.from({ length: dim }, () => rand() - 0.5);
        const expected = knnMatch(g.rows, g.labels, dim, p, k, Infinity);
        expect(matcher.match(p).best).toMatchObject({
          label: expected.votedLabel,
          person: g.people[expected.votedLabel],
          distance: expected.distance,
          votes: expected.votes,
        });
      }
    }
  });

  it('refuses a database of the wrong kind for the rule', () => {
    expect(() => createMatcher('knn3', averages)).toThrow(/every enrolment image/);
    expect(() => createMatcher('average', images)).toThrow(/per-person averages/);
    expect(() => createMatcher('average', createDatabase([], new Float32Array(0), 2))).toThrow(/empty/);
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

describe('accepts and verdictOf', () => {
  it('at the threshold is a match; beyond it or NaN is not', () => {
    expect(accepts(0.5, 0.5)).toBe(true);
    expect(accepts(0.50001, 0.5)).toBe(false);
    expect(accepts(Number.NaN, 2)).toBe(false);
  });

  it('no prediction or too far is "No match", else right or wrong', () => {
    expect(verdictOf({ truePerson: 'A', predicted: 'A', distance: 0.4 }, 0.5)).toBe('correct');
    expect(verdictOf({ truePerson: 'A', predicted: 'B', distance: 0.4 }, 0.5)).toBe('wrong');
    expect(verdictOf({ truePerson: 'A', predicted: 'A', distance: 0.6 }, 0.5)).toBe('no-match');
    expect(verdictOf({ truePerson: 'A', predicted: null, distance: 0 }, 0.5)).toBe('no-match');
  });
});
