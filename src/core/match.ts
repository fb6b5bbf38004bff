import { LikenessError } from './errors';
import type { FaceDatabase } from './database';
import { accepts } from './threshold';
import { norm } from './vector';

export interface Neighbour {
  /** Row in the database (person index for a centroid database). */
  index: number;
  /** Euclidean distance between unit vectors, in [0, 2]. */
  distance: number;
}

export interface MatchResult {
  /** The nearest person if it is within the threshold; null means "No match". */
  personIndex: number | null;
  /** The nearest person whatever the threshold (for top-1 accuracy and "closest was …"). */
  nearestIndex: number;
  distance: number;
  /** The k nearest people, nearest first. */
  ranked: Neighbour[];
}

export interface KnnNeighbour extends Neighbour {
  label: number;
}

export interface KnnResult {
  /** The voted label if its nearest neighbour is within the threshold; null means "No match". */
  label: number | null;
  /** The label that won the vote, whatever the threshold. */
  votedLabel: number;
  votes: number;
  /** Distance to the nearest embedding of the voted label. */
  distance: number;
  neighbours: KnnNeighbour[];
}

export const DEFAULT_RANKED = 5;

function assertK(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new LikenessError('invalid-argument', `k must be a whole number ≥ 1, got ${k}`);
  }
}

function assertThreshold(threshold: number): void {
  if (Number.isNaN(threshold)) throw new LikenessError('invalid-argument', 'Threshold is NaN');
}

/** Keeps the k smallest squared distances seen so far, sorted; equal distances keep the earlier row. */
function offer(sq: number, row: number, count: number, k: number, bestSq: Float64Array, bestRow: Int32Array) {
  // Rounding can push 2 - 2a·b a hair below 0; NaN (corrupt rows) must sort last, not first.
  const d = sq >= 0 ? sq : sq < 0 ? 0 : Infinity;
  if (count === k && !(d < bestSq[k - 1]!)) return count;
  let pos = count < k ? count++ : k - 1;
  while (pos > 0 && bestSq[pos - 1]! > d) {
    bestSq[pos] = bestSq[pos - 1]!;
    bestRow[pos] = bestRow[pos - 1]!;
    pos--;
  }
  bestSq[pos] = d;
  bestRow[pos] = row;
  return count;
}

/**
 * The k rows of a row-major matrix of unit vectors nearest to probe (any non-zero norm).
 * Uses |a - b|² = 2 - 2a·b, scanning four rows per pass so each probe value is loaded once for
 * four independent sums; this roughly halves the time of a row-at-a-time loop.
 */
export function scanNearest(rows: Float32Array, dim: number, probe: Float32Array, k: number): Neighbour[] {
  assertK(k);
  if (!Number.isInteger(dim) || dim <= 0 || rows.length % dim !== 0) {
    throw new LikenessError('dimension-mismatch', `${rows.length} floats do not split into ${dim}-d rows`);
  }
  if (probe.length !== dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Probe has ${probe.length} dimensions, database has ${dim}`,
    );
  }
  const probeNorm = norm(probe);
  if (!(probeNorm > 0) || !Number.isFinite(probeNorm)) {
    throw new LikenessError('invalid-vector', 'Probe embedding is zero or not finite');
  }
  // Scaling the dot instead of normalising the probe saves a copy.
  const twoOverNorm = 2 / probeNorm;
  const n = rows.length / dim;
  const kk = Math.min(k, n);
  if (kk === 0) return [];
  const bestSq = new Float64Array(kk);
  const bestRow = new Int32Array(kk);
  let count = 0;

  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const o0 = r * dim;
    const o1 = o0 + dim;
    const o2 = o1 + dim;
    const o3 = o2 + dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < dim; j++) {
      const p = probe[j]!;
      s0 += p * rows[o0 + j]!;
      s1 += p * rows[o1 + j]!;
      s2 += p * rows[o2 + j]!;
      s3 += p * rows[o3 + j]!;
    }
    count = offer(2 - twoOverNorm * s0, r, count, kk, bestSq, bestRow);
    count = offer(2 - twoOverNorm * s1, r + 1, count, kk, bestSq, bestRow);
    count = offer(2 - twoOverNorm * s2, r + 2, count, kk, bestSq, bestRow);
    count = offer(2 - twoOverNorm * s3, r + 3, count, kk, bestSq, bestRow);
  }
  for (; r < n; r++) {
    const o = r * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) s += probe[j]! * rows[o + j]!;
    count = offer(2 - twoOverNorm * s, r, count, kk, bestSq, bestRow);
  }

  const out: Neighbour[] = [];
  for (let i = 0; i < count; i++) out.push({ index: bestRow[i]!, distance: Math.sqrt(bestSq[i]!) });
  return out;
}

/** The k people nearest to the probe, nearest first. */
export function topK(database: FaceDatabase, probe: Float32Array, k: number): Neighbour[] {
  return scanNearest(database.centroids, database.dim, probe, k);
}

/** Nearest-centroid identification; "No match" when the nearest distance exceeds the threshold. */
export function matchProbe(
  database: FaceDatabase,
  probe: Float32Array,
  threshold: number,
  k: number = DEFAULT_RANKED,
): MatchResult {
  assertThreshold(threshold);
  const ranked = topK(database, probe, k);
  const nearest = ranked[0];
  if (nearest === undefined) throw new LikenessError('invalid-argument', 'The database is empty');
  return {
    personIndex: accepts(nearest.distance, threshold) ? nearest.index : null,
    nearestIndex: nearest.index,
    distance: nearest.distance,
    ranked,
  };
}

/**
 * k-nearest-neighbour identification against every enrolment embedding (not centroids), to compare
 * with matching against the averages. The k nearest vote; a tie goes to the label with the smaller
 * summed distance, then to the label seen nearer. The threshold applies to the winner's
 * nearest embedding, so k = 1 behaves exactly like nearest-embedding matching.
 */
export function knnMatch(
  databaseEmbeddings: Float32Array,
  labels: Int32Array,
  dim: number,
  probe: Float32Array,
  k: number,
  threshold: number,
  /** The k nearest rows; scanNearest unless given (e.g. QuantisedRows.nearest for large databases). */
  search: (probe: Float32Array, k: number) => Neighbour[] = (p, kk) =>
    scanNearest(databaseEmbeddings, dim, p, kk),
): KnnResult {
  assertThreshold(threshold);
  if (databaseEmbeddings.length !== labels.length * dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `${labels.length} labels need ${labels.length * dim} floats, got ${databaseEmbeddings.length}`,
    );
  }
  assertK(k);
  const neighbours: KnnNeighbour[] = search(probe, k).map((nb) => ({
    ...nb,
    label: labels[nb.index]!,
  }));
  if (neighbours.length === 0) throw new LikenessError('invalid-argument', 'The database is empty');

  const winner = vote(neighbours);
  return {
    label: accepts(winner.nearest, threshold) ? winner.label : null,
    votedLabel: winner.label,
    votes: winner.votes,
    distance: winner.nearest,
    neighbours,
  };
}

/**
 * The majority label of neighbours sorted nearest first. A tie goes to the label with the smaller
 * summed distance, then to the label seen nearer; `nearest` is the winner's nearest distance.
 */
export function vote(neighbours: readonly KnnNeighbour[]): { label: number; votes: number; nearest: number } {
  let best: { label: number; votes: number; sum: number; nearest: number } | undefined;
  // k is small, so a quadratic tally beats building a Map.
  for (let i = 0; i < neighbours.length; i++) {
    const label = neighbours[i]!.label;
    if (neighbours.findIndex((nb) => nb.label === label) !== i) continue;
    let votes = 0;
    let sum = 0;
    for (const nb of neighbours) {
      if (nb.label === label) {
        votes++;
        sum += nb.distance;
      }
    }
    // Neighbours are sorted, so the first label to reach a given (votes, sum) was seen nearer.
    if (best === undefined || votes > best.votes || (votes === best.votes && sum < best.sum)) {
      best = { label, votes, sum, nearest: neighbours[i]!.distance };
    }
  }
  if (best === undefined) throw new LikenessError('invalid-argument', 'The database is empty');
  return best;
}
