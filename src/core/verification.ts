import { LikenessError } from './errors';
import { auc, equalErrorRate, rocCurve, type RocPoint } from './metrics';
import { l2Normalize } from './vector';

export interface LabelledEmbedding {
  person: string;
  embedding: Float32Array;
}

export interface PairDistances {
  /** Same person, different images. */
  genuine: number[];
  /** Different people. */
  impostor: number[];
}

export interface VerificationResult extends PairDistances {
  roc: RocPoint[];
  auc: number;
  eer: number;
  eerThreshold: number;
}

/** Euclidean distance between the unit vectors of every unordered pair, split by same/different person. */
export function pairDistances(items: readonly LabelledEmbedding[]): PairDistances {
  const units = items.map((i) => l2Normalize(i.embedding));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let a = 0; a < units.length; a++) {
    const ua = units[a]!;
    for (let b = a + 1; b < units.length; b++) {
      const ub = units[b]!;
      if (ua.length !== ub.length) {
        throw new LikenessError(
          'dimension-mismatch',
          `Embeddings have ${ua.length} and ${ub.length} dimensions`,
        );
      }
      let dot = 0;
      for (let j = 0; j < ua.length; j++) dot += ua[j]! * ub[j]!;
      const d = Math.sqrt(Math.max(0, 2 - 2 * dot));
      (items[a]!.person === items[b]!.person ? genuine : impostor).push(d);
    }
  }
  return { genuine, impostor };
}

/** 1:1 verification over all pairs of held-out images: ROC (accept when distance ≤ t), AUC and EER. */
export function verificationRoc(items: readonly LabelledEmbedding[]): VerificationResult {
  const pairs = pairDistances(items);
  if (pairs.genuine.length === 0)
    throw new LikenessError(
      'invalid-argument',
      'No pairs of the same person: each person needs two test photos',
    );
  if (pairs.impostor.length === 0)
    throw new LikenessError('invalid-argument', 'No pairs of different people: it needs two people');
  const roc = rocCurve(pairs.genuine, pairs.impostor);
  const { eer, threshold } = equalErrorRate(roc);
  return { ...pairs, roc, auc: auc(roc), eer, eerThreshold: threshold };
}
