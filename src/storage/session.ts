import { openLikenessDB, toStorageError } from './db';

/**
 * The 'session' store: small records by name that bring back what the user chose and last saw after
 * a reload. Values are whatever the caller stored; the caller validates them when it reads them.
 */

export async function readSession(key: string): Promise<unknown> {
  try {
    return await (await openLikenessDB()).get('session', key);
  } catch (error) {
    throw toStorageError(error, 'read what this page showed last');
  }
}

/** Stores `value` under `key`; undefined deletes the record. */
export async function writeSession(key: string, value: unknown): Promise<void> {
  try {
    const db = await openLikenessDB();
    if (value === undefined) await db.delete('session', key);
    else await db.put('session', value, key);
  } catch (error) {
    throw toStorageError(error, 'remember what this page shows');
  }
}
