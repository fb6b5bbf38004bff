import type { ModelKey } from '../core/model-key';
import { normaliseLibraryState, type LibraryState } from '../core/library/state';
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

/** Some photos' faces in one transaction (undefined for a photo not looked at yet). */
export function getPhotoFaces(
  modelKey: ModelKey,
  imageIds: readonly string[],
): Promise<(PhotoFacesRecord | undefined)[]> {
  return attempt('read the faces of the photos', async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('photoFaces');
    const records = await Promise.all(imageIds.map((id) => tx.store.get([modelKey, id])));
    await tx.done;
    return records;
  });
}

/** A library's state, normalised (a new one when none is stored). */
export function getLibraryState(id: string): Promise<LibraryState> {
  return attempt('read the photo library', async () => {
    const db = await openLikenessDB();
    return normaliseLibraryState((await db.get('libraries', id))?.state);
  });
}

export function putLibraryState(id: string, state: LibraryState): Promise<void> {
  return attempt('save the photo library', async () => {
    const db = await openLikenessDB();
    const record: LibraryRecord = { id, state, updatedAt: Date.now() };
    await db.put('libraries', record);
  });
}
