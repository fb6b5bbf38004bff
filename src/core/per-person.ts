import { LikenessError } from './errors';
import { wilsonInterval } from './metrics';

/** One held-out probe's outcome: its true person and the nearest person (null: nothing to compare). */
export interface LabelledPrediction {
  truePerson: string;
  predicted: string | null;
}

export interface PersonAccuracy {
  person: string;
  tested: number;
  correct: number;
  top1: number;
  ci95: [number, number];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Held-out top-1 per person, worst first (ties by name), with 95 % Wilson intervals. People with
 * no tested probe have no accuracy and are left out; results of unknown people are an error.
 */
export function perPersonAccuracy(
  people: readonly string[],
  results: readonly LabelledPrediction[],
): PersonAccuracy[] {
  const counts = new Map(people.map((id) => [id, { tested: 0, correct: 0 }]));
  for (const r of results) {
    const c = counts.get(r.truePerson);
    if (!c) throw new LikenessError('invalid-argument', `Probe of unknown person "${r.truePerson}"`);
    c.tested++;
    if (r.predicted === r.truePerson) c.correct++;
  }
  return [...counts]
    .filter(([, c]) => c.tested > 0)
    .map(([person, c]) => ({
      person,
      tested: c.tested,
      correct: c.correct,
      top1: c.correct / c.tested,
      ci95: wilsonInterval(c.correct, c.tested),
    }))
    .sort((a, b) => a.top1 - b.top1 || byName(a.person, b.person));
}

/** counts[t][p]: probes of people[t] whose nearest person was people[p]. */
export function confusionMatrix(
  people: readonly string[],
  results: readonly LabelledPrediction[],
): number[][] {
  const index = new Map(people.map((id, i) => [id, i]));
  const counts = people.map(() => people.map(() => 0));
  for (const r of results) {
    const t = index.get(r.truePerson);
    if (t === undefined)
      throw new LikenessError('invalid-argument', `Probe of unknown person "${r.truePerson}"`);
    if (r.predicted === null) continue;
    const p = index.get(r.predicted);
    if (p === undefined)
      throw new LikenessError('invalid-argument', `Prediction of unknown person "${r.predicted}"`);
    counts[t]![p]!++;
  }
  return counts;
}

export interface ConfusedPair {
  truePerson: string;
  predicted: string;
  count: number;
  /** Indexes into the results of the probes taken for the wrong person, in result order. */
  probes: number[];
}

/** Every (true → predicted) pair with at least one mistake, most mistakes first, then by names. */
export function confusedPairs(results: readonly LabelledPrediction[]): ConfusedPair[] {
  const pairs = new Map<string, ConfusedPair>();
  results.forEach((r, i) => {
    if (r.predicted === null || r.predicted === r.truePerson) return;
    const key = JSON.stringify([r.truePerson, r.predicted]);
    const pair = pairs.get(key) ?? {
      truePerson: r.truePerson,
      predicted: r.predicted,
      count: 0,
      probes: [],
    };
    pair.count++;
    pair.probes.push(i);
    pairs.set(key, pair);
  });
  return [...pairs.values()].sort(
    (a, b) => b.count - a.count || byName(a.truePerson, b.truePerson) || byName(a.predicted, b.predicted),
  );
}

/**
 * An order of n items that puts similar items next to each other: average-linkage agglomerative
 * clustering on a symmetric n × n distance matrix (row-major), read off as the dendrogram's leaf
 * order. When two clusters merge, each may be flipped so that the closest pair of their end
 * items meet in the middle. O(n³), about 1 M steps at 105 people. Ties merge the lowest indexes
 * first, so the order is deterministic.
 */
export function clusterOrder(distances: ArrayLike<number>, n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || distances.length !== n * n) {
    throw new LikenessError('invalid-argument', `${distances.length} distances are not a ${n} × ${n} matrix`);
  }
  const at = (i: number, j: number) => distances[i * n + j]!;
  const d = Float64Array.from(distances);
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  let alive = n;
  while (alive > 1) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!members[j]) continue;
        const v = d[i * n + j]!;
        if (v < best || bi < 0) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    const a = members[bi]!;
    const b = members[bj]!;
    // Four ways to join two sequences; keep the one whose touching ends are closest.
    const options = [
      [a, b],
      [a, [...b].reverse()],
      [[...a].reverse(), b],
      [[...a].reverse(), [...b].reverse()],
    ] as const;
    let joined: number[] = [...a, ...b];
    let gap = Infinity;
    for (const [x, y] of options) {
      const g = at(x[x.length - 1]!, y[0]!);
      if (g < gap) {
        gap = g;
        joined = [...x, ...y];
      }
    }
    // Lance–Williams update for average linkage.
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi || k === bj) continue;
      const v = (a.length * d[bi * n + k]! + b.length * d[bj * n + k]!) / (a.length + b.length);
      d[bi * n + k] = v;
      d[k * n + bi] = v;
    }
    members[bi] = joined;
    members[bj] = null;
    alive--;
  }
  return members.find((m) => m !== null) ?? [];
}

/** Rows and columns of a square matrix taken in `order`. */
export function reorderMatrix<T>(matrix: readonly (readonly T[])[], order: readonly number[]): T[][] {
  return order.map((r) => order.map((c) => matrix[r]![c]!));
}

/** Euclidean distances between every two rows of a row-major matrix, n × n, row-major. */
export function rowDistances(rows: Float32Array, dim: number): Float64Array {
  if (!Number.isInteger(dim) || dim <= 0 || rows.length % dim !== 0) {
    throw new LikenessError('dimension-mismatch', `${rows.length} floats do not split into ${dim}-d rows`);
  }
  const n = rows.length / dim;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const diff = rows[i * dim + k]! - rows[j * dim + k]!;
        s += diff * diff;
      }
      out[i * n + j] = out[j * n + i] = Math.sqrt(s);
    }
  }
  return out;
}
