import { LikenessError } from '../core/errors';
import {
  crossValidate,
  lfwImagePath,
  parsePairs,
  type CrossValidation,
  type ScoredPair,
} from '../core/lfw-pairs';
import { euclidean, l2Normalize } from '../core/vector';
import { pairVerdict, type PairVerdict } from '../core/verdict';
import { thresholdsOf, type EngineClient } from '../bridge/engine-pool';
import { getDataset, listImageIds, pathOfImageId } from '../storage/datasets';
import { readEmbeddings } from '../storage/databases';

export interface LfwReport extends CrossValidation {
  modelKey: string;
  datasetName: string;
  /** Distinct images the pairs name. */
  images: number;
  /** Named by a pair but not in the dataset (first few as examples). */
  imagesMissing: number;
  /** In the dataset but no face was found (or the file did not decode). */
  imagesWithoutFace: number;
  missingExamples: string[];
  /** Embedded by this run; the rest came from the IndexedDB cache. */
  embedded: number;
  cached: number;
  /**
   * What Compare says with the model's own calibrated pair thresholds, no fold fitting: the shares of
   * same-person and different-person pairs called the same at `threshold` (a pair without a face is
   * never called the same), and each kind of pair by Compare's three bands.
   */
  atDefault: { threshold: number; sameSaidSame: number; differentSaidSame: number };
  bands: Record<'samePairs' | 'differentPairs', Record<PairVerdict | 'missing', number>>;
}

/** Shares of pairs said "same" at the model's pair threshold, and counts in each band. */
export function atCalibratedThresholds(scored: readonly ScoredPair[], modelId: string) {
  const t = thresholdsOf(modelId);
  const of = (same: boolean) => scored.filter((p) => p.same === same);
  const saidSame = (ps: readonly ScoredPair[]) =>
    ps.filter((p) => p.distance !== null && p.distance <= t.pair).length / Math.max(1, ps.length);
  const bandsOf = (ps: readonly ScoredPair[]) => {
    const counts = { same: 0, 'not-sure': 0, different: 0, missing: 0 };
    for (const p of ps) counts[p.distance === null ? 'missing' : pairVerdict(p.distance, t)]++;
    return counts;
  };
  return {
    atDefault: {
      threshold: t.pair,
      sameSaidSame: saidSame(of(true)),
      differentSaidSame: saidSame(of(false)),
    },
    bands: { samePairs: bandsOf(of(true)), differentPairs: bandsOf(of(false)) },
  };
}

/** Parses a pairs file (throwing with the line at fault) and says what it holds. */
export function checkLfwPairs(pairsText: string): { folds: number; perFold: number; pairs: number } {
  const file = parsePairs(pairsText);
  return { folds: file.folds, perFold: file.perFold, pairs: file.pairs.length };
}

/** `Name/Name_0001.jpg` from a stored path, whatever folders the picked one was nested in. */
function lfwKey(path: string): string {
  return path.split('/').slice(-2).join('/');
}

/**
 * The LFW verification protocol on a loaded dataset: every image the pairs file names is embedded
 * through the engine's own stored-image job (cached in IndexedDB, never embedded twice), each pair
 * becomes the distance between its unit embeddings, and crossValidate scores the folds.
 */
export async function evaluateLfwPairs(
  client: EngineClient,
  datasetId: string,
  pairsText: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, failed: number) => void } = {},
): Promise<LfwReport> {
  const file = parsePairs(pairsText);
  const dataset = await getDataset(datasetId);
  if (!dataset) throw new LikenessError('storage-failed', 'That dataset no longer exists');
  if (dataset.status !== 'ready')
    throw new LikenessError('invalid-argument', 'Finish importing the dataset first');
  const idByPath = new Map<string, string>();
  for (const ids of Object.values(await listImageIds(datasetId)))
    for (const id of ids) idByPath.set(lfwKey(pathOfImageId(id)), id);

  const named = [...new Set(file.pairs.flatMap((p) => [lfwImagePath(p.a), lfwImagePath(p.b)]))];
  const absent = named.filter((path) => !idByPath.has(path));
  const present = named.flatMap((path) => idByPath.get(path) ?? []);
  const job = await client.embedStored({ datasetId, imageIds: present, role: 'probe' }, options);
  const stored = await readEmbeddings(job.modelKey, present, 'probe');
  const units = new Map<string, Float32Array>();
  const withoutFace: string[] = [];
  for (const id of present) {
    const embedding = stored.get(id)?.embedding;
    if (embedding) units.set(id, l2Normalize(embedding));
    else withoutFace.push(pathOfImageId(id));
  }
  const unitOf = (path: string) => {
    const id = idByPath.get(path);
    return id === undefined ? undefined : units.get(id);
  };
  const scored: ScoredPair[] = file.pairs.map((p) => {
    const a = unitOf(lfwImagePath(p.a));
    const b = unitOf(lfwImagePath(p.b));
    return { fold: p.fold, same: p.same, distance: a && b ? euclidean(a, b) : null };
  });
  return {
    ...crossValidate(scored, file.folds),
    ...atCalibratedThresholds(scored, job.modelKey.split('|')[0]!),
    modelKey: job.modelKey,
    datasetName: dataset.name,
    images: named.length,
    imagesMissing: absent.length,
    imagesWithoutFace: withoutFace.length,
    missingExamples: [...absent, ...withoutFace].slice(0, 10),
    embedded: job.embedded,
    cached: job.cached,
  };
}
