import { LikenessError } from '../core/errors';
import { openLikenessDB, toStorageError } from './db';
import type { EmbeddingRecord, GalleryRecord } from './schema';

async function attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

export function listGalleries(): Promise<GalleryRecord[]> {
  return attempt('list face databases', async () => {
    const all = await (await openLikenessDB()).getAll('galleries');
    return all.sort((a, b) => b.createdAt - a.createdAt);
  });
}

export function getGallery(id: string): Promise<GalleryRecord | undefined> {
  return attempt('read a face database', async () => (await openLikenessDB()).get('galleries', id));
}

export function putGallery(gallery: GalleryRecord): Promise<void> {
  return attempt('save the face database', async () => {
    await (await openLikenessDB()).put('galleries', gallery);
  });
}

export function putGalleries(galleries: readonly GalleryRecord[]): Promise<void> {
  return attempt('save face databases', async () => {
    const tx = (await openLikenessDB()).transaction('galleries', 'readwrite');
    await Promise.all([...galleries.map((g) => tx.store.put(g)), tx.done]);
  });
}

export function renameGallery(id: string, name: string): Promise<void> {
  return attempt('rename the face database', async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('galleries', 'readwrite');
    const gallery = await tx.store.get(id);
    if (!gallery) throw new LikenessError('storage-failed', 'That face database no longer exists');
    await tx.store.put({ ...gallery, name: name.trim() || gallery.name });
    await tx.done;
  });
}

export function deleteGallery(id: string): Promise<void> {
  return attempt('delete the face database', async () => {
    await (await openLikenessDB()).delete('galleries', id);
  });
}

/** Stored embeddings (or failures) of these images under one model, in one read transaction. */
export function readEmbeddings(
  modelKey: string,
  imageIds: readonly string[],
): Promise<Map<string, EmbeddingRecord>> {
  return attempt('read stored embeddings', async () => {
    const tx = (await openLikenessDB()).transaction('embeddings', 'readonly');
    const records = await Promise.all(imageIds.map((id) => tx.store.get([modelKey, id])));
    await tx.done;
    const out = new Map<string, EmbeddingRecord>();
    for (const r of records) if (r) out.set(r.imageId, r);
    return out;
  });
}
