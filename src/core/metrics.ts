import { LikenessError } from './errors';
import { verdictOf } from './verdict';

/**
 * Wilson score interval for a binomial proportion. Unlike p ± z·√(p(1-p)/n) it stays inside [0, 1]
 * and does not collapse to a point at 0% or 100%, which small per-person test sets hit often.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): [number, number] {
  if (!(n >= 0) || !(successes >= 0) || successes > n || !Number.isFinite(n) || !(z > 0)) {
    throw new LikenessError('invalid-argument', `Invalid Wilson interval input: ${successes}/${n}, z=${z}`);
  }
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface ProbeResult {
  truePerson: string;
  /** The nearest person, whatever the threshold; null when there was nothing to compare with. */
  predicted: string | null;
  /** Distance to the nearest person. */
  distance: number;
}

export interface SummaryCounts {
  tested: number;
  top1Correct: number;
  correctWithThreshold: number;
  noMatch: number;
  wrongPerson: number;
}

export interface Summary {
  tested: number;
  /** Nearest person correct, ignoring the threshold. */
  top1: number;
  top1Ci95: [number, number];
  /** Nearest person correct and within the threshold. */
  accuracyWithThreshold: number;
  /** Nearest person beyond the threshold ("No match"). */
  noMatchRate: number;
  /** Within the threshold but the wrong person: the costly error. */
  wrongPersonRate: number;
  counts: SummaryCounts;
}

/**
 * Evaluation summary at one threshold. accuracyWithThreshold + noMatchRate + wrongPersonRate = 1.
 * With nothing tested every rate is 0 and the interval is [0, 1].
 */
export function summarise(results: readonly ProbeResult[], threshold: number): Summary {
  if (Number.isNaN(threshold)) throw new LikenessError('invalid-argument', 'Threshold is NaN');
  const counts: SummaryCounts = {
    tested: results.length,
    top1Correct: 0,
    correctWithThreshold: 0,
    noMatch: 0,
    wrongPerson: 0,
  };
  for (const r of results) {
    if (r.predicted !== null && r.predicted === r.truePerson) counts.top1Correct++;
    const verdict = verdictOf(r, threshold);
    if (verdict === 'no-match') counts.noMatch++;
    else if (verdict === 'correct') counts.correctWithThreshold++;
    else counts.wrongPerson++;
  }
  const rate = (k: number) => (counts.tested === 0 ? 0 : k / counts.tested);
  return {
    tested: counts.tested,
    top1: rate(counts.top1Correct),
    top1Ci95: wilsonInterval(counts.top1Correct, counts.tested),
    accuracyWithThreshold: rate(counts.correctWithThreshold),
    noMatchRate: rate(counts.noMatch),
    wrongPersonRate: rate(counts.wrongPerson),
    counts,
  };
}

export interface RocPoint {
  /** Accept when distance <= threshold. The first point (-Infinity) accepts nothing. */
  threshold: number;
  /** False accept rate: impostor distances accepted. */
  far: number;
  /** False reject rate: genuine distances rejected. */
  frr: number;
  /** True accept rate, 1 - frr. */
  tpr: number;
}

function sortedDistances(values: readonly number[], what: string): Float64Array {
  if (values.length === 0) throw new LikenessError('invalid-argument', `No ${what} distances`);
  const out = Float64Array.from(values);
  for (const v of out) {
    if (Number.isNaN(v)) throw new LikenessError('invalid-argument', `A ${what} distance is NaN`);
  }
  return out.sort();
}

/**
 * FAR/FRR at every distinct distance, ascending threshold, from "accept nothing" to "accept all".
 * Genuine = probe vs its own person; impostor = probe vs someone else.
 */
export function rocCurve(genuine: readonly number[], impostor: readonly number[]): RocPoint[] {
  const g = sortedDistances(genuine, 'genuine');
  const im = sortedDistances(impostor, 'impostor');
  const points: RocPoint[] = [{ threshold: -Infinity, far: 0, frr: 1, tpr: 0 }];
  let gi = 0;
  let ii = 0;
  while (gi < g.length || ii < im.length) {
    const t = Math.min(gi < g.length ? g[gi]! : Infinity, ii < im.length ? im[ii]! : Infinity);
    while (gi < g.length && g[gi]! <= t) gi++;
    while (ii < im.length && im[ii]! <= t) ii++;
    points.push({
      threshold: t,
      far: ii / im.length,
      frr: (g.length - gi) / g.length,
      tpr: gi / g.length,
    });
  }
  return points;
}

/** Area under the ROC curve (TPR against FAR) by the trapezoid rule; ties count half. */
export function auc(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.far - a.far) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}

/**
 * Where FAR meets FRR, linearly interpolated between the two ROC points that straddle the crossing
 * (the usual convention; the step curves themselves may never be exactly equal).
 */
export function equalErrorRate(points: readonly RocPoint[]): { threshold: number; eer: number } {
  for (let i = 0; i < points.length; i++) {
    const b = points[i]!;
    const db = b.far - b.frr;
    if (db < 0) continue;
    const a = points[i - 1];
    if (db === 0 || a === undefined) return { threshold: b.threshold, eer: (b.far + b.frr) / 2 };
    const da = a.far - a.frr;
    const alpha = -da / (db - da);
    const eer = a.far + alpha * (b.far - a.far);
    const threshold =
      Number.isFinite(a.threshold) && Number.isFinite(b.threshold)
        ? a.threshold + alpha * (b.threshold - a.threshold)
        : b.threshold;
    return { threshold, eer };
  }
  throw new LikenessError('invalid-argument', 'ROC points never reach FAR ≥ FRR');
}

/** The largest float below x, so "distance <= nextDown(x)" means "distance < x". */
function nextDown(x: number): number {
  if (x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  if (x === Infinity) return Number.MAX_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

/**
 * The largest threshold whose false accept rate on these impostor distances is at most targetFar:
 * just below the first impostor that must be rejected, so ties with it are rejected too.
 * Infinity when targetFar allows accepting every impostor.
 */
export function thresholdAtFar(impostor: readonly number[], targetFar: number): number {
  if (!(targetFar >= 0 && targetFar <= 1)) {
    throw new LikenessError('invalid-argument', `Target FAR must be in [0, 1], got ${targetFar}`);
  }
  const sorted = sortedDistances(impostor, 'impostor');
  // The epsilon keeps e.g. 0.29 × 100 = 28.999999999999996 from losing an allowed accept.
  const allowed = Math.floor(targetFar * sorted.length + 1e-9);
  if (allowed >= sorted.length) return Infinity;
  return nextDown(sorted[allowed]!);
}
