import { LikenessError } from '../core/errors';
import { centroid } from '../core/vector';
import { viewKeyOf, type ModelKey } from '../core/model-key';
import { openLikenessDB, toStorageError } from './db';
import type { EmbeddingRecord, EmbeddingRole, DatabaseRecord } from './schema';

async function attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

export function listDatabases(): Promise<DatabaseRecord[]> {
  return attempt('list face databases', async () => {
    const all = await (await openLikenessDB()).getAll('galleries');
    return all.sort((a, b) => b.createdAt - a.createdAt);
  });
}

/** A person's enrolment images that count: those the robust average did not leave out. */
export function enrolledIdsOf(record: DatabaseRecord, personKey: string): string[] {
  const out = new Set((record.excluded?.[personKey] ?? []).map((x) => x.imageId));
  return (record.enrolment[personKey] ?? []).filter((id) => !out.has(id));
}

export function getDatabase(id: string): Promise<DatabaseRecord | undefined> {
  return attempt('read a face database', async () => (await openLikenessDB()).get('galleries', id));
}

export function putDatabase(database: DatabaseRecord): Promise<void> {
  return attempt('save the face database', async () => {
    await (await openLikenessDB()).put('galleries', database);
  });
}

export function putDatabases(databases: readonly DatabaseRecord[]): Promise<void> {
  return attempt('save face databases', async () => {
    const tx = (await openLikenessDB()).transaction('galleries', 'readwrite');
    await Promise.all([...databases.map((g) => tx.store.put(g)), tx.done]);
  });
}

export function renameDatabase(id: string, name: string): Promise<void> {
  return attempt('rename the face database', async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('galleries', 'readwrite');
    const database = await tx.store.get(id);
    if (!database) throw new LikenessError('storage-failed', 'That face database no longer exists');
    await tx.store.put({ ...database, name: name.trim() || database.name });
    await tx.done;
  });
}

export function deleteDatabase(id: string): Promise<void> {
  return attempt('delete the face database', async () => {
    await (await openLikenessDB()).delete('galleries', id);
  });
}

/**
 * Stored embeddings (or failures) of these images under one model, in one read transaction, as
 * `role` uses them: an enrolment image's plain view, or a probe's unit mean of all its stored views.
 */
export function readEmbeddings(
  modelKey: ModelKey,
  imageIds: readonly string[],
  role: EmbeddingRole,
): Promise<Map<string, EmbeddingRecord>> {
  return attempt('read stored embeddings', async () => {
    const tx = (await openLikenessDB()).transaction('embeddings', 'readonly');
    const mirrorKey = viewKeyOf(modelKey, 'mirror');
    const [records, mirrors] = await Promise.all([
      Promise.all(imageIds.map((id) => tx.store.get([modelKey, id]))),
      role === 'probe' ? Promise.all(imageIds.map((id) => tx.store.get([mirrorKey, id]))) : [],
      tx.done,
    ]);
    const out = new Map<string, EmbeddingRecord>();
    records.forEach((r, i) => {
      if (!r) return;
      const mirror = mirrors[i]?.embedding;
      out.set(r.imageId, r.embedding && mirror ? { ...r, embedding: centroid([r.embedding, mirror]) } : r);
    });
    return out;
  });
}
