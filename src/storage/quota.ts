import { closeLikenessDB, openLikenessDB, toStorageError } from './db';

/**
 * What the browser keeps for this origin: its usage and quota, whether it promised to keep the data
 * (persistent storage: without it, Chromium may evict IndexedDB under storage pressure, silently), and
 * erasing all of it.
 */

export type Persistence = 'granted' | 'refused' | 'unsupported';

export interface StorageEstimate {
  usage: number;
  quota: number;
}

// This folder is shared with the workers, whose types lack the window's persist() and Web Storage.
type WindowStorage = StorageManager & { persist?(): Promise<boolean> };
const storage = (): WindowStorage | undefined => globalThis.navigator?.storage;
interface WebStorage {
  readonly length: number;
  clear(): void;
}
const webStorage = globalThis as { localStorage?: WebStorage; sessionStorage?: WebStorage };

export async function estimateStorage(): Promise<StorageEstimate | null> {
  const s = storage();
  if (!s?.estimate) return null;
  const { usage = 0, quota = 0 } = await s.estimate();
  return { usage, quota };
}

export async function persistence(): Promise<Persistence> {
  const s = storage();
  if (!s?.persisted) return 'unsupported';
  return (await s.persisted()) ? 'granted' : 'refused';
}

/** Asks the browser to keep this origin's data (Chromium decides without a prompt, Firefox asks). */
export async function requestPersistence(): Promise<Persistence> {
  const s = storage();
  if (!s?.persist) return 'unsupported';
  if (await s.persisted()) return 'granted';
  return (await s.persist()) ? 'granted' : 'refused';
}

/** How much of each kind of data this browser holds for the app. */
export interface StoredCounts {
  datasets: number;
  images: number;
  embeddings: number;
  galleries: number;
  /** IndexedDB databases of this origin other than the app's own (none are expected). */
  otherDatabases: string[];
  /** Cache Storage caches (the service worker's precache). */
  caches: number;
  /** localStorage entries (the chosen dataset, engine settings, matching rule). */
  localStorage: number;
}

export async function countStored(): Promise<StoredCounts> {
  try {
    const db = await openLikenessDB();
    const tx = db.transaction(['datasets', 'images', 'embeddings', 'galleries']);
    const [datasets, images, embeddings, databases] = await Promise.all([
      tx.objectStore('datasets').count(),
      tx.objectStore('images').count(),
      tx.objectStore('embeddings').count(),
      tx.objectStore('galleries').count(),
    ]);
    const names = (await indexedDB.databases?.()) ?? [];
    return {
      datasets,
      images,
      embeddings,
      galleries: databases,
      otherDatabases: names.flatMap((d) => (d.name && d.name !== db.name ? [d.name] : [])),
      caches: globalThis.caches ? (await caches.keys()).length : 0,
      localStorage: webStorage.localStorage?.length ?? 0,
    };
  } catch (error) {
    throw toStorageError(error, 'count what is stored');
  }
}

function deleteDatabase(name: string, onBlocked: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    // Another connection has not closed yet (a tab of an older version): the delete waits for it.
    request.onblocked = onBlocked;
  });
}

interface InstallingWorker {
  readonly state: string;
  addEventListener(type: 'statechange', listener: () => void): void;
}

/**
 * Settles once no service worker of this origin is installing: an install still filling the
 * precache (a first visit) would otherwise write its cache again after the delete.
 */
async function untilInstalled(): Promise<void> {
  const container = (
    globalThis.navigator as {
      serviceWorker?: { getRegistrations(): Promise<readonly { installing: InstallingWorker | null }[]> };
    }
  ).serviceWorker;
  for (const registration of (await container?.getRegistrations()) ?? []) {
    const worker = registration.installing;
    if (!worker) continue;
    await new Promise<void>((done) => {
      const check = () => {
        if (worker.state !== 'installing') done();
      };
      worker.addEventListener('statechange', check);
      check();
    });
  }
}

/**
 * Deletes every IndexedDB database of this origin (datasets, images, embeddings, face databases),
 * every Cache Storage cache (the service worker's copies of the app and its models; the app fetches
 * them again when needed; a first visit's install is let finish first) and all of localStorage and
 * sessionStorage. Every Likeness connection,
 * in this tab's workers and in other tabs, closes itself when asked (db.ts), so nothing blocks
 * the delete for long.
 */
export async function eraseEverything(onBlocked: () => void = () => {}): Promise<void> {
  try {
    await closeLikenessDB();
    const names = new Set(((await indexedDB.databases?.()) ?? []).flatMap((d) => (d.name ? [d.name] : [])));
    names.add('likeness');
    for (const name of names) await deleteDatabase(name, onBlocked);
    await untilInstalled();
    if (globalThis.caches) for (const key of await caches.keys()) await caches.delete(key);
    webStorage.localStorage?.clear();
    webStorage.sessionStorage?.clear();
  } catch (error) {
    throw toStorageError(error, 'delete everything');
  }
}
