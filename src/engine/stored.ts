import { viewKeyOf, type ModelKey } from '../core/model-key';
import { getImageBlob } from '../storage/datasets';
import { openLikenessDB, toStorageError } from '../storage/db';
import { decodeImage, type Pixels } from '../codecs/decode';
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

/**
 * Writes a job's records behind its inference: one transaction at a time, in order, in batches of
 * `writeBatchSize` or every `flushIntervalMs`. A failed write stops the job at its next `push`; a
 * job never runs more than four batches ahead of storage. `waitedMs` is the time it waited for storage.
 */
export function writeBehind<T>(write: (batch: T[]) => Promise<void>) {
  let pending: T[] = [];
  let lastFlush = performance.now();
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  let queued = 0;
  let waitedMs = 0;
  const wait = async () => {
    const s = performance.now();
    await writing;
    waitedMs += performance.now() - s;
  };
  const flush = async () => {
    if (writeError) throw writeError;
    const batch = pending;
    pending = [];
    lastFlush = performance.now();
    queued++;
    writing = writing
      .then(() => write(batch))
      .catch((error: unknown) => {
        writeError ??= error;
      })
      .finally(() => queued--);
    if (queued > 4) await wait();
  };
  return {
    async push(...records: T[]): Promise<void> {
      pending.push(...records);
      if (pending.length >= writeBatchSize || performance.now() - lastFlush > flushIntervalMs) await flush();
    },
    /** Writes what is left (unless a write failed) and waits for every write; never throws. */
    async settle(): Promise<void> {
      if (!writeError) await flush().catch(() => {});
      await wait();
    },
    /** Throws the first failed write, if any. */
    check(): void {
      if (writeError) throw writeError;
    },
    get waitedMs(): number {
      return waitedMs;
    },
  };
}

export type Decoded = { pixels: Pixels } | { error: unknown };

/**
 * Reads and decodes stored images one ahead of the loop that uses them: each call gives the next
 * image's pixels (or why it failed) and starts reading the one after. `nameOf` names an image in errors.
 */
export function decodeAhead(ids: readonly string[], nameOf: (id: string) => string): () => Promise<Decoded> {
  const load = (id: string | undefined): Promise<Decoded> =>
    id === undefined
      ? Promise.resolve({ error: new Error('No image left to decode') })
      : getImageBlob(id)
          .then((blob) => decodeImage(blob, nameOf(id)))
          .then(
            (pixels) => ({ pixels }),
            (error: unknown) => ({ error }),
          );
  let i = 0;
  let next = load(ids[0]);
  return async () => {
    const current = await next;
    next = load(ids[++i]);
    return current;
  };
}
