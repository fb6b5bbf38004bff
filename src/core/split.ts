import { folderBelowRoot } from './dataset-folders';
import { LikenessError } from './errors';
import { deriveSeed, mulberry32, partialShuffle, shuffle } from './rng';

export interface SplitOptions {
  seed: number;
  /** The person's key, their folder path from the picked folder down (see folderBelowRoot). */
  person: string;
  /** Held-out probes per person; these are taken first and never enrolled. */
  testPerPerson: number;
  /** Enrolment sizes to evaluate, e.g. [1, 5, 10, 25]. */
  perPerson: readonly number[];
}

export interface PersonSplit {
  test: string[];
  /** Enrolment images per requested size; each is a prefix of the next larger one. */
  enrol: Record<number, string[]>;
  /** True when some requested count could not be met; the arrays then hold all that was left. */
  short: boolean;
}

export interface Enrolment {
  enrol: string[];
  /** Every image not enrolled. */
  test: string[];
  short: boolean;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new LikenessError('invalid-argument', `${what} must be a whole number ≥ 0, got ${n}`);
  }
}

/**
 * The person's images in a reproducible random order. Sorting first (by code unit, not locale)
 * makes the result independent of the order the browser listed the files in; duplicates are dropped
 * so one image can never be both probe and enrolment. The person's stream is seeded by their folder
 * below the picked one, so renaming or moving the picked folder keeps the split; the ids' shared
 * prefix (dataset id, root, person folder) cannot change their sorted order.
 */
function seededOrder(imageIds: readonly string[], seed: number, person: string): string[] {
  const sorted = [...new Set(imageIds)].sort();
  return shuffle(sorted, mulberry32(deriveSeed(seed, folderBelowRoot(person))));
}

/**
 * Enrol/test split for an evaluation across several enrolment sizes. Because every size takes a prefix
 * of the same order, the 10-image enrolment is a subset of the 25-image one and a single embedding
 * pass serves all sizes; the test probes are the same for every size.
 */
export function splitPerson(imageIds: readonly string[], opts: SplitOptions): PersonSplit {
  assertCount(opts.testPerPerson, 'testPerPerson');
  for (const n of opts.perPerson) assertCount(n, 'perPerson');

  const order = seededOrder(imageIds, opts.seed, opts.person);
  const test = order.slice(0, opts.testPerPerson);
  const rest = order.slice(test.length);
  let short = test.length < opts.testPerPerson;
  const enrol: Record<number, string[]> = {};
  for (const n of opts.perPerson) {
    enrol[n] = rest.slice(0, n);
    if (rest.length < n) short = true;
  }
  return { test, enrol, short };
}

/** The app's plain flow: enrol N images per person and hold out all the rest as probes. */
export function pickEnrolment(
  imageIds: readonly string[],
  opts: { seed: number; person: string; perPerson: number },
): Enrolment {
  assertCount(opts.perPerson, 'perPerson');
  const order = seededOrder(imageIds, opts.seed, opts.person);
  return {
    enrol: order.slice(0, opts.perPerson),
    test: order.slice(opts.perPerson),
    short: order.length < opts.perPerson,
  };
}

/**
 * n items drawn without replacement, reproducible from seed; the draw follows the input order, and
 * a smaller n gives a prefix of a larger one (so "50 random" is within "100 random").
 */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  assertCount(n, 'sample size');
  const copy = items.slice();
  partialShuffle(copy, n, mulberry32(seed));
  return copy.slice(0, n);
}

/**
 * The people of a dataset held out as strangers: count of them, drawn from the seed. The draw runs
 * over their folders below the picked one in code-unit order, so neither the order the keys come in
 * nor the picked folder's name changes who is held out.
 */
export function heldOutPeople(personKeys: readonly string[], count: number, seed: number): string[] {
  const byFolder = [...new Set(personKeys)]
    .map((key) => ({ key, folder: folderBelowRoot(key) }))
    .sort((a, b) => compareCodeUnits(a.folder, b.folder) || compareCodeUnits(a.key, b.key));
  return sample(byFolder, count, seed).map((p) => p.key);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
