import { viewKeyOf, type ModelKey } from '../core/model-key';
import { openLikenessDB, toStorageError } from '../storage/db';
import type { View } from './embedder';
import type { EmbeddingRecord } from '../storage/schema';

/** Embeddings are written in batches: one transaction per image would dominate at PINS scale. */
export const writeBatchSize = 16;
/** ...but never hold a computed embedding longer than this: a crash loses at most this much work. */
export const flushIntervalMs = 400;

/** An image and the views of it that have no stored record yet. */
export interface MissingViews {
  id: string;
  views: View[];
}

/**
 * The images of `ids` with a view in `views` not yet stored for this model (a failure counts as
 * stored), and which views. Reads keys only, never vectors.
 */
export async function missingViews(
  modelKey: ModelKey,
  ids: readonly string[],
  views: readonly View[],
): Promise<MissingViews[]> {
  const db = await openLikenessDB();
  try {
    const tx = db.transaction('embeddings', 'readonly');
    const present = await Promise.all(
      views.map((v) => Promise.all(ids.map((id) => tx.store.getKey([viewKeyOf(modelKey, v), id])))),
    );
    await tx.done;
    return ids.flatMap((id, i) => {
      const missing = views.filter((_, v) => present[v]![i] === undefined);
      return missing.length ? [{ id, views: missing }] : [];
    });
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
