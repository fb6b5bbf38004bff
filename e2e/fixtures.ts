import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {} from '../src/automation';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { composeGroup } from './group-photo.mjs';
import { pickFolder, ui } from './pages.mjs';

/** The bundled sample (the app's "Try the sample" reads the same files). */
export const bbtDir = resolve(import.meta.dirname, '../src/sample-data/bbt');
export const sharedDatasets = resolve(import.meta.dirname, '../../shared/datasets');

export interface FixtureImage {
  person: string;
  name: string;
  path: string;
}

/** Every image of a `<set>/<person>/<image>` folder, sorted. */
export function listDataset(dir: string): FixtureImage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => /\.(jpe?g|png)$/i.test(f))
        .sort()
        .map((f) => ({ person: d.name, name: f, path: join(dir, d.name, f) })),
    )
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A copy of bbt in a temporary folder named `name` (the dataset's name once imported), with extra
 * files planted: each [from, to] copies bbt's `from` to `to` inside the copy. Call remove() after.
 */
export function plantedBbt(name: string, plant: [string, string][]): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'likeness-planted-'));
  const dir = join(root, name);
  cpSync(bbtDir, dir, { recursive: true });
  rmSync(join(dir, 'ATTRIBUTION.md'));
  for (const [from, to] of plant) copyFileSync(join(bbtDir, from), join(dir, to));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function toBase64(path: string): string {
  return readFileSync(path).toString('base64');
}

/** Waits until the engine has loaded a model and reports a backend (its status dot says ready). */
export async function waitForEngine(page: Page): Promise<string> {
  await expect(ui(page).engine.dot).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  return (await ui(page).engine.backendName.textContent()) ?? '';
}

/**
 * Imports a folder through a folder picker of the Dataset tab (the page must show it) and waits until the
 * import is done and, when `people` is given, shows that many people.
 */
export async function importFolder(
  page: Page,
  dir: string,
  { people, timeout, input }: { people?: number; timeout?: number; input?: Locator } = {},
): Promise<void> {
  await pickFolder(page, dir, input);
  if (people !== undefined)
    await expect(ui(page).dataset.peopleCount).toHaveText(String(people), { timeout });
  await expect(ui(page).dataset.importStatus).toHaveAttribute('data-status', 'done', { timeout });
}

/** The text of each label, top to bottom as drawn (a reversed axis lists its ticks bottom up). */
export function textTopDown(labels: Locator): Promise<string[]> {
  return labels.evaluateAll((els) =>
    els
      .map((el) => ({ text: el.textContent ?? '', top: el.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** One read of a store of the app's IndexedDB, in the page: every record, every key, or the count. */
export function readStore<T>(
  page: Page,
  store: string,
  read: 'getAll' | 'getAllKeys' | 'count' = 'getAll',
): Promise<T> {
  return page.evaluate(
    async ({ store, read }) => {
      const open = indexedDB.open('likeness');
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      try {
        return await new Promise<unknown>((ok, fail) => {
          const r = db.transaction(store).objectStore(store)[read]();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
      } finally {
        db.close();
      }
    },
    { store, read },
  ) as Promise<T>;
}

/** Fails the test on any request that leaves the app's origin. */
export const test = base.extend<{ offOrigin: string[] }>({
  offOrigin: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offOrigin: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) offOrigin.push(url);
      });
      await use(offOrigin);
      expect(offOrigin, 'requests that left the origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The face-detail dialog shows the crop the model saw, at the model's own input size. */
export async function expectDetailCrop(detail: Locator, inputSize: number): Promise<void> {
  const crop = detail.getByTestId('detail-crop');
  await expect(crop).toBeVisible();
  await expect
    .poll(() => crop.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([inputSize, inputSize]);
}

/** One bbt photo pasted on a 640 × 480 grey picture, as a JPEG at `path` below `dir`. */
export async function pastedPhoto(dir: string, path: string, person: string, n: number) {
  const { png } = composeGroup({
    faces: [{ file: join(bbtDir, person, `${person}${n}.png`), label: person }],
    size: 260,
    width: 640,
    height: 480,
    seed: n,
  });
  mkdirSync(join(dir, path, '..'), { recursive: true });
  await sharp(png).jpeg({ quality: 90 }).toFile(join(dir, path));
}
