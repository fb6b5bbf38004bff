import { LikenessError } from './errors';
import { l2Normalize, norm } from './vector';

/**
 * Label checks on stored embeddings: images far from their own person's average or nearer to
 * someone else's (a wrong folder, a second face, a bad crop), and near-identical images within
 * and across people. Both run as generators that yield after each slice of work, so a caller on
 * the main thread can pause between slices, show progress and stop early.
 */

export interface LabelledPerson {
  person: string;
  /** Embeddings in the person's average. */
  enrolled: readonly Float32Array[];
  /** Embeddings of the person that are not in the average (held-out probes, spare candidates). */
  held: readonly Float32Array[];
}

export interface LabelScore {
  /** Index of the person in the input. */
  person: number;
  role: 'enrolled' | 'held';
  /** Index within the person's `enrolled` or `held` list. */
  index: number;
  /**
   * Distance to the person's own average; for an enrolled image the average without that image
   * (leave-one-out), null when it was the person's only enrolled image.
   */
  ownDistance: number | null;
  /** The nearest other person (index), null when there is no other person. */
  nearestOther: number | null;
  otherDistance: number;
  /** ownDistance − otherDistance: above 0 means nearer to someone else. NaN without an own distance. */
  margin: number;
}

/** Progress of a generator: units of work done out of total. */
export interface SliceProgress {
  done: number;
  total: number;
}

const unitOrNull = (v: Float32Array) => {
  const n = norm(v);
  return n > 0 && Number.isFinite(n) ? l2Normalize(v) : null;
};

/** out[r] = |u − row r| for unit u and unit rows (|a − b|² = 2 − 2a·b), four rows per pass. */
function distancesInto(rows: Float32Array, dim: number, u: Float32Array, out: Float32Array, offset: number) {
  const n = rows.length / dim;
  const d = (dot: number) => Math.sqrt(Math.max(0, 2 - 2 * dot));
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const o = r * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < dim; k++) {
      const x = u[k]!;
      s0 += x * rows[o + k]!;
      s1 += x * rows[o + dim + k]!;
      s2 += x * rows[o + 2 * dim + k]!;
      s3 += x * rows[o + 3 * dim + k]!;
    }
    out[offset + r] = d(s0);
    out[offset + r + 1] = d(s1);
    out[offset + r + 2] = d(s2);
    out[offset + r + 3] = d(s3);
  }
  for (; r < n; r++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += u[k]! * rows[r * dim + k]!;
    out[offset + r] = d(s);
  }
}

export interface LabelCheck {
  scores: LabelScore[];
  /** The unit embeddings checked, row-major, in the order of `scores` (for the duplicate search). */
  rows: Float32Array;
  dim: number;
  /** rows × averages distances, row-major: pivots for nearDuplicatePairs. */
  toAverages: Float32Array;
  averages: number;
}

/**
 * Scores every image against its own average (leave-one-out for enrolled images) and against the
 * nearest other person's average. Averages are unit means of unit embeddings, as in the database.
 * Images with a zero or non-finite embedding are skipped. Yields after every `slice` images.
 */
export function* scoreLabels(
  people: readonly LabelledPerson[],
  slice = 100,
): Generator<SliceProgress, LabelCheck> {
  const first = people.find((p) => p.enrolled.length > 0)?.enrolled[0];
  if (!first) throw new LikenessError('invalid-argument', 'No enrolled embeddings to check');
  const dim = first.length;
  const unitOf = (p: LabelledPerson, e: Float32Array) => {
    if (e.length !== dim) {
      throw new LikenessError(
        'dimension-mismatch',
        `Embedding of "${p.person}" is ${e.length}-d, not ${dim}`,
      );
    }
    return unitOrNull(e);
  };
  // Pass 1: unit copies of every embedding, and each person's sum of enrolled unit embeddings.
  const total = people.reduce((a, p) => a + p.enrolled.length + p.held.length, 0);
  const sums = people.map(() => new Float64Array(dim));
  const items: { person: number; role: 'enrolled' | 'held'; index: number; u: Float32Array }[] = [];
  let seen = 0;
  for (let person = 0; person < people.length; person++) {
    const p = people[person]!;
    for (const role of ['enrolled', 'held'] as const) {
      const list = role === 'enrolled' ? p.enrolled : p.held;
      for (let index = 0; index < list.length; index++) {
        const u = unitOf(p, list[index]!);
        if (u) {
          items.push({ person, role, index, u });
          if (role === 'enrolled') {
            const sum = sums[person]!;
            for (let k = 0; k < dim; k++) sum[k]! += u[k]!;
          }
        }
        if (++seen % (slice * 4) === 0) yield { done: 0, total };
      }
    }
  }
  // People with an average (at least one usable enrolled image), one unit row each.
  const withAverage: number[] = [];
  const averageRow = people.map(() => -1);
  sums.forEach((s, person) => {
    if (s.some((x) => x !== 0)) {
      averageRow[person] = withAverage.length;
      withAverage.push(person);
    }
  });
  const P = withAverage.length;
  const averages = new Float32Array(P * dim);
  withAverage.forEach((person, row) => {
    const s = sums[person]!;
    const n = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
    for (let k = 0; k < dim; k++) averages[row * dim + k] = s[k]! / n;
  });

  // Pass 2: distances to every average, leave-one-out for enrolled images.
  const rows = new Float32Array(items.length * dim);
  const toAverages = new Float32Array(items.length * P);
  const scores: LabelScore[] = [];
  const loo = new Float64Array(dim);
  for (let i = 0; i < items.length; i++) {
    const { person, role, index, u } = items[i]!;
    rows.set(u, i * dim);
    distancesInto(averages, dim, u, toAverages, i * P);
    const own = averageRow[person]!;
    let ownDistance: number | null = null;
    if (role === 'enrolled') {
      const s = sums[person]!;
      let n2 = 0;
      for (let k = 0; k < dim; k++) {
        loo[k] = s[k]! - u[k]!;
        n2 += loo[k]! * loo[k]!;
      }
      // With one enrolled image the rest is (numerically) nothing: no average to compare with.
      if (n2 > 1e-9) {
        const inv = 1 / Math.sqrt(n2);
        let d2 = 0;
        for (let k = 0; k < dim; k++) {
          const diff = u[k]! - loo[k]! * inv;
          d2 += diff * diff;
        }
        ownDistance = Math.sqrt(d2);
      }
    } else if (own >= 0) {
      ownDistance = toAverages[i * P + own]!;
    }
    let other = -1;
    let otherDistance = Infinity;
    for (let c = 0; c < P; c++) {
      const d = toAverages[i * P + c]!;
      if (c !== own && d < otherDistance) {
        otherDistance = d;
        other = c;
      }
    }
    scores.push({
      person,
      role,
      index,
      ownDistance,
      nearestOther: other >= 0 ? withAverage[other]! : null,
      otherDistance,
      margin: ownDistance === null ? Number.NaN : ownDistance - otherDistance,
    });
    if ((i + 1) % slice === 0) yield { done: i + 1, total: items.length };
  }
  return { scores, rows, dim, toAverages, averages: P };
}

/** median + k · 1.4826 · MAD: a robust "far from the rest" cut that a few outliers cannot drag up. */
export function robustUpperCutoff(values: readonly number[], k = 3): number {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return Infinity;
  const median = (s: readonly number[]) => {
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const med = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
  return med + k * 1.4826 * mad;
}

export type SuspectReason = 'nearer-other' | 'far-from-own';

export interface Suspect extends LabelScore {
  reasons: SuspectReason[];
}

/**
 * The suspects: nearer to another person's average than to their own, or farther from their own
 * than `farCutoff`. Most suspicious first: largest margin, then largest own distance.
 */
export function rankSuspects(scores: readonly LabelScore[], farCutoff: number): Suspect[] {
  const out: Suspect[] = [];
  for (const s of scores) {
    const reasons: SuspectReason[] = [];
    if (s.margin > 0) reasons.push('nearer-other');
    if (s.ownDistance !== null && s.ownDistance > farCutoff) reasons.push('far-from-own');
    if (reasons.length > 0) out.push({ ...s, reasons });
  }
  return out.sort((a, b) => b.margin - a.margin || (b.ownDistance ?? 0) - (a.ownDistance ?? 0));
}

export interface DuplicatePair {
  /** Row indexes, a < b. */
  a: number;
  b: number;
  distance: number;
}

/**
 * Every pair of rows within `threshold` of each other, exactly, without comparing all pairs.
 * Pivots are fixed points (e.g. the people's averages) with every row's distance to each of them
 * (`pivotDistances`, rows × pivots). By the triangle inequality, rows x and y at most `threshold`
 * apart are within `threshold` of each other in their distance to any pivot, in particular to
 * x's nearest pivot c: so x is compared only with the rows whose distance to c lies within
 * threshold of its own. A face is near its own person's average and far from the others, so
 * that window holds little more than the person's own images. Yields after every `slice` rows.
 */
export function* nearDuplicatePairs(
  rows: Float32Array,
  dim: number,
  threshold: number,
  pivotDistances: Float32Array,
  pivots: number,
  slice = 500,
): Generator<SliceProgress, DuplicatePair[]> {
  if (!Number.isInteger(dim) || dim <= 0 || rows.length % dim !== 0) {
    throw new LikenessError('dimension-mismatch', `${rows.length} floats do not split into ${dim}-d rows`);
  }
  if (!(threshold >= 0))
    throw new LikenessError('invalid-argument', `Threshold must be ≥ 0, got ${threshold}`);
  const n = rows.length / dim;
  if (!Number.isInteger(pivots) || pivots < 1 || pivotDistances.length !== n * pivots) {
    throw new LikenessError(
      'invalid-argument',
      `Need ${n} × ${pivots} pivot distances, got ${pivotDistances.length}`,
    );
  }
  // Each row's nearest pivot, and per pivot the rows that any row assigned to it could reach.
  const nearest = new Int32Array(n);
  const reach = new Float64Array(pivots).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < pivots; c++)
      if (pivotDistances[i * pivots + c]! < pivotDistances[i * pivots + best]!) best = c;
    nearest[i] = best;
    reach[best] = Math.max(reach[best]!, pivotDistances[i * pivots + best]! + threshold);
  }
  // Per pivot: the rows no farther from it than reach, sorted by that distance.
  const columns: { ids: Int32Array; dist: Float64Array }[] = [];
  for (let c = 0; c < pivots; c++) {
    const ids: number[] = [];
    if (reach[c]! > -Infinity)
      for (let i = 0; i < n; i++) if (pivotDistances[i * pivots + c]! <= reach[c]!) ids.push(i);
    ids.sort((a, b) => pivotDistances[a * pivots + c]! - pivotDistances[b * pivots + c]! || a - b);
    columns.push({
      ids: Int32Array.from(ids),
      dist: Float64Array.from(ids, (i) => pivotDistances[i * pivots + c]!),
    });
  }
  const t2 = threshold * threshold;
  const found = new Map<number, DuplicatePair>();
  for (let i = 0; i < n; i++) {
    const { ids, dist } = columns[nearest[i]!]!;
    const di = pivotDistances[i * pivots + nearest[i]!]!;
    // First entry at distance ≥ di − threshold (binary search), then walk up to di + threshold.
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dist[mid]! < di - threshold) lo = mid + 1;
      else hi = mid;
    }
    for (let q = lo; q < ids.length && dist[q]! <= di + threshold; q++) {
      const j = ids[q]!;
      if (j === i) continue;
      let d2 = 0;
      for (let k = 0; k < dim && d2 <= t2; k++) {
        const diff = rows[i * dim + k]! - rows[j * dim + k]!;
        d2 += diff * diff;
      }
      if (d2 > t2) continue;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      found.set(a * n + b, { a, b, distance: Math.sqrt(d2) });
    }
    if ((i + 1) % slice === 0) yield { done: i + 1, total: n };
  }
  return [...found.values()].sort((x, y) => x.distance - y.distance || x.a - y.a || x.b - y.b);
}

/** Runs a slicing generator to its end (tests, workers, small inputs). */
export function runToEnd<T>(work: Generator<SliceProgress, T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
