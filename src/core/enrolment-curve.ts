import { LikenessError } from './errors';
import { buildDatabase } from './database';
import { createMatcher, type Matcher } from './matcher';
import { wilsonInterval } from './metrics';

/** One known person of an evaluation: ordered enrolment candidates and fixed held-out probes. */
export interface EvaluationPerson {
  person: string;
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
  /** People in the database at this size. */
  people: number;
  /** People that had fewer than `size` candidates and enrolled all they had. */
  short: number;
}

export const DEFAULT_ENROLMENT_SIZES: readonly number[] = [1, 3, 5, 10, 25, 50];

/** The requested sizes the data can serve: at most the largest enrolment any person has. */
export function enrolmentSizesFor(
  people: readonly EvaluationPerson[],
  sizes: readonly number[] = DEFAULT_ENROLMENT_SIZES,
): number[] {
  const most = Math.max(0, ...people.map((i) => i.enrolment.length));
  return [...new Set(sizes)].filter((n) => Number.isInteger(n) && n >= 1 && n <= most).sort((a, b) => a - b);
}

/** People enrolled with their first `size` candidates; those with none are left out. */
export function enrolAt(people: readonly EvaluationPerson[], size: number) {
  const enrolled = people.filter((i) => i.enrolment.length > 0);
  return buildDatabase(enrolled.map((i) => ({ person: i.person, embeddings: i.enrolment.slice(0, size) })));
}

/**
 * Held-out top-1 of nearest-centroid matching at each enrolment size, with a 95 % Wilson interval.
 * Every probe of every person counts at every size, so the points differ only in enrolment; a
 * probe whose person has no enrolment at all can only be wrong, and counts as such.
 */
export function accuracyVsEnrolmentSize(
  people: readonly EvaluationPerson[],
  sizes: readonly number[],
): AccuracyPoint[] {
  if (people.length === 0) throw new LikenessError('invalid-argument', 'No people to evaluate');
  return sizes.map((size) => {
    if (!Number.isInteger(size) || size < 1) {
      throw new LikenessError('invalid-argument', `Enrolment size must be a whole number ≥ 1, got ${size}`);
    }
    const database = enrolAt(people, size);
    return {
      size,
      ...heldOutTop1(people, createMatcher('average', database)),
      people: database.people.length,
      short: people.filter((i) => i.enrolment.length < size).length,
    };
  });
}

/** Top-1 of every held-out probe under a matcher, with its 95 % Wilson interval. */
export function heldOutTop1(people: readonly EvaluationPerson[], matcher: Matcher) {
  let tested = 0;
  let correct = 0;
  for (const person of people) {
    for (const probe of person.probes) {
      tested++;
      if (matcher.match(probe).best.person === person.person) correct++;
    }
  }
  const ci95: [number, number] = wilsonInterval(correct, tested);
  return { tested, correct, top1: tested === 0 ? 0 : correct / tested, ci95 };
}
