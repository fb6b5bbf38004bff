import { LikenessError } from './errors';
import { norm } from './vector';

/** One row of a matrix of unit embeddings and its distance to a probe. */
export interface Neighbour {
  /** Row in the matrix (the person's row for a matrix of averages). */
  index: number;
  /** Euclidean distance between unit vectors, in [0, 2]. */
  distance: number;
}

function assertK(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new LikenessError('invalid-argument', `k must be a whole number ≥ 1, got ${k}`);
  }
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
