import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bbtDir, expect, listDataset, test, waitForEngine } from './fixtures';

// A full disk, for real: Chromium's DevTools protocol lowers this origin's storage quota, so IndexedDB
// itself throws QuotaExceededError part-way through an import.

const bbt = listDataset(bbtDir);
let tmp = '';

test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'likeness-quota-'));
});
test.afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** 30 people × 8 copies of bbt images: 240 files, about 4 MB of originals. */
function bigFolder(): string {
  const root = join(tmp, 'big');
  for (let p = 0; p < 30; p++) {
    const dir = join(root, `person ${String(p).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 8; i++) copyFileSync(bbt[(p * 8 + i) % bbt.length]!.path, join(dir, `img${i}.png`));
  }
  return root;
}

async function usage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

test('a full disk stops the import with a clear message, keeps what was stored, and the import resumes once there is space', async ({
  page,
  baseURL,
}) => {
  const big = bigFolder();
  await page.goto('/#dataset');
  await waitForEngine(page);
  const status = page.getByTestId('import-status');

  // One dataset stored while there is room.
  await page.getByTestId('folder-input').setInputFiles(bbtDir);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('image-count')).toHaveText('40');
  const bbtOption = await page.getByTestId('dataset-select').inputValue();

  // The service worker's precache (~37 MB) counts against the same quota: let it finish first.
  await expect(page.getByTestId('pwa-offline-ready')).toBeVisible({ timeout: 180_000 });
  // Leave about 1 MB of room, then import ~4 MB of originals and thumbnails.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  const used = await usage(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: used + 1_000_000 });
  await page.getByTestId('folder-input').setInputFiles(big);
  await expect(status).toHaveAttribute('data-status', 'error', { timeout: 120_000 });
  await expect(status).toContainText('storage is full');
  await expect(status).toContainText('nothing stored so far was lost');

  // The first dataset is untouched: still 40 images, thumbnails still load from IndexedDB.
  await page.getByTestId('dataset-select').selectOption(bbtOption);
  await expect(page.getByTestId('image-count')).toHaveText('40');
  await expect(page.getByTestId('grid-cell').first().locator('img')).toBeVisible();
  const thumbOk = await page
    .getByTestId('grid-cell')
    .first()
    .locator('img')
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
  expect(thumbOk).toBe(true);

  // Room again: the interrupted import resumes from what it stored and finishes with every image.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.reload();
  await waitForEngine(page);
  const options = await page.getByTestId('dataset-select').locator('option').allTextContents();
  const bigOption = page.getByTestId('dataset-select').locator('option', { hasText: 'big' });
  expect(
    options.some((o) => o.includes('big')),
    `datasets listed: ${options.join(' | ')}`,
  ).toBe(true);
  await page.getByTestId('dataset-select').selectOption((await bigOption.getAttribute('value'))!);
  await expect(page.getByTestId('import-interrupted')).toBeVisible();
  await page.getByTestId('resume-input').setInputFiles(big);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('image-count')).toHaveText('240');
  await expect(page.getByTestId('people-count')).toHaveText('30');
});
