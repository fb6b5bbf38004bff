import type { ModelKey } from '../core/model-key';
import { openLikenessDB, toStorageError } from './db';
import type { LibraryRecord, PhotoFacesRecord } from './schema';

/**
 * A photo library's faces (one record per photo and model) and its grouping and decisions. Usable
 * from the window and from workers; every failure rejects with a LikenessError.
 */

async function attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

/** The photos of `ids` whose faces this model has not looked for yet (a failed photo counts as done). Reads keys only. */
export function photosWithoutFaces(modelKey: ModelKey, ids: readonly string[]): Promise<string[]> {
  return attempt('read which photos were looked at', async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('photoFaces');
    const present = await Promise.all(ids.map((id) => tx.store.getKey([modelKey, id])));
    await tx.done;
    return ids.filter((_, i) => present[i] === undefined);
  });
}

export function writePhotoFaces(records: readonly PhotoFacesRecord[]): Promise<void> {
  if (records.length === 0) return Promise.resolve();
  return attempt('save the faces found', async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('photoFaces', 'readwrite');
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  });
}

/** Every photo's faces in a library for one model, in image id order. */
export function readPhotoFaces(datasetId: string, modelKey: ModelKey): Promise<PhotoFacesRecord[]> {
  return attempt('read the faces found', async () => {
    const db = await openLikenessDB();
    return db.getAllFromIndex('photoFaces', 'by-model-dataset', [modelKey, datasetId]);
  });
}

/** One photo's faces, or undefined when not looked at yet. */
export function getPhotoFaces(modelKey: ModelKey, imageId: string): Promise<PhotoFacesRecord | undefined> {
  return attempt('read the faces of a photo', async () => {
    const db = await openLikenessDB();
    return db.get('photoFaces', [modelKey, imageId]);
  });
}

export function getLibrary(id: string): Promise<LibraryRecord | undefined> {
  return attempt('read the photo library', async () => {
    const db = await openLikenessDB();
    return db.get('libraries', id);
  });
}

export function putLibrary(record: LibraryRecord): Promise<void> {
  return attempt('save the photo library', async () => {
    const db = await openLikenessDB();
    await db.put('libraries', record);
  });
}
