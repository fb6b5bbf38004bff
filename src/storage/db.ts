import { openDB, type IDBPDatabase } from 'idb';
import { errorMessage, LikenessError } from '../core/errors';
import { dbName, dbVersion, type LikenessDB } from './schema';

/** Models whose version-1 records held a flip average. */
const flipModelsOfVersion1 = 'faceres|';

let dbPromise: Promise<IDBPDatabase<LikenessDB>> | null = null;

/** Opens (and upgrades) the database. Usable from the window and from workers. */
export function openLikenessDB(): Promise<IDBPDatabase<LikenessDB>> {
  dbPromise ??= openDB<LikenessDB>(dbName, dbVersion, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        const images = db.createObjectStore('images', { keyPath: 'id' });
        images.createIndex('by-dataset', 'datasetId');
        images.createIndex('by-identity', ['datasetId', 'identityKey']);
        const embeddings = db.createObjectStore('embeddings', { keyPath: ['modelKey', 'imageId'] });
        embeddings.createIndex('by-model-dataset', ['modelKey', 'datasetId']);
        const databases = db.createObjectStore('galleries', { keyPath: 'id' });
        databases.createIndex('by-dataset', 'datasetId');
      }
      if (oldVersion < 4) {
        const photoFaces = db.createObjectStore('photoFaces', { keyPath: ['modelKey', 'imageId'] });
        photoFaces.createIndex('by-model-dataset', ['modelKey', 'datasetId']);
        db.createObjectStore('libraries', { keyPath: 'id' });
      }
      if (oldVersion === 1) {
        // Version 1 stored faceres's flip average under its model key, which now holds the plain view:
        // drop those (a cache; they are embedded again when needed). Databases keep their averages.
        void (async () => {
          let cursor = await transaction.objectStore('embeddings').openCursor();
          while (cursor) {
            if (cursor.value.modelKey.startsWith(flipModelsOfVersion1)) await cursor.delete();
            cursor = await cursor.continue();
          }
        })();
      }
      if (oldVersion < 3) db.createObjectStore('session');
    },
    blocked() {
      console.warn('Likeness database upgrade is blocked by another open tab');
    },
    blocking() {
      // A newer Likeness (another tab, after an update) wants to upgrade the database: step aside
      // rather than hold its upgrade; the next access here opens the upgraded database.
      const open = dbPromise;
      dbPromise = null;
      void open?.then((db) => db.close());
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw toStorageError(error, 'open the database');
  });
  return dbPromise;
}

/** Closes this context's connection (before the database is deleted); the next access opens it again. */
export async function closeLikenessDB(): Promise<void> {
  const open = dbPromise;
  dbPromise = null;
  await open?.then(
    (db) => db.close(),
    () => {},
  );
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
  const detail = errorMessage(error);
  return new LikenessError('storage-failed', `Could not ${action}: ${detail}`, { cause: error });
}
