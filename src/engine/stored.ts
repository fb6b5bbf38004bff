import { openLikenessDB, toStorageError } from '../storage/db';
import type { EmbeddingRecord } from '../storage/schema';

/** Embeddings are written in batches: one transaction per image would dominate at PINS scale. */
export const writeBatchSize = 16;
/** ...but never hold a computed embedding longer than this: a crash loses at most this much work. */
export const flushIntervalMs = 400;

/** Image ids of `ids` that have no stored embedding for this model yet (failures count as stored). */
export async function missingEmbeddings(modelKey: string, ids: readonly string[]): Promise<string[]> {
  const db = await openLikenessDB();
  try {
    const tx = db.transaction('embeddings', 'readonly');
    const present = await Promise.all(ids.map((id) => tx.store.getKey([modelKey, id])));
    await tx.done;
    return ids.filter((_, i) => present[i] === undefined);
  } catch (error) {
    throw toStorageError(error, 'read stored embeddings');
  }
}

export async function writeEmbeddings(records: readonly EmbeddingRecord[]): Promise<void> {
  if (records.length === 0) return;
  const db = await openLikenessDB();
  try {
    const tx = db.transaction('embeddings', 'readwrite');
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  } catch (error) {
    throw toStorageError(error, 'save embeddings');
  }
}
