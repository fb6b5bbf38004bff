import { LikenessError } from '../core/errors';
import { openLikenessDB, toStorageError } from './db';
import type { DatasetRecord, PersonRecord, ImageRecord, SkippedFile } from './schema';

/**
 * Datasets and their images in IndexedDB. Usable from the window and from workers; every failure
 * rejects with a LikenessError ('storage-full' when the quota is hit).
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const compareText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export function imageIdOf(datasetId: string, path: string): string {
  return `${datasetId}:${path}`;
}

/** The path part of an image id (dataset ids never contain ':'). */
export function pathOfImageId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** Every image id of a dataset, `${datasetId}:…`, sorts below `${datasetId};` (';' follows ':'). */
function imageRange(datasetId: string): IDBKeyRange {
  return IDBKeyRange.bound(`${datasetId}:`, `${datasetId};`, false, true);
}

async function attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

/** Records written by an older or interrupted version are normalised, never trusted blindly. */
function normaliseDataset(raw: DatasetRecord): DatasetRecord {
  const people: PersonRecord[] = Array.isArray(raw.identities)
    ? raw.identities
        .filter((i) => i && typeof i.key === 'string')
        .map((i) => ({
          key: i.key,
          name: typeof i.name === 'string' && i.name !== '' ? i.name : i.key,
          imageCount: Number.isFinite(i.imageCount) ? i.imageCount : 0,
        }))
    : [];
  const skipped: SkippedFile[] = Array.isArray(raw.skipped)
    ? raw.skipped
        .filter((s) => s && typeof s.path === 'string')
        .map((s) => ({ path: s.path, reason: String(s.reason) }))
    : [];
  return {
    id: String(raw.id),
    ...(raw.kind === 'library' ? { kind: 'library' as const } : {}),
    name: typeof raw.name === 'string' && raw.name !== '' ? raw.name : 'Dataset',
    createdAt: Number.isFinite(raw.createdAt) ? raw.createdAt : 0,
    status: raw.status === 'ready' ? 'ready' : 'importing',
    identities: people,
    imageCount: Number.isFinite(raw.imageCount) ? raw.imageCount : 0,
    skipped,
  };
}

/** All labelled datasets (or, with 'library', all photo libraries), oldest first. */
export function listDatasets(kind: 'dataset' | 'library' = 'dataset'): Promise<DatasetRecord[]> {
  return attempt(kind === 'library' ? 'list the photo libraries' : 'list the datasets', async () => {
    const db = await openLikenessDB();
    const all = (await db.getAll('datasets'))
      .map(normaliseDataset)
      .filter((d) => (d.kind ?? 'dataset') === kind);
    return all.sort((a, b) => a.createdAt - b.createdAt || compareText(a.name, b.name));
  });
}

export function getDataset(id: string): Promise<DatasetRecord | undefined> {
  return attempt('read the dataset', async () => {
    const db = await openLikenessDB();
    const raw = await db.get('datasets', id);
    return raw ? normaliseDataset(raw) : undefined;
  });
}

export function putDataset(record: DatasetRecord): Promise<void> {
  return attempt(`save the dataset “${record.name}”`, async () => {
    const db = await openLikenessDB();
    await db.put('datasets', record);
  });
}

/**
 * Deletes a dataset (or photo library) with its images, cached embeddings, faces and databases, in
 * one transaction.
 */
export function deleteDataset(id: string): Promise<void> {
  return attempt('delete the dataset', async () => {
    const db = await openLikenessDB();
    const stores = ['datasets', 'images', 'embeddings', 'galleries', 'photoFaces', 'libraries'] as const;
    const tx = db.transaction(stores, 'readwrite');
    const done = tx.done;
    const work = (async () => {
      await tx.objectStore('datasets').delete(id);
      await tx.objectStore('libraries').delete(id);
      await tx.objectStore('images').delete(imageRange(id));
      // Embeddings and faces are indexed by [modelKey, datasetId]; walking index keys reads no vectors.
      for (const name of ['embeddings', 'photoFaces'] as const) {
        let cursor = await tx.objectStore(name).index('by-model-dataset').openKeyCursor();
        while (cursor) {
          if (cursor.key[1] === id) await tx.objectStore(name).delete(cursor.primaryKey);
          cursor = await cursor.continue();
        }
      }
      const databases = await tx.objectStore('galleries').index('by-dataset').getAllKeys(id);
      await Promise.all(databases.map((key) => tx.objectStore('galleries').delete(key)));
    })();
    await Promise.all([work, done]);
  });
}

/** Writes a batch of images in one transaction: all or none. */
export function putImages(records: readonly ImageRecord[]): Promise<void> {
  if (records.length === 0) return Promise.resolve();
  return attempt(`store ${records.length} images`, async () => {
    const db = await openLikenessDB();
    const tx = db.transaction('images', 'readwrite');
    for (const record of records) void tx.store.put(record);
    await tx.done;
  });
}

/** Ids already stored for a dataset (to resume an interrupted import). */
export function storedImageIds(datasetId: string): Promise<string[]> {
  return attempt('read the stored images', async () => {
    const db = await openLikenessDB();
    return db.getAllKeys('images', imageRange(datasetId));
  });
}

/** Stored images per person key, counted without reading any image. */
export function countImagesByPerson(datasetId: string, personKeys: readonly string[]): Promise<number[]> {
  return attempt('count the stored images', async () => {
    const db = await openLikenessDB();
    const index = db.transaction('images').store.index('by-identity');
    return Promise.all(personKeys.map((key) => index.count([datasetId, key])));
  });
}

/** Image ids of a dataset grouped by person key; keys and ids in natural order. */
export function listImageIds(datasetId: string): Promise<Record<string, string[]>> {
  return attempt('list the images', async () => {
    const db = await openLikenessDB();
    const grouped = new Map<string, string[]>();
    // Arrays sort after every string, so [id, []] bounds all [id, identityKey] keys.
    const range = IDBKeyRange.bound([datasetId, ''], [datasetId, []]);
    let cursor = await db.transaction('images').store.index('by-identity').openKeyCursor(range);
    while (cursor) {
      const key = cursor.key[1];
      const ids = grouped.get(key) ?? [];
      ids.push(cursor.primaryKey);
      grouped.set(key, ids);
      cursor = await cursor.continue();
    }
    const result: Record<string, string[]> = {};
    for (const key of [...grouped.keys()].sort(compareText))
      result[key] = grouped.get(key)!.sort(compareText);
    return result;
  });
}

/** Each image's own size (upright), by image id, read with a cursor. */
export function listImageSizes(datasetId: string): Promise<Map<string, { width: number; height: number }>> {
  return attempt('read the image sizes', async () => {
    const db = await openLikenessDB();
    const sizes = new Map<string, { width: number; height: number }>();
    let cursor = await db.transaction('images').store.openCursor(imageRange(datasetId));
    while (cursor) {
      sizes.set(cursor.value.id, { width: cursor.value.width, height: cursor.value.height });
      cursor = await cursor.continue();
    }
    return sizes;
  });
}

/** The original file of an image. Rejects when it is not stored. */
export function getImageBlob(id: string): Promise<Blob> {
  return attempt('read the image', async () => {
    const db = await openLikenessDB();
    const record = await db.get('images', id);
    if (!record) throw new LikenessError('storage-failed', `Image ${pathOfImageId(id)} is not stored`);
    return record.blob;
  });
}

/** The thumbnail of an image; null when none was made or the image is not stored. */
export function getThumb(id: string): Promise<Blob | null> {
  return getThumbs([id]).then((thumbs) => thumbs[0] ?? null);
}

/** Thumbnails for several images in one transaction (one grid row at a time). */
export function getThumbs(ids: readonly string[]): Promise<(Blob | null)[]> {
  return attempt('read the thumbnails', async () => {
    const db = await openLikenessDB();
    const store = db.transaction('images').store;
    const records = await Promise.all(ids.map((id) => store.get(id)));
    return records.map((r) => r?.thumb ?? null);
  });
}
