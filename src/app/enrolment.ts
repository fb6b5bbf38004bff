import { LikenessError } from '../core/errors';
import { defaultRobustCentroid, robustCentroid } from '../core/robust-centroid';
import { centroid } from '../core/vector';
import { pickEnrolment, splitPerson } from '../core/split';
import type { EngineClient, StoredJobResult } from '../bridge/engine-pool';
import type { ModelKey } from '../core/model-key';
import type { EngineInfo } from '../engine/engine-protocol';
import { getDataset, listImageIds } from '../storage/datasets';
import { getDatabase, listDatabases, putDatabases, readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';

export interface EnrolmentRequest {
  datasetId: string;
  /** One face database per value; one embedding pass serves them all. */
  perPerson: number[];
  /** Images per person held out as tests before enrolment picks; 0 = every image not enrolled is a test. */
  testPerPerson: number;
  seed: number;
  name?: string;
}

export interface EnrolmentOutcome {
  databases: DatabaseRecord[];
  job: StoredJobResult;
  /** People left out of every database because none of their enrolment images gave a face. */
  leftOut: string[];
}

function newId(): string {
  return `db-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Plans one database per perPerson value; all share the held-out tests. Stored as 'enrolling'. */
export async function planEnrolment(
  request: EnrolmentRequest,
  engine: EngineInfo,
  modelKey: ModelKey,
): Promise<DatabaseRecord[]> {
  const dataset = await getDataset(request.datasetId);
  if (!dataset) throw new LikenessError('storage-failed', 'That dataset no longer exists');
  if (dataset.status !== 'ready')
    throw new LikenessError('invalid-argument', 'Finish importing the dataset first');
  const perPerson = [...new Set(request.perPerson)].filter((n) => n > 0).sort((a, b) => a - b);
  if (perPerson.length === 0)
    throw new LikenessError('invalid-argument', 'Choose at least one number of images per person');
  const byPerson = await listImageIds(request.datasetId);
  const createdAt = Date.now();
  const databases: DatabaseRecord[] = perPerson.map((n) => ({
    id: newId(),
    name:
      request.name && perPerson.length === 1
        ? request.name
        : `${dataset.name} · ${n} photo${n === 1 ? '' : 's'} per person${request.testPerPerson ? ` · ${request.testPerPerson} kept for testing` : ''}`,
    datasetId: dataset.id,
    modelKey,
    modelId: engine.model.id,
    cropMode: engine.cropMode,
    dim: engine.model.dim,
    perPerson: n,
    testPerPerson: request.testPerPerson,
    seed: request.seed,
    createdAt,
    status: 'enrolling',
    outlierDistance: engine.model.thresholds.average,
    enrolment: {},
    tests: request.testPerPerson > 0 ? {} : null,
    identities: [],
    identityKeys: [],
    centroids: null,
  }));
  for (const person of dataset.identities) {
    const ids = byPerson[person.key] ?? [];
    if (request.testPerPerson > 0) {
      const split = splitPerson(ids, {
        seed: request.seed,
        person: person.key,
        testPerPerson: request.testPerPerson,
        perPerson,
      });
      for (const g of databases) {
        g.enrolment[person.key] = split.enrol[g.perPerson] ?? [];
        g.tests![person.key] = split.test;
      }
    } else {
      for (const g of databases) {
        g.enrolment[person.key] = pickEnrolment(ids, {
          seed: request.seed,
          person: person.key,
          perPerson: g.perPerson,
        }).enrol;
      }
    }
  }
  await putDatabases(databases);
  return databases;
}

export function enrolmentImageIds(databases: readonly DatabaseRecord[]): string[] {
  const ids = new Set<string>();
  for (const g of databases)
    for (const list of Object.values(g.enrolment)) for (const id of list) ids.add(id);
  return [...ids];
}

/**
 * Each person's L2-normalised average of their enrolled embeddings, leaving out photos with several
 * faces, repeats and images far from the person's median (robustCentroid; each is kept with its
 * reason). A person none of whose images gave a face is left out, and that is reported.
 */
export async function finaliseDatabase(
  database: DatabaseRecord,
): Promise<DatabaseRecord & { missing: string[] }> {
  const dataset = await getDataset(database.datasetId);
  const names = new Map(dataset?.identities.map((i) => [i.key, i.name]) ?? []);
  const people: string[] = [];
  const personKeys: string[] = [];
  const rows: Float32Array[] = [];
  const missing: string[] = [];
  const excluded: NonNullable<DatabaseRecord['excluded']> = {};
  const severalFaces: NonNullable<DatabaseRecord['severalFaces']> = {};
  for (const [key, ids] of Object.entries(database.enrolment).sort(([a], [b]) => a.localeCompare(b))) {
    const stored = await readEmbeddings(database.modelKey, ids, 'enrol');
    const items = ids.flatMap((id) => {
      const r = stored.get(id);
      return r?.embedding ? [{ id, vector: r.embedding, faces: r.faces, face: r.face }] : [];
    });
    const several = items.filter((x) => (x.faces ?? 1) > 1);
    if (several.length > 0)
      severalFaces[key] = several.map(({ id, faces, face }) => ({
        imageId: id,
        faces: faces!,
        ...(face ? { face } : {}),
      }));
    const vectors: Float32Array[] = [];
    if (items.length > 0) {
      const robust = robustCentroid(items, {
        ...defaultRobustCentroid,
        outlierDistance: database.outlierDistance ?? null,
      });
      const kept = new Set(robust.kept);
      vectors.push(...items.filter((x) => kept.has(x.id)).map((x) => x.vector));
      if (robust.excluded.length > 0)
        excluded[key] = robust.excluded.map(({ id, reason, distance, of }) => ({
          imageId: id,
          reason,
          distance,
          ...(of ? { of } : {}),
        }));
    }
    // Faces saved to this person from the camera count as enrolled too.
    vectors.push(...(database.extraEmbeddings?.[key] ?? []));
    if (vectors.length === 0) {
      missing.push(names.get(key) ?? key);
      continue;
    }
    people.push(names.get(key) ?? key);
    personKeys.push(key);
    rows.push(centroid(vectors));
  }
  if (rows.length === 0)
    throw new LikenessError('no-face', 'No enrolment image gave a face: the database would be empty');
  const dim = rows[0]!.length;
  const centroids = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => centroids.set(row, i * dim));
  return {
    ...database,
    dim,
    identities: people,
    identityKeys: personKeys,
    centroids,
    excluded,
    severalFaces,
    status: 'ready',
    missing,
  };
}

/**
 * Embeds (or resumes embedding) every planned enrolment image, then stores each person's average.
 * Works the same for a fresh run and after a reload. The people left out (no face in any of their
 * enrolment images) are in the outcome, for the user to be told.
 */
export async function runEnrolment(
  client: EngineClient,
  databases: DatabaseRecord[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, failed: number) => void },
): Promise<EnrolmentOutcome> {
  const first = databases[0];
  if (!first) throw new LikenessError('invalid-argument', 'Nothing to enrol');
  const job = await client.embedStored(
    { datasetId: first.datasetId, imageIds: enrolmentImageIds(databases), role: 'enrol' },
    options,
  );
  const finished: DatabaseRecord[] = [];
  const leftOut = new Set<string>();
  for (const g of databases) {
    const { missing, ...ready } = await finaliseDatabase(g);
    finished.push(ready);
    for (const name of missing) leftOut.add(name);
  }
  await putDatabases(finished);
  return { databases: finished, job, leftOut: [...leftOut] };
}

/** Databases interrupted mid-enrolment (a reload, a crash, a closed tab), grouped so one pass resumes them. */
export async function interruptedEnrolments(): Promise<DatabaseRecord[][]> {
  const pending = (await listDatabases()).filter((g) => g.status === 'enrolling');
  const groups = new Map<string, DatabaseRecord[]>();
  for (const g of pending) {
    const key = `${g.datasetId}|${g.modelKey}|${g.createdAt}`;
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  return [...groups.values()];
}

export async function refreshDatabase(id: string): Promise<DatabaseRecord> {
  const g = await getDatabase(id);
  if (!g) throw new LikenessError('storage-failed', 'That face database no longer exists');
  return g;
}
