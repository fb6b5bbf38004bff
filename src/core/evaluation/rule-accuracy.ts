import { enrolAt, heldOutTop1, type EvaluationPerson } from '../enrolment-curve';
import { createMatcher, embeddingDatabase, matchesImages, MATCH_RULES, type MatchRule } from '../matcher';

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
