import { openDB, type IDBPDatabase } from 'idb';
import { LikenessError } from '../core/errors';
import { dbName, dbVersion, type LikenessDB } from './schema';

let dbPromise: Promise<IDBPDatabase<LikenessDB>> | null = null;

/** Opens (and upgrades) the database. Usable from the window and from workers. */
export function openLikenessDB(): Promise<IDBPDatabase<LikenessDB>> {
  dbPromise ??= openDB<LikenessDB>(dbName, dbVersion, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        const images = db.createObjectStore('images', { keyPath: 'id' });
        images.createIndex('by-dataset', 'datasetId');
        images.createIndex('by-identity', ['datasetId', 'identityKey']);
        const embeddings = db.createObjectStore('embeddings', { keyPath: ['modelKey', 'imageId'] });
        embeddings.createIndex('by-model-dataset', ['modelKey', 'datasetId']);
        const galleries = db.createObjectStore('galleries', { keyPath: 'id' });
        galleries.createIndex('by-dataset', 'datasetId');
      }
    },
    blocked() {
      console.warn('Likeness database upgrade is blocked by another open tab');
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw toStorageError(error, 'open the database');
  });
  return dbPromise;
}

/** Every storage failure reaches the user as a LikenessError with a specific message. */
export function toStorageError(error: unknown, action: string): LikenessError {
  if (error instanceof LikenessError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new LikenessError(
      'storage-full',
      `The browser's storage is full, so Likeness could not ${action}. Free space (for example delete a dataset or database) and try again; nothing stored so far was lost.`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LikenessError('storage-failed', `Could not ${action}: ${detail}`, { cause: error });
}

export function modelKeyOf(modelId: string, cropMode: string): string {
  return `${modelId}|${cropMode}`;
}
