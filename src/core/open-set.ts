import { LikenessError } from './errors';
import { accepts, verdictOf } from './verdict';
import type { ProbeResult } from './metrics';
import { equalErrorRate, rocCurve, thresholdAtFar } from './metrics';

/** One threshold of an open-set sweep. Known-probe rates sum to 1 with `correct`. */
export interface OpenSetPoint {
  threshold: number;
  /** Strangers given a name (nearest person within the threshold). */
  far: number;
  /** Known people given "No match". */
  frr: number;
  /** Known people given someone else's name. */
  wrongPerson: number;
  /** Known people given their own name. */
  correct: number;
}

export interface OpenSetSummary {
  known: number;
  strangers: number;
  /** Where FAR = FRR (interpolated), see equalErrorRate. */
  eerThreshold: number;
  eer: number;
  /** The largest threshold with FAR ≤ 1 %; null when that rejects everything (≤ 0). */
  thresholdAt1pctFar: number | null;
  /** Measured at thresholdAt1pctFar. */
  at1pctFar: OpenSetPoint | null;
  atEer: OpenSetPoint;
}

/** A stranger probe only has a nearest distance: any name it is given is wrong. */
export interface StrangerResult {
  distance: number;
}

/** Rates at one threshold; a NaN or missing distance never counts as a match. */
export function openSetAt(
  known: readonly ProbeResult[],
  strangers: readonly StrangerResult[],
  threshold: number,
): OpenSetPoint {
  if (Number.isNaN(threshold)) throw new LikenessError('invalid-argument', 'Threshold is NaN');
  let rejected = 0;
  let wrong = 0;
  let right = 0;
  for (const r of known) {
    const verdict = verdictOf(r, threshold);
    if (verdict === 'no-match') rejected++;
    else if (verdict === 'correct') right++;
    else wrong++;
  }
  const accepted = strangers.filter((s) => accepts(s.distance, threshold)).length;
  const k = known.length || 1;
  return {
    threshold,
    far: strangers.length === 0 ? 0 : accepted / strangers.length,
    frr: known.length === 0 ? 0 : rejected / k,
    wrongPerson: known.length === 0 ? 0 : wrong / k,
    correct: known.length === 0 ? 0 : right / k,
  };
}

/** Evenly spaced thresholds from `from` to `to` inclusive, rounded to the step's decimals. */
export function thresholdGrid(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !(to >= from) || !Number.isFinite(to) || !Number.isFinite(from)) {
    throw new LikenessError('invalid-argument', `Bad threshold grid ${from}..${to} by ${step}`);
  }
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((from + i * step) * 1e9) / 1e9);
}

export function openSetCurve(
  known: readonly ProbeResult[],
  strangers: readonly StrangerResult[],
  thresholds: readonly number[],
): OpenSetPoint[] {
  return thresholds.map((t) => openSetAt(known, strangers, t));
}

/**
 * EER and the 1 %-FAR operating point. FAR and FRR are exactly a ROC over "genuine" = each known
 * probe's nearest distance and "impostor" = each stranger's nearest distance, so the existing
 * rocCurve / equalErrorRate / thresholdAtFar apply unchanged. Probes without a face are left out
 * of the threshold search (they are rejected at every threshold).
 */
export function openSetSummary(
  known: readonly ProbeResult[],
  strangers: readonly StrangerResult[],
): OpenSetSummary {
  const genuine = known
    .filter((r) => r.predicted !== null && !Number.isNaN(r.distance))
    .map((r) => r.distance);
  const impostor = strangers.filter((s) => !Number.isNaN(s.distance)).map((s) => s.distance);
  if (genuine.length === 0)
    throw new LikenessError('invalid-argument', 'No test photo of a known person had a face');
  if (impostor.length === 0) throw new LikenessError('invalid-argument', 'No photo of a stranger had a face');
  const { threshold: eerThreshold, eer } = equalErrorRate(rocCurve(genuine, impostor));
  const t1 = thresholdAtFar(impostor, 0.01);
  const thresholdAt1pctFar = t1 > 0 && Number.isFinite(t1) ? t1 : null;
  return {
    known: known.length,
    strangers: strangers.length,
    eerThreshold,
    eer,
    thresholdAt1pctFar,
    at1pctFar: thresholdAt1pctFar === null ? null : openSetAt(known, strangers, thresholdAt1pctFar),
    atEer: openSetAt(known, strangers, eerThreshold),
  };
}
