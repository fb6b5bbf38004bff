/**
 * The one accept rule: a face is named (or two faces are one person) when its distance is at most
 * the threshold. Written as `<=` so a NaN distance is never accepted.
 */
export function accepts(distance: number, threshold: number): boolean {
  return distance <= threshold;
}

/** What a recognised probe counts as at a threshold. */
export type Verdict = 'correct' | 'no-match' | 'wrong';

/** A probe's answer at the threshold: no prediction, or one beyond the threshold, is "No match". */
export function verdictOf(
  result: { truePerson: string; predicted: string | null; distance: number },
  threshold: number,
): Verdict {
  if (result.predicted === null || !accepts(result.distance, threshold)) return 'no-match';
  return result.predicted === result.truePerson ? 'correct' : 'wrong';
}

/**
 * The kinds of comparison, each with its own distance scale: a face against a person's average
 * (ten photos averaged lie nearer a new photo of them than any one photo does), against the nearest
 * enrolled photo (the k-nearest-image rules), and photo against photo (Compare).
 */
export type ComparisonKind = 'average' | 'image' | 'pair';

/** A model's calibrated threshold for each kind of comparison (docs/models.md, "Calibration"). */
export interface ComparisonThresholds {
  /** Named when at most this far from the person's average: 1 stranger in 100 is given a name. */
  average: number;
  /** Named when at most this far from the person's nearest enrolled photo: 1 stranger in 100. */
  image: number;
  /** Two photos are one person at most this far apart: 1 pair of different people in 100. */
  pair: number;
  /** Compare says "Same person" at most this far apart: 1 pair of different people in 1,000. */
  pairSure: number;
  /** Compare says "Different people" beyond this: 1 pair of the same person in 100 lies further. */
  pairDifferent: number;
}

/** Every kind at one threshold, for a model without its own calibration (a custom model). */
export function uncalibrated(threshold: number): ComparisonThresholds {
  return {
    average: threshold,
    image: threshold,
    pair: threshold,
    pairSure: threshold,
    pairDifferent: threshold,
  };
}

/** Compare's answer for two faces: sure either way, or in between. */
export type PairVerdict = 'same' | 'not-sure' | 'different';

export function pairVerdict(distance: number, t: ComparisonThresholds): PairVerdict {
  if (accepts(distance, t.pairSure)) return 'same';
  // A NaN distance is never "same", and never confidently "different" either.
  return distance > t.pairDifferent ? 'different' : 'not-sure';
}
