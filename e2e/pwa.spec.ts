import { expect, test } from './fixtures';
import type { Page, Request } from '@playwright/test';
import { ui } from './pages.mjs';

// Each test gets a fresh context, so a fresh service worker registration and an empty IndexedDB.

function collectFailures(page: Page): string[] {
  const failed: string[] = [];
  page.on('requestfailed', (request: Request) => {
    failed.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  return failed;
}

async function expectSampleRecognised(page: Page) {
  await expect(page).toHaveURL(/#recognise$/, { timeout: 300_000 });
  await expect(ui(page).recognise.tested).toHaveText('16', { timeout: 300_000 });
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    tested: number;
    top1: number;
  };
  expect(summary.tested).toBe(16);
  expect(summary.top1).toBeGreaterThanOrEqual(0.75);
  // Each tile names the person in the photo and what it was taken for.
  await expect(ui(page).dataset.gridCell.first().locator('[data-verdict]')).toHaveAttribute('data-true', /./);
  await expect(ui(page).dataset.gridCell.first()).toContainText(/Named|Seen as|No match/);
}

interface Seen {
  /** Every progress text the page showed, in order. */
  shown: string[];
  /** Every message the service worker broadcast. */
  messages: { type: string; files: number; totalFiles: number; bytes: number; totalBytes: number }[];
}

/** Records what the first-load progress showed and what the worker said, however fast it goes. */
async function watchFirstLoad(page: Page) {
  await page.addInitScript(() => {
    const seen: Seen = { shown: [], messages: [] };
    (window as unknown as { firstLoad: Seen }).firstLoad = seen;
    new BroadcastChannel('likeness-offline').onmessage = (e: MessageEvent) => {
      if (e.data?.type !== 'precache-ask') seen.messages.push(e.data as Seen['messages'][number]);
    };
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="pwa-progress-text"]')?.textContent;
      if (text && text !== seen.shown.at(-1)) seen.shown.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

test('after one visit the app works offline, cross-origin isolated, sample included', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  const failed = collectFailures(page);
  await watchFirstLoad(page);
  const t0 = Date.now();
  await page.goto('/');
  await expect(ui(page).engine.pwaOfflineReady).toBeVisible({ timeout: 180_000 });
  await expect(ui(page).engine.pwaOfflineReady).toContainText('Ready to work offline');
  console.log(`first visit to "ready to work offline": ${Date.now() - t0} ms`);
  // The download's progress was shown as it went, files and MiB of the total, and it ended complete.
  const seen = await page.evaluate(() => (window as unknown as { firstLoad: Seen }).firstLoad);
  const last = seen.messages.at(-1)!;
  expect(last.type).toBe('precache-done');
  expect(last.files).toBe(last.totalFiles);
  expect(last.bytes).toBe(last.totalBytes);
  // The default pipeline's models, WASM, the pages and the sample: about 13 MiB, within the 14 MiB
  // budget (the other models are downloaded when picked: model-download.spec.ts).
  expect(last.totalBytes).toBeGreaterThan(8 * 1024 * 1024);
  expect(last.totalBytes).toBeLessThanOrEqual(14 * 1024 * 1024);
  const files = seen.messages.map((m) => m.files);
  expect(files).toEqual([...files].sort((a, b) => a - b));
  expect(seen.shown.length).toBeGreaterThan(0);
  const totalMiB = (last.totalBytes / 1024 / 1024).toFixed(1);
  for (const text of seen.shown)
    expect(text).toMatch(new RegExp(`^\\d+ of ${last.totalFiles} files · \\d+\\.\\d of ${totalMiB} MiB$`));
  await expect(ui(page).engine.pwaProgress).toHaveCount(0);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await expect(ui(page).sample.attribution).toContainText(
    'Big Bang Theory cast crops from the face-api.js examples, MIT',
  );
  await ui(page).sample.trySample.click();
  await expectSampleRecognised(page);
  // The model worker and its WASM came from the service worker too: the engine ran on every core
  // (several single-threaded workers, or one threaded one).
  const engine = await page.evaluate(() => window.likeness?.snapshot().engine);
  expect(engine?.backend).toBeTruthy();
  if (engine?.backend === 'wasm') expect(engine.threads * engine.workers).toBeGreaterThan(1);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(failed, 'failed requests').toEqual([]);
});

test('a newcomer tries the sample: one click from an empty app to the recognition grid', async ({ page }) => {
  test.setTimeout(600_000);
  const failed = collectFailures(page);
  await page.goto('/');
  const card = ui(page).sample.card;
  await expect(card).toContainText('New here? Try the sample');
  await ui(page).sample.trySample.click();
  await expect(ui(page).sample.status).toBeVisible();
  await expectSampleRecognised(page);
  await expect(ui(page).recognise.accuracyPanel).toBeVisible();

  // The sample is now a dataset like any other.
  await page.goto('/#dataset');
  await expect(ui(page).dataset.peopleCount).toHaveText('8');
  await expect(ui(page).dataset.imageCount).toHaveText('40');
  expect(failed, 'failed requests').toEqual([]);
});

test('the sample run can be cancelled while the face database is being built', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await ui(page).sample.trySample.click();
  await expect(ui(page).sample.status).toHaveAttribute('data-step', 'enrol', { timeout: 180_000 });
  await ui(page).sample.cancel.click();
  await expect(ui(page).sample.status).toHaveCount(0);
  await expect(ui(page).sample.trySample).toBeEnabled();
  await expect(page).toHaveURL(/#dataset$|\/$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
