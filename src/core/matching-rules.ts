import { LikenessError } from './errors';
import { wilsonInterval } from './metrics';
import { knnMatch, topK } from './match';
import { enrolAt, type EvaluationIdentity } from './enrolment-curve';
import { mulberry32 } from './rng';

/** How a probe is matched: against each person's average, or by k nearest enrolment images. */
export type MatchRule = 'average' | 'knn1' | 'knn3';
export const MATCH_RULES: readonly MatchRule[] = ['average', 'knn1', 'knn3'];
export const MATCH_RULE_LABELS: Record<MatchRule, string> = {
  average: 'Average (centroid)',
  knn1: 'Nearest image (k = 1)',
  knn3: 'k = 3 majority',
};

export function isMatchRule(x: unknown): x is MatchRule {
  return typeof x === 'string' && (MATCH_RULES as readonly string[]).includes(x);
}

export function knnK(rule: MatchRule): number {
  return rule === 'knn3' ? 3 : 1;
}

/** Every enrolment embedding as one row-major matrix with an identity label per row (for kNN). */
export interface EmbeddingGallery {
  identities: string[];
  rows: Float32Array;
  labels: Int32Array;
  dim: number;
}

export function embeddingGallery(
  identities: readonly { identity: string; embeddings: readonly Float32Array[] }[],
): EmbeddingGallery {
  const kept = identities.filter((i) => i.embeddings.length > 0);
  const dim = kept[0]?.embeddings[0]?.length ?? 0;
  if (dim === 0) throw new LikenessError('invalid-argument', 'The gallery is empty');
  const count = kept.reduce((n, i) => n + i.embeddings.length, 0);
  const rows = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  let r = 0;
  kept.forEach((person, label) => {
    for (const e of person.embeddings) {
      if (e.length !== dim) {
        throw new LikenessError(
          'dimension-mismatch',
          `"${person.identity}" has a ${e.length}-d embedding, expected ${dim}`,
        );
      }
      rows.set(e, r * dim);
      labels[r++] = label;
    }
  });
  return { identities: kept.map((i) => i.identity), rows, labels, dim };
}

export interface RuleAccuracy {
  rule: MatchRule;
  tested: number;
  correct: number;
  top1: number;
  ci95: [number, number];
}

/**
 * Held-out top-1 of each rule on the same split (every identity's first `size` enrolment images,
 * the same probes), so the rules differ only in how they match.
 */
export function compareMatchRules(
  identities: readonly EvaluationIdentity[],
  size: number,
  rules: readonly MatchRule[] = MATCH_RULES,
): RuleAccuracy[] {
  const centroids = enrolAt(identities, size);
  const knn = embeddingGallery(
    identities.map((i) => ({ identity: i.identity, embeddings: i.enrolment.slice(0, size) })),
  );
  return rules.map((rule) => {
    let tested = 0;
    let correct = 0;
    for (const person of identities) {
      for (const probe of person.probes) {
        tested++;
        let predicted: string | undefined;
        if (rule === 'average') {
          const nearest = topK(centroids, probe, 1)[0];
          predicted = nearest && centroids.identities[nearest.index];
        } else {
          const m = knnMatch(knn.rows, knn.labels, knn.dim, probe, knnK(rule), Infinity);
          predicted = knn.identities[m.votedLabel];
        }
        if (predicted === person.identity) correct++;
      }
    }
    return {
      rule,
      tested,
      correct,
      top1: tested ? correct / tested : 0,
      ci95: wilsonInterval(correct, tested),
    };
  });
}

/**
 * `rows` random unit vectors (Gaussian directions, reproducible from seed): a stand-in gallery to
 * time matching at sizes no test set reaches. Only its size matters, not its contents.
 */
export function syntheticRows(rows: number, dim: number, seed: number): Float32Array {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(dim) || dim <= 0) {
    throw new LikenessError('invalid-argument', `Bad synthetic gallery ${rows} × ${dim}`);
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
