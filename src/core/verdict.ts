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
