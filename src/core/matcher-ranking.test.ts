import { describe, expect, it } from 'vitest';
import { buildDatabase } from './database';
import type { FaceDatabase } from './database';
import { createMatcher, embeddingDatabase, type EmbeddingDatabase } from './matcher';
import { mulberry32 } from './rng';
import { euclidean, l2Normalize } from './vector';

// Every person as the matcher places them (the face detail view's whole ranking).
const rankByAverage = (database: FaceDatabase, probe: Float32Array) =>
  createMatcher('average', database, { ranked: database.people.length })
    .match(probe)
    .ranked.map((r) => ({ index: r.label, distance: r.distance }));
const rankByImages = (database: EmbeddingDatabase, probe: Float32Array, k: 1 | 3) =>
  createMatcher(k === 1 ? 'knn1' : 'knn3', database, { ranked: database.people.length })
    .match(probe)
    .ranked.map((r) => ({ index: r.label, distance: r.distance, votes: r.votes }));

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};

function randomPeople(seed: number, people: number, perPerson: number, dim: number) {
  const rand = mulberry32(seed);
  return Array.from({ length: people }, (_, p) => {
    const centre = Array.from({ length: dim }, () => rand() - 0.5);
    return {
      person: `P${p}`,
      embeddings: Array.from({ length: perPerson }, () => unit(centre.map((c) => c + (rand() - 0.5) * 0.8))),
    };
  });
}

/** Every row sorted by distance, the k nearest vote: most votes, then the smaller summed distance, then the nearer. */
function bruteVote(database: EmbeddingDatabase, probe: Float32Array, k: number) {
  const unitProbe = l2Normalize(probe);
  const rows = Array.from(database.labels, (label, r) => ({
    label,
    distance: euclidean(unitProbe, database.rows.subarray(r * database.dim, (r + 1) * database.dim)),
  })).sort((a, b) => a.distance - b.distance);
  const tally = new Map<number, { votes: number; sum: number; nearest: number }>();
  for (const { label, distance } of rows.slice(0, k)) {
    const t = tally.get(label) ?? { votes: 0, sum: 0, nearest: distance };
    tally.set(label, { ...t, votes: t.votes + 1, sum: t.sum + distance });
  }
  const [label, t] = [...tally].sort(
    ([, a], [, b]) => b.votes - a.votes || a.sum - b.sum || a.nearest - b.nearest,
  )[0]!;
  return { label, ...t };
}

describe('rankByAverage', () => {
  it('ranks every person by distance to their average, as brute force does', () => {
    const people = randomPeople(3, 7, 4, 8);
    const database = buildDatabase(people);
    const rand = mulberry32(9);
    for (let t = 0; t < 50; t++) {
      const probe = unit(Array.from({ length: 8 }, () => rand() - 0.5));
      const ranked = rankByAverage(database, probe);
      expect(ranked.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (let i = 1; i < ranked.length; i++)
        expect(ranked[i]!.distance).toBeGreaterThanOrEqual(ranked[i - 1]!.distance);
      const brute = database.people
        .map((_, i) => euclidean(l2Normalize(probe), database.centroids.subarray(i * 8, (i + 1) * 8)))
        .map((distance, index) => ({ index, distance }))
        .sort((a, b) => a.distance - b.distance);
      expect(ranked.map((r) => r.index)).toEqual(brute.map((b) => b.index));
      ranked.forEach((r, i) => expect(r.distance).toBeCloseTo(brute[i]!.distance, 6));
    }
  });
});

describe('rankByImages', () => {
  it('puts first the label a brute-force vote picks, with its nearest distance, for k = 1 and k = 3', () => {
    const knn = embeddingDatabase(randomPeople(5, 6, 5, 8));
    const rand = mulberry32(11);
    for (const k of [1, 3] as const) {
      for (let t = 0; t < 100; t++) {
        const probe = unit(Array.from({ length: 8 }, () => rand() - 0.5));
        const ranked = rankByImages(knn, probe, k);
        const m = bruteVote(knn, probe, k);
        expect(ranked).toHaveLength(6);
        expect(ranked[0]!.index).toBe(m.label);
        expect(ranked[0]!.votes).toBe(m.votes);
        expect(ranked[0]!.distance).toBeCloseTo(m.nearest, 6);
        expect(ranked.reduce((s, r) => s + r.votes!, 0)).toBe(k);
      }
    }
  });

  it('a person with two of three votes beats a nearer single image; the rest follow by nearest image', () => {
    // P0 has the single nearest image; P1 has the second and third; P2 is far.
    const knn = embeddingDatabase([
      { person: 'P0', embeddings: [unit([1, 0.1, 0]), unit([-1, 0, 0])] },
      { person: 'P1', embeddings: [unit([1, 0.2, 0]), unit([1, 0.25, 0])] },
      { person: 'P2', embeddings: [unit([0, 0, 1])] },
    ]);
    const probe = unit([1, 0, 0]);
    expect(rankByImages(knn, probe, 3).map((r) => [r.index, r.votes])).toEqual([
      [1, 2],
      [0, 1],
      [2, 0],
    ]);
    expect(rankByImages(knn, probe, 1).map((r) => r.index)).toEqual([0, 1, 2]);
  });
});
