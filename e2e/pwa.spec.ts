import { expect, test } from './fixtures';
import type { Page, Request } from '@playwright/test';

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
  await expect(page.getByTestId('tested')).toHaveText('16', { timeout: 300_000 });
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    tested: number;
    top1: number;
  };
  expect(summary.tested).toBe(16);
  expect(summary.top1).toBeGreaterThanOrEqual(0.75);
  await expect(page.getByTestId('grid-cell').first()).toContainText('True:');
  await expect(page.getByTestId('grid-cell').first()).toContainText('Pred:');
}

test('after one visit the app works offline, cross-origin isolated, sample included', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  const failed = collectFailures(page);
  await page.goto('/');
  await expect(page.getByTestId('pwa-offline-ready')).toBeVisible({ timeout: 180_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await expect(page.getByTestId('sample-attribution')).toContainText(
    'Big Bang Theory cast crops from the face-api.js examples, MIT',
  );
  await page.getByTestId('try-sample').click();
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
  const card = page.getByTestId('sample-card');
  await expect(card).toContainText('New here? Try the sample');
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('sample-status')).toBeVisible();
  await expectSampleRecognised(page);
  await expect(page.getByTestId('accuracy-panel')).toBeVisible();

  // The sample is now a dataset like any other.
  await page.goto('/#dataset');
  await expect(page.getByTestId('people-count')).toHaveText('8');
  await expect(page.getByTestId('image-count')).toHaveText('40');
  expect(failed, 'failed requests').toEqual([]);
});

test('the sample run can be cancelled while the face database is being built', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-step', 'enrol', { timeout: 180_000 });
  await page.getByTestId('sample-cancel').click();
  await expect(page.getByTestId('sample-status')).toHaveCount(0);
  await expect(page.getByTestId('try-sample')).toBeEnabled();
  await expect(page).toHaveURL(/#dataset$|\/$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
