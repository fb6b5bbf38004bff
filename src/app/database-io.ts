import { LikenessError } from '../core/errors';
import { parseDatabaseFile, toDatabaseFile, type InstalledModel } from '../core/database-file';
import { getDataset } from '../storage/datasets';
import { getDatabase, putDatabase, readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';

/** Imported databases belong to no stored dataset; this prefix keeps them apart from real dataset ids. */
export const IMPORTED_DATASET_PREFIX = 'imported:';

/** A stored face database as the portable JSON file (version 1), optionally with its embeddings. */
export async function exportDatabase(
  databaseId: string,
  options: { withEmbeddings?: boolean } = {},
): Promise<{ filename: string; text: string }> {
  const g = await getDatabase(databaseId);
  if (!g) throw new LikenessError('storage-failed', 'That face database no longer exists');
  if (g.status !== 'ready' || !g.centroids) {
    throw new LikenessError(
      'invalid-argument',
      `“${g.name}” is still being built: finish it before exporting`,
    );
  }
  const dataset = g.datasetId.startsWith(IMPORTED_DATASET_PREFIX) ? undefined : await getDataset(g.datasetId);
  let embeddings: Float32Array[][] | undefined;
  if (options.withEmbeddings) {
    embeddings = [];
    for (const key of g.identityKeys) {
      const ids = g.enrolment[key] ?? [];
      const stored = await readEmbeddings(g.modelKey, ids, 'enrol');
      embeddings.push([
        ...ids.flatMap((id) => {
          const e = stored.get(id)?.embedding;
          return e ? [e] : [];
        }),
        ...(g.extraEmbeddings?.[key] ?? []),
      ]);
    }
  }
  const file = toDatabaseFile({
    name: g.name,
    modelId: g.modelId,
    modelKey: g.modelKey,
    dim: g.dim,
    people: g.identities,
    centroids: g.centroids,
    enrolment: {
      perPerson: g.perPerson,
      seed: g.seed,
      createdAt: g.createdAt,
      datasetName: dataset?.name ?? g.name,
    },
    embeddings,
  });
  const base = g.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '') || 'face-database';
  return { filename: `${base}.likeness.json`, text: JSON.stringify(file) };
}

function newId(): string {
  return `db-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Validates a face database file completely, then stores it as one new ready database in a single
 * write: a file that fails any check changes nothing. Embeddings in the file are kept as the
 * people's faces (so adding a face later averages with them, not instead of them).
 */
export async function importDatabase(
  text: string,
  installed: readonly InstalledModel[],
): Promise<DatabaseRecord> {
  const parsed = parseDatabaseFile(text, installed);
  const id = newId();
  // Names are unique (checked), so they double as person keys.
  const keys = parsed.people;
  const record: DatabaseRecord = {
    id,
    name: parsed.name,
    datasetId: `${IMPORTED_DATASET_PREFIX}${id}`,
    modelKey: parsed.modelKey,
    modelId: parsed.modelId,
    cropMode: parsed.cropMode,
    dim: parsed.dim,
    perPerson: parsed.enrolment.perPerson,
    testPerPerson: 0,
    seed: parsed.enrolment.seed,
    createdAt: Date.now(),
    status: 'ready',
    enrolment: Object.fromEntries(keys.map((k) => [k, []])),
    tests: null,
    identities: parsed.people,
    identityKeys: keys,
    centroids: parsed.centroids,
    ...(parsed.embeddings
      ? { extraEmbeddings: Object.fromEntries(keys.map((k, i) => [k, parsed.embeddings![i] ?? []])) }
      : {}),
  };
  await putDatabase(record);
  return record;
}
