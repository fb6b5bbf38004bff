import { LikenessError } from './errors';
import { enrolAt, heldOutTop1, type EvaluationPerson } from './enrolment-curve';
import { createMatcher, embeddingDatabase, matchesImages, MATCH_RULES, type MatchRule } from './matcher';
import { mulberry32 } from './rng';

/** The averages or the images of every person's first `size` enrolment images, as the rule needs. */
export function databaseAt(people: readonly EvaluationPerson[], size: number, rule: MatchRule) {
  return matchesImages(rule)
    ? embeddingDatabase(people.map((i) => ({ person: i.person, embeddings: i.enrolment.slice(0, size) })))
    : enrolAt(people, size);
}

export interface RuleAccuracy {
  rule: MatchRule;
  tested: number;
  correct: number;
  top1: number;
  ci95: [number, number];
}

/**
 * Held-out top-1 of each rule on the same split (every person's first `size` enrolment images,
 * the same probes), so the rules differ only in how they match.
 */
export function compareMatchRules(
  people: readonly EvaluationPerson[],
  size: number,
  rules: readonly MatchRule[] = MATCH_RULES,
): RuleAccuracy[] {
  return rules.map((rule) => ({
    rule,
    ...heldOutTop1(people, createMatcher(rule, databaseAt(people, size, rule))),
  }));
}

/**
 * `rows` random unit vectors (Gaussian directions, reproducible from seed): a stand-in database to
 * time matching at sizes no test set reaches. Only its size matters, not its contents.
 */
export function syntheticRows(rows: number, dim: number, seed: number): Float32Array {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(dim) || dim <= 0) {
    throw new LikenessError('invalid-argument', `Bad synthetic database ${rows} × ${dim}`);
  }
  const rand = mulberry32(seed);
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      // Box–Muller: uniform in a cube would bias directions towards the corners.
      const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      out[r * dim + j] = g;
      s += g * g;
    }
    const inv = 1 / Math.sqrt(s || 1);
    for (let j = 0; j < dim; j++) out[r * dim + j]! *= inv;
  }
  return out;
}
