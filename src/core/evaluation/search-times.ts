import type { FaceDatabase } from '../database';
import {
  createMatcher,
  matchesImages,
  MATCH_RULES,
  type EmbeddingDatabase,
  type MatchRule,
} from '../matcher';
import { LikenessError } from '../errors';
import { mulberry32 } from '../rng';
import { databaseAt } from './rule-accuracy';
import type { EvaluationData } from './data';

export interface SearchTiming {
  rule: MatchRule;
  /** Rows scanned per probe in the real database. */
  rows: number;
  msPerProbe: number;
  /** At a simulated 10,000 people (kNN: 10,000 × images per person rows). */
  msPerProbeAt10k: number;
}

export const SIMULATED_PEOPLE = 10_000;

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

/** Mean ms per probe of `match`, repeated over the probes until at least `minMs` have passed. */
export function timePerProbe(
  probes: readonly Float32Array[],
  match: (p: Float32Array) => void,
  minMs = 60,
  now: () => number = () => performance.now(),
): number {
  if (probes.length === 0) return Number.NaN;
  let n = 0;
  const t0 = now();
  let elapsed = 0;
  do {
    match(probes[n % probes.length]!);
    n++;
    elapsed = now() - t0;
  } while (elapsed < minMs || n < 3);
  return elapsed / n;
}

/** A stand-in database of `people` random rows, one per person, in the shape the rule matches against. */
function syntheticDatabase(rule: MatchRule, people: number, dim: number): FaceDatabase | EmbeddingDatabase {
  const rows = syntheticRows(people, dim, 1);
  const names = Array.from({ length: people }, (_, i) => `synthetic ${i}`);
  return matchesImages(rule)
    ? { people: names, rows, labels: Int32Array.from(names, (_, i) => i), dim }
    : { people: names, centroids: rows, dim };
}

/**
 * Search time per probe for each rule, at the real database size and at a simulated 10,000 people,
 * through the same matcher Recognise uses. The kNN database at 10,000 people (10,000 × images per
 * person rows) would need hundreds of MB, so it is timed as that many rows scanned in 10,000-row
 * passes: the same arithmetic, the scan is linear.
 */
export function measureSearchTimes(
  data: EvaluationData,
  size: number,
  rules: readonly MatchRule[] = MATCH_RULES,
): SearchTiming[] {
  const probes = data.people.flatMap((p) => p.probes).slice(0, 20);
  const people = data.people.filter((p) => p.enrolment.length > 0).length;
  return rules.map((rule) => {
    const matcher = createMatcher(rule, databaseAt(data.people, size, rule));
    const dim = probes[0]?.length ?? 1;
    const big = createMatcher(rule, syntheticDatabase(rule, SIMULATED_PEOPLE, dim));
    const passes = matchesImages(rule) ? Math.max(1, Math.round(matcher.rows / Math.max(1, people))) : 1;
    return {
      rule,
      rows: matcher.rows,
      msPerProbe: timePerProbe(probes, (p) => matcher.match(p)),
      msPerProbeAt10k: timePerProbe(probes, (p) => {
        for (let pass = 0; pass < passes; pass++) big.match(p);
      }),
    };
  });
}
