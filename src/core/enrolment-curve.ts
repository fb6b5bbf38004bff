import { LikenessError } from './errors';
import { buildGallery } from './gallery';
import { createMatcher, type Matcher } from './matcher';
import { wilsonInterval } from './metrics';

/** One known identity of an evaluation: ordered enrolment candidates and fixed held-out probes. */
export interface EvaluationIdentity {
  identity: string;
  /** In enrolment order: size n enrols the first n (the split's prefix property). */
  enrolment: readonly Float32Array[];
  /** The same probes for every enrolment size; never enrolled. */
  probes: readonly Float32Array[];
}

export interface AccuracyPoint {
  /** Images per person asked for. */
  size: number;
  tested: number;
  correct: number;
  top1: number;
  ci95: [number, number];
  /** Identities in the gallery at this size. */
  identities: number;
  /** Identities that had fewer than `size` candidates and enrolled all they had. */
  short: number;
}

export const DEFAULT_ENROLMENT_SIZES: readonly number[] = [1, 3, 5, 10, 25, 50];

/** The requested sizes the data can serve: at most the largest enrolment any identity has. */
export function enrolmentSizesFor(
  identities: readonly EvaluationIdentity[],
  sizes: readonly number[] = DEFAULT_ENROLMENT_SIZES,
): number[] {
  const most = Math.max(0, ...identities.map((i) => i.enrolment.length));
  return [...new Set(sizes)].filter((n) => Number.isInteger(n) && n >= 1 && n <= most).sort((a, b) => a - b);
}

/** Identities enrolled with their first `size` candidates; those with none are left out. */
export function enrolAt(identities: readonly EvaluationIdentity[], size: number) {
  const enrolled = identities.filter((i) => i.enrolment.length > 0);
  return buildGallery(
    enrolled.map((i) => ({ identity: i.identity, embeddings: i.enrolment.slice(0, size) })),
  );
}

/**
 * Held-out top-1 of nearest-centroid matching at each enrolment size, with a 95 % Wilson interval.
 * Every probe of every identity counts at every size, so the points differ only in enrolment; a
 * probe whose identity has no enrolment at all can only be wrong, and counts as such.
 */
export function accuracyVsEnrolmentSize(
  identities: readonly EvaluationIdentity[],
  sizes: readonly number[],
): AccuracyPoint[] {
  if (identities.length === 0) throw new LikenessError('invalid-argument', 'No identities to evaluate');
  return sizes.map((size) => {
    if (!Number.isInteger(size) || size < 1) {
      throw new LikenessError('invalid-argument', `Enrolment size must be a whole number ≥ 1, got ${size}`);
    }
    const gallery = enrolAt(identities, size);
    return {
      size,
      ...heldOutTop1(identities, createMatcher('average', gallery)),
      identities: gallery.identities.length,
      short: identities.filter((i) => i.enrolment.length < size).length,
    };
  });
}

/** Top-1 of every held-out probe under a matcher, with its 95 % Wilson interval. */
export function heldOutTop1(identities: readonly EvaluationIdentity[], matcher: Matcher) {
  let tested = 0;
  let correct = 0;
  for (const person of identities) {
    for (const probe of person.probes) {
      tested++;
      if (matcher.match(probe).best.identity === person.identity) correct++;
    }
  }
  const ci95: [number, number] = wilsonInterval(correct, tested);
  return { tested, correct, top1: tested === 0 ? 0 : correct / tested, ci95 };
}
