import type { ModelKey } from '../core/model-key';
import { LikenessError } from '../core/errors';
import type { EvaluationData } from '../core/evaluation/data';
import { heldOutPeople, splitPerson } from '../core/split';
import type { EngineClient, StoredJob } from '../bridge/engine-pool';
import { getDataset, listImageIds } from '../storage/datasets';
import { readEmbeddings } from '../storage/databases';

/** Where the strangers for the open-set test come from. */
export type StrangerSource =
  | { kind: 'none' }
  /** These many people of the evaluated dataset, picked from the seed, are never enrolled. */
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

interface PlannedPerson {
  key: string;
  name: string;
  test: string[];
  enrol: string[];
}

export interface EvaluationPlan {
  request: EvaluationRequest;
  datasetName: string;
  known: PlannedPerson[];
  strangers: { datasetId: string; name: string; images: string[] } | null;
}

export const MAX_ENROL = 50;

/** The seeded split (splitPerson: test first, then enrolment candidates in a fixed order). */
export async function planEvaluation(request: EvaluationRequest): Promise<EvaluationPlan> {
  const dataset = await getDataset(request.datasetId);
  if (!dataset) throw new LikenessError('storage-failed', 'That dataset no longer exists');
  if (dataset.status !== 'ready')
    throw new LikenessError('invalid-argument', 'Finish importing the dataset first');
  if (!(request.testPerPerson >= 1))
    throw new LikenessError('invalid-argument', 'Hold out at least 1 test image per person');
  const maxEnrol = Math.min(MAX_ENROL, Math.max(1, Math.floor(request.maxEnrol)));
  const byPerson = await listImageIds(dataset.id);
  const people = dataset.identities.filter((i) => (byPerson[i.key]?.length ?? 0) > 0);
  let strangerKeys = new Set<string>();
  if (request.strangers.kind === 'held-out') {
    const count = Math.floor(request.strangers.count);
    if (!(count >= 1) || count >= people.length) {
      throw new LikenessError(
        'invalid-argument',
        `Hold out between 1 and ${people.length - 1} people as strangers, not ${request.strangers.count}`,
      );
    }
    strangerKeys = new Set(
      heldOutPeople(
        people.map((i) => i.key),
        count,
        request.seed,
      ),
    );
  }
  const known: PlannedPerson[] = [];
  const heldOutImages: string[] = [];
  for (const person of people) {
    const split = splitPerson(byPerson[person.key] ?? [], {
      seed: request.seed,
      person: person.key,
      testPerPerson: request.testPerPerson,
      perPerson: [maxEnrol],
    });
    if (strangerKeys.has(person.key)) heldOutImages.push(...split.test);
    else
      known.push({
        key: person.key,
        name: person.name,
        test: split.test,
        enrol: split.enrol[maxEnrol] ?? [],
      });
  }
  let strangers: EvaluationPlan['strangers'] = null;
  if (request.strangers.kind === 'held-out') {
    strangers = {
      datasetId: dataset.id,
      name: `${strangerKeys.size} people kept out of ${dataset.name}`,
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
        splitPerson(ids, {
          seed: request.seed,
          person: key,
          testPerPerson: request.testPerPerson,
          perPerson: [],
        }).test,
    );
    strangers = { datasetId: other.id, name: other.name, images };
  }
  return { request: { ...request, maxEnrol }, datasetName: dataset.name, known, strangers };
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
  return readEvaluation(plan, modelKey);
}

/**
 * The embeddings of a planned evaluation, read back from storage (after runEvaluation, or after a
 * reload to bring the last evaluation back without the engine). Rejects when some image has no
 * stored record under this model: the evaluation was not finished, or its cache was deleted.
 */
export async function readEvaluation(plan: EvaluationPlan, modelKey: ModelKey): Promise<EvaluationData> {
  const enrolIds = plan.known.flatMap((p) => p.enrol);
  const testIds = plan.known.flatMap((p) => p.test);
  const strangerIds = plan.strangers?.images ?? [];
  const [enrolled, probes] = await Promise.all([
    readEmbeddings(modelKey, enrolIds, 'enrol'),
    readEmbeddings(modelKey, [...testIds, ...strangerIds], 'probe'),
  ]);
  const stored = new Map([...enrolled, ...probes]);
  const missing = [...enrolIds, ...testIds, ...strangerIds].filter((id) => !stored.has(id)).length;
  if (missing > 0)
    throw new LikenessError('invalid-argument', `${missing} photos of this evaluation are not measured yet`);
  const failed = { probes: 0, enrolment: 0, strangers: 0 };
  const withFace = (ids: readonly string[], what: keyof typeof failed) =>
    ids.filter((id) => {
      if (stored.get(id)?.embedding) return true;
      failed[what]++;
      return false;
    });
  // Only ids that passed withFace reach here.
  const vectors = (ids: readonly string[]) => ids.map((id) => stored.get(id)!.embedding!);
  const people = plan.known.map((p) => {
    const probeIds = withFace(p.test, 'probes');
    const enrolmentIds = withFace(p.enrol, 'enrolment');
    return {
      person: p.name,
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
    people,
    strangers: vectors(strangersWithFace),
    strangerIds: strangersWithFace,
    failed,
    testPerPerson: plan.request.testPerPerson,
    maxEnrol: plan.request.maxEnrol,
  };
}
