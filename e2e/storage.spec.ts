import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bbtDir, expect, listDataset, readStore, test, waitForEngine } from './fixtures';
import type { StoredCounts } from '../src/storage/quota';
import { closeSettings, openSettings } from './pages.mjs';

/** bbt's 40 images copied `times` times into `many copies/<person>/`, 40 × times files. */
function largeFolder(times: number): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'likeness-many-'));
  const dir = join(root, 'many copies');
  for (const image of listDataset(bbtDir)) {
    mkdirSync(join(dir, image.person), { recursive: true });
    for (let i = 0; i < times; i++) copyFileSync(image.path, join(dir, image.person, `${i}-${image.name}`));
  }
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

const countsOf = async (page: Page, testId: string): Promise<StoredCounts> =>
  JSON.parse((await page.getByTestId(testId).getAttribute('data-counts'))!) as StoredCounts;

async function expectSampleRecognised(page: Page) {
  await expect(page).toHaveURL(/#recognise$/, { timeout: 300_000 });
  await expect(page.getByTestId('tested')).toHaveText('16', { timeout: 300_000 });
}

const removeAfter: (() => void)[] = [];
test.afterEach(() => {
  for (const remove of removeAfter.splice(0)) remove();
});

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

test('storage use and persistence are shown, and "Delete all my data" stops the running job and leaves nothing', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  // Before anything is stored, no warning: the browser has not been asked to keep anything yet.
  await openSettings(page);
  await expect(page.getByTestId('storage-estimate')).toContainText(/used of .* available to this site/);
  await expect(page.getByTestId('storage-persistence')).not.toContainText('would not promise');
  await closeSettings(page);

  // The first import asks the browser to keep the data; the panel says what it answered.
  await page.getByTestId('try-sample').click();
  await expectSampleRecognised(page);
  await page.goto('/#dataset');
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await openSettings(page);
  await expect(page.getByTestId('storage-persistence')).toHaveAttribute(
    'data-persistence',
    persisted ? 'granted' : 'refused',
  );
  if (!persisted) await expect(page.getByTestId('storage-persistence')).toContainText('would not promise');
  await closeSettings(page);
  const usedBefore = await usage(page);

  // A job in flight when the user deletes: the import of a large folder (bbt copied 50 times).
  const big = largeFolder(50);
  // Removed when the test ends: the browser reads picked files lazily.
  removeAfter.push(big.remove);
  await page.getByTestId('folder-input').setInputFiles(big.dir);
  await expect(page.getByTestId('import-status')).toContainText(/Importing “many copies”: [1-9]/, {
    timeout: 120_000,
  });
  // The count on screen rises as images are decoded; they are stored in batches. Delete once some
  // of the big folder's images are stored, beyond the sample's 40.
  await expect
    .poll(() => readStore<number>(page, 'images', 'count'), { timeout: 120_000 })
    .toBeGreaterThan(40);
  await openSettings(page);
  await page.getByTestId('erase-all').click();
  const before = await countsOf(page, 'erase-before');
  expect(before).toMatchObject({ datasets: 2, galleries: 1 });
  expect(before.images).toBeGreaterThan(40);
  expect(before.embeddings).toBeGreaterThan(0);
  expect(before.caches).toBeGreaterThan(0);
  expect(before.localStorage).toBeGreaterThan(0);
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-done')).toBeVisible({ timeout: 120_000 });
  const after = await countsOf(page, 'erase-after');
  expect(after).toEqual({
    datasets: 0,
    images: 0,
    embeddings: 0,
    galleries: 0,
    otherDatabases: [],
    caches: 0,
    localStorage: 0,
  });
  // The cancelled import wrote nothing after the delete.
  await expect(page.getByTestId('import-status')).toHaveCount(0);
  await page.waitForTimeout(3_000);
  expect(await readStore<number>(page, 'embeddings', 'count')).toBe(0);
  expect(await readStore<number>(page, 'images', 'count')).toBe(0);
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  const usedAfter = await usage(page);
  console.log(`storage used: ${usedBefore} bytes before, ${usedAfter} after the delete`);
  expect(usedAfter).toBeLessThan(usedBefore);

  // The app is back to a first visit, without a reload and without an error.
  await closeSettings(page);
  await expect(page.getByTestId('try-sample')).toBeVisible();
  await expect(page.getByTestId('dataset-select')).toHaveCount(0);
  await page.goto('/#databases');
  await expect(page.getByTestId('job-error')).toHaveCount(0);
  await page.goto('/#dashboard');
  await expect(page.getByTestId('dash-results')).toHaveCount(0);
  await page.goto('/#dataset');
  await page.getByTestId('try-sample').click();
  await expectSampleRecognised(page);
  expect(await readStore<number>(page, 'datasets', 'count')).toBe(1);
});

test('two tabs running the sample at once: the second waits for the first and writes nothing twice', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  const second = await context.newPage();
  await Promise.all([page.goto('/#dataset'), second.goto('/#dataset')]);
  await Promise.all([waitForEngine(page), waitForEngine(second)]);

  await page.getByTestId('try-sample').click();
  await second.getByTestId('try-sample').click();
  await expect(second.getByTestId('waiting-for-tab')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('waiting-for-tab')).toHaveCount(0);
  await expectSampleRecognised(page);
  await expectSampleRecognised(second);
  await expect(second.getByTestId('waiting-for-tab')).toHaveCount(0);

  // One dataset of 40 images, one face database, every record pointing at what exists.
  const datasets = await readStore<{ id: string; status: string; imageCount: number }[]>(page, 'datasets');
  expect(datasets).toHaveLength(1);
  expect(datasets[0]).toMatchObject({ status: 'ready', imageCount: 40 });
  const images = await readStore<string[]>(page, 'images', 'getAllKeys');
  expect(images).toHaveLength(40);
  expect(images.every((id) => id.startsWith(`${datasets[0]!.id}:`))).toBe(true);
  const databases = await readStore<
    { status: string; datasetId: string; identities: string[]; enrolment: Record<string, string[]> }[]
  >(page, 'galleries');
  expect(databases).toHaveLength(1);
  expect(databases[0]).toMatchObject({ status: 'ready', datasetId: datasets[0]!.id });
  expect(databases[0]!.identities).toHaveLength(8);
  const imageSet = new Set(images);
  expect(
    Object.values(databases[0]!.enrolment)
      .flat()
      .every((id) => imageSet.has(id)),
  ).toBe(true);
  const embeddings = await readStore<[string, string][]>(page, 'embeddings', 'getAllKeys');
  expect(embeddings.length).toBeGreaterThan(0);
  expect(embeddings.every(([, imageId]) => imageSet.has(imageId))).toBe(true);
  // Both tabs show the same result from the same records.
  const summaries = await Promise.all(
    [page, second].map(async (p) => p.locator('[data-summary]').getAttribute('data-summary')),
  );
  expect(summaries[1]).toBe(summaries[0]);
});
