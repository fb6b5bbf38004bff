import { errorMessage, LikenessError } from '../core/errors';
import {
  accuracyVsEnrolmentSize,
  enrolAt,
  enrolmentSizesFor,
  type AccuracyPoint,
  type EvaluationIdentity,
} from '../core/enrolment-curve';
import { knnMatch, scanNearest, topK } from '../core/match';
import {
  compareMatchRules,
  embeddingGallery,
  knnK,
  MATCH_RULES,
  syntheticRows,
  type MatchRule,
  type RuleAccuracy,
} from '../core/matching-rules';
import type { ProbeResult } from '../core/metrics';
import type { ModelKey } from '../core/model-key';
import {
  openSetCurve,
  openSetSummary,
  thresholdGrid,
  type OpenSetPoint,
  type OpenSetSummary,
  type StrangerResult,
} from '../core/open-set';
import { sample, splitIdentity } from '../core/split';
import { verificationRoc, type VerificationResult } from '../core/verification';
import type { EngineClient, StoredJob } from '../bridge/engine';
import { getDataset, listImageIds } from '../storage/datasets';
import { readEmbeddings } from '../storage/galleries';

/** Where the strangers for the open-set test come from. */
export type StrangerSource =
  | { kind: 'none' }
  /** These many identities of the evaluated dataset, picked from the seed, are never enrolled. */
  | { kind: 'held-out'; count: number }
  /** Every person of another loaded dataset (e.g. lfw-strangers). */
  | { kind: 'dataset'; datasetId: string };

export interface EvaluationRequest {
  datasetId: string;
  /** Fixed held-out probes per person, the same for every enrolment size. */
  testPerPerson: number;
  /** Enrolment candidates per person (the curve stops here), at most 50. */
  maxEnrol: number;
  seed: number;
  strangers: StrangerSource;
  sizes?: readonly number[];
}

interface PlannedIdentity {
  key: string;
  name: string;
  test: string[];
  enrol: string[];
}

export interface EvaluationPlan {
  request: EvaluationRequest;
  datasetName: string;
  known: PlannedIdentity[];
  strangers: { datasetId: string; name: string; images: string[] } | null;
}

export const MAX_ENROL = 50;

/** The seeded split (splitIdentity: test first, then enrolment candidates in a fixed order). */
export async function planEvaluation(request: EvaluationRequest): Promise<EvaluationPlan> {
  const dataset = await getDataset(request.datasetId);
  if (!dataset) throw new LikenessError('storage-failed', 'That dataset no longer exists');
  if (dataset.status !== 'ready')
    throw new LikenessError('invalid-argument', 'Finish importing the dataset first');
  if (!(request.testPerPerson >= 1))
    throw new LikenessError('invalid-argument', 'Hold out at least 1 test image per person');
  const maxEnrol = Math.min(MAX_ENROL, Math.max(1, Math.floor(request.maxEnrol)));
  const byIdentity = await listImageIds(dataset.id);
  const identities = dataset.identities.filter((i) => (byIdentity[i.key]?.length ?? 0) > 0);
  let strangerKeys = new Set<string>();
  if (request.strangers.kind === 'held-out') {
    const count = Math.floor(request.strangers.count);
    if (!(count >= 1) || count >= identities.length) {
      throw new LikenessError(
        'invalid-argument',
        `Hold out between 1 and ${identities.length - 1} people as strangers, not ${request.strangers.count}`,
      );
    }
    strangerKeys = new Set(sample(identities.map((i) => i.key).sort(), count, request.seed));
  }
  const known: PlannedIdentity[] = [];
  const heldOutImages: string[] = [];
  for (const identity of identities) {
    const split = splitIdentity(byIdentity[identity.key] ?? [], {
      seed: request.seed,
      identity: identity.key,
      testPerPerson: request.testPerPerson,
      perPerson: [maxEnrol],
    });
    if (strangerKeys.has(identity.key)) heldOutImages.push(...split.test);
    else
      known.push({
        key: identity.key,
        name: identity.name,
        test: split.test,
        enrol: split.enrol[maxEnrol] ?? [],
      });
  }
  let strangers: EvaluationPlan['strangers'] = null;
  if (request.strangers.kind === 'held-out') {
    strangers = {
      datasetId: dataset.id,
      name: `${strangerKeys.size} people held out of ${dataset.name}`,
      images: heldOutImages,
    };
  } else if (request.strangers.kind === 'dataset') {
    if (request.strangers.datasetId === dataset.id) {
      throw new LikenessError('invalid-argument', 'Strangers must come from another dataset');
    }
    const other = await getDataset(request.strangers.datasetId);
    if (!other) throw new LikenessError('storage-failed', 'The strangers dataset no longer exists');
    const otherIds = await listImageIds(other.id);
    const images = Object.entries(otherIds).flatMap(
      ([key, ids]) =>
        splitIdentity(ids, {
          seed: request.seed,
          identity: key,
          testPerPerson: request.testPerPerson,
          perPerson: [],
        }).test,
    );
    strangers = { datasetId: other.id, name: other.name, images };
  }
  return { request: { ...request, maxEnrol }, datasetName: dataset.name, known, strangers };
}

/**
 * An evaluated identity with the stored image ids behind its vectors, index for index (thumbnails
 * in the per-person and suspect views). Absent for data not read from storage.
 */
export interface EvaluatedIdentity extends EvaluationIdentity {
  enrolmentIds?: readonly string[];
  probeIds?: readonly string[];
}

/** Embeddings of one evaluation, read back from storage; images without a face are left out and counted. */
export interface EvaluationData {
  modelKey: ModelKey;
  datasetName: string;
  strangersName: string | null;
  identities: EvaluatedIdentity[];
  strangers: Float32Array[];
  /** Image ids of `strangers`, index for index. */
  strangerIds?: string[];
  failed: { probes: number; enrolment: number; strangers: number };
  testPerPerson: number;
  maxEnrol: number;
}

/** Embeds every planned image (cached embeddings are reused, never recomputed), then reads them back. */
export async function runEvaluation(
  client: EngineClient,
  plan: EvaluationPlan,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, failed: number) => void },
): Promise<EvaluationData> {
  const enrolIds = plan.known.flatMap((p) => p.enrol);
  const testIds = plan.known.flatMap((p) => p.test);
  const strangerIds = plan.strangers?.images ?? [];
  // Enrolment images are embedded in the plain view only, probes and strangers in all the model's.
  const jobs: StoredJob[] = [
    { datasetId: plan.request.datasetId, imageIds: enrolIds, role: 'enrol' },
    { datasetId: plan.request.datasetId, imageIds: testIds, role: 'probe' },
    ...(strangerIds.length
      ? [{ datasetId: plan.strangers!.datasetId, imageIds: strangerIds, role: 'probe' as const }]
      : []),
  ];
  const total = jobs.reduce((n, j) => n + j.imageIds.length, 0);
  let modelKey: ModelKey | null = null;
  let before = { done: 0, failed: 0 };
  for (const job of jobs) {
    const base = before;
    const result = await client.embedStored(job, {
      signal: options.signal,
      onProgress: (done, _t, failed) => options.onProgress?.(base.done + done, total, base.failed + failed),
    });
    if (modelKey !== null && result.modelKey !== modelKey)
      throw new LikenessError('invalid-argument', 'The model changed during the evaluation');
    modelKey = result.modelKey;
    before = { done: base.done + job.imageIds.length, failed: base.failed + result.failed };
  }
  if (modelKey === null) throw new LikenessError('invalid-argument', 'Nothing to evaluate');
  const [enrolled, probes] = await Promise.all([
    readEmbeddings(modelKey, enrolIds, 'enrol'),
    readEmbeddings(modelKey, [...testIds, ...strangerIds], 'probe'),
  ]);
  const stored = new Map([...enrolled, ...probes]);
  const failed = { probes: 0, enrolment: 0, strangers: 0 };
  const withFace = (ids: readonly string[], what: keyof typeof failed) =>
    ids.filter((id) => {
      if (stored.get(id)?.embedding) return true;
      failed[what]++;
      return false;
    });
  // Only ids that passed withFace reach here.
  const vectors = (ids: readonly string[]) => ids.map((id) => stored.get(id)!.embedding!);
  const identities = plan.known.map((p) => {
    const probeIds = withFace(p.test, 'probes');
    const enrolmentIds = withFace(p.enrol, 'enrolment');
    return {
      identity: p.name,
      probes: vectors(probeIds),
      enrolment: vectors(enrolmentIds),
      probeIds,
      enrolmentIds,
    };
  });
  const strangersWithFace = withFace(strangerIds, 'strangers');
  return {
    modelKey,
    datasetName: plan.datasetName,
    strangersName: plan.strangers?.name ?? null,
    identities,
    strangers: vectors(strangersWithFace),
    strangerIds: strangersWithFace,
    failed,
    testPerPerson: plan.request.testPerPerson,
    maxEnrol: plan.request.maxEnrol,
  };
}

export interface OpenSetReport {
  curve: OpenSetPoint[];
  summary: OpenSetSummary;
}

export interface DashboardReport {
  curve: AccuracyPoint[];
  /** The enrolment size the open-set, verification-free and rule comparisons use (the largest). */
  size: number;
  openSet: OpenSetReport | null;
  openSetError: string | null;
  verification: VerificationResult | null;
  verificationError: string | null;
  rules: RuleAccuracy[];
  known: ProbeResult[];
}

export const OPEN_SET_THRESHOLDS = thresholdGrid(0, 2, 0.01);

/** Everything the dashboard shows, from embeddings alone (nothing is embedded here). */
export function analyseEvaluation(data: EvaluationData, sizes?: readonly number[]): DashboardReport {
  const curveSizes = enrolmentSizesFor(data.identities, sizes);
  if (curveSizes.length === 0) throw new LikenessError('no-face', 'No enrolment image gave a face');
  const size = curveSizes[curveSizes.length - 1]!;
  const curve = accuracyVsEnrolmentSize(data.identities, curveSizes);
  const gallery = enrolAt(data.identities, size);
  const known: ProbeResult[] = data.identities.flatMap((person) =>
    person.probes.map((probe) => {
      const nearest = topK(gallery, probe, 1)[0]!;
      return {
        trueIdentity: person.identity,
        predicted: gallery.identities[nearest.index]!,
        distance: nearest.distance,
      };
    }),
  );
  let openSet: OpenSetReport | null = null;
  let openSetError: string | null = null;
  if (data.strangersName !== null) {
    const strangers: StrangerResult[] = data.strangers.map((probe) => ({
      distance: topK(gallery, probe, 1)[0]!.distance,
    }));
    try {
      openSet = {
        curve: openSetCurve(known, strangers, OPEN_SET_THRESHOLDS),
        summary: openSetSummary(known, strangers),
      };
    } catch (e) {
      openSetError = errorMessage(e);
    }
  }
  let verification: VerificationResult | null = null;
  let verificationError: string | null = null;
  try {
    verification = verificationRoc(
      data.identities.flatMap((p) => p.probes.map((embedding) => ({ identity: p.identity, embedding }))),
    );
  } catch (e) {
    verificationError = errorMessage(e);
  }
  return {
    curve,
    size,
    openSet,
    openSetError,
    verification,
    verificationError,
    rules: compareMatchRules(data.identities, size),
    known,
  };
}

export interface SearchTiming {
  rule: MatchRule;
  /** Rows scanned per probe in the real gallery. */
  rows: number;
  msPerProbe: number;
  /** At a simulated 10,000 people (kNN: 10,000 × images per person rows). */
  msPerProbeAt10k: number;
}

export const SIMULATED_IDENTITIES = 10_000;

/** Mean ms per probe of `match`, repeated over the probes until at least `minMs` have passed. */
function timePerProbe(probes: readonly Float32Array[], match: (p: Float32Array) => void, minMs = 60): number {
  if (probes.length === 0) return Number.NaN;
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    match(probes[n % probes.length]!);
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs || n < 3);
  return elapsed / n;
}

/**
 * Search time per probe for each rule, at the real gallery size and at a simulated 10,000 people.
 * The kNN gallery at 10,000 people (10,000 × images per person rows) would need hundreds of MB, so
 * it is timed as that many rows scanned in 10,000-row passes: the same arithmetic, the scan is linear.
 */
export function measureSearchTimes(data: EvaluationData, size: number): SearchTiming[] {
  const probes = data.identities.flatMap((p) => p.probes).slice(0, 20);
  const centroids = enrolAt(data.identities, size);
  const knn = embeddingGallery(
    data.identities.map((i) => ({ identity: i.identity, embeddings: i.enrolment.slice(0, size) })),
  );
  const dim = centroids.dim;
  const big = syntheticRows(SIMULATED_IDENTITIES, dim, 1);
  const bigLabels = Int32Array.from({ length: SIMULATED_IDENTITIES }, (_, i) => i);
  const perPerson = Math.max(1, Math.round(knn.labels.length / Math.max(1, knn.identities.length)));
  return MATCH_RULES.map((rule) => {
    if (rule === 'average') {
      return {
        rule,
        rows: centroids.identities.length,
        msPerProbe: timePerProbe(probes, (p) => topK(centroids, p, 1)),
        msPerProbeAt10k: timePerProbe(probes, (p) => scanNearest(big, dim, p, 1)),
      };
    }
    const k = knnK(rule);
    return {
      rule,
      rows: knn.labels.length,
      msPerProbe: timePerProbe(probes, (p) => knnMatch(knn.rows, knn.labels, dim, p, k, Infinity)),
      msPerProbeAt10k: timePerProbe(probes, (p) => {
        for (let pass = 0; pass < perPerson; pass++) knnMatch(big, bigLabels, dim, p, k, Infinity);
      }),
    };
  });
}
