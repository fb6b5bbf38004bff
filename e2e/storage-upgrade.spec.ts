import { dbVersion } from '../src/storage/schema';
import { expect, test, waitForEngine } from './fixtures';
import { ui } from './pages.mjs';

/**
 * Version 1 stored faceres's flip average under its model key, which version 2 uses for the plain
 * view alone. A user's old cache must not be read as plain views: the upgrade drops those records,
 * and keeps every other model's cache and the user's datasets.
 */
test('a version-1 database upgrades: faceres flip averages dropped, other caches and datasets kept', async ({
  page,
}) => {
  // A blank page on the app's origin, so the old database exists before the app first opens it.
  await page.route('**/seed-version-1', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }),
  );
  await page.goto('/seed-version-1');
  await page.evaluate(async () => {
    const open = indexedDB.open('likeness', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('datasets', { keyPath: 'id' });
      const images = db.createObjectStore('images', { keyPath: 'id' });
      images.createIndex('by-dataset', 'datasetId');
      images.createIndex('by-identity', ['datasetId', 'identityKey']);
      const embeddings = db.createObjectStore('embeddings', { keyPath: ['modelKey', 'imageId'] });
      embeddings.createIndex('by-model-dataset', ['modelKey', 'datasetId']);
      const databases = db.createObjectStore('galleries', { keyPath: 'id' });
      databases.createIndex('by-dataset', 'datasetId');
    };
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const tx = db.transaction(['datasets', 'embeddings'], 'readwrite');
    tx.objectStore('datasets').put({
      id: 'old',
      name: 'old <b>photos</b>',
      createdAt: 1,
      status: 'ready',
      identities: [],
      imageCount: 0,
      skipped: [],
    });
    const unit = new Float32Array([0.6, 0.8]);
    for (const modelKey of ['faceres|align', 'faceres|whole', 'mobileface|align'])
      for (const imageId of ['old:a/1.jpg', 'old:a/2.jpg'])
        tx.objectStore('embeddings').put({
          modelKey,
          imageId,
          datasetId: 'old',
          embedding: unit,
          error: null,
        });
    await new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });

  await page.goto('/#dataset');
  // The dataset survives the upgrade, and its name is shown as text.
  await expect(ui(page).dataset.datasetSelect).toContainText('old <b>photos</b> · 0 people', {
    timeout: 60_000,
  });
  const after = await page.evaluate(async () => {
    const open = indexedDB.open('likeness');
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const keys = await new Promise<IDBValidKey[]>((ok, fail) => {
      const r = db.transaction('embeddings').objectStore('embeddings').getAllKeys();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const version = db.version;
    const stores = [...db.objectStoreNames].sort();
    db.close();
    return { version, stores, keys: keys.map((k) => (k as string[]).join(' ')).sort() };
  });
  expect(after.version).toBe(dbVersion);
  // Version 3 adds the store of what a reload brings back; version 4 the photo libraries' two.
  expect(after.stores).toEqual([
    'datasets',
    'embeddings',
    'galleries',
    'images',
    'libraries',
    'photoFaces',
    'session',
  ]);
  expect(after.keys).toEqual(['mobileface|align old:a/1.jpg', 'mobileface|align old:a/2.jpg']);
});

test('an open Likeness steps aside when a newer version (another tab) upgrades the database', async ({
  page,
  context,
}) => {
  await page.goto('/#dataset');
  await waitForEngine(page);
  // The page, the engine workers and the import worker all hold connections by now.
  const newer = await context.newPage();
  await newer.route('**/newer-version', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>newer</title>' }),
  );
  await newer.goto('/newer-version');
  const outcome = await newer.evaluate(
    (version) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('likeness', version);
        open.onupgradeneeded = () => resolve('upgraded');
        open.onerror = () => resolve(`error: ${String(open.error)}`);
        setTimeout(() => resolve('still blocked after 20 s'), 20_000);
      }),
    dbVersion + 1,
  );
  expect(outcome).toBe('upgraded');
});
