import type { Page, Request } from '@playwright/test';
import { bbtDir, expect, test, toBase64 } from './fixtures';
import { openSettings, ui } from './pages.mjs';

/** Waits until the engine runs `model` (the automation snapshot says so once it is ready). */
async function engineRuns(page: Page, model: string): Promise<void> {
  await page.waitForFunction((m) => window.likeness?.snapshot().engine?.model === m, model, {
    timeout: 180_000,
  });
}

test('another model downloads once when first picked, stays stored, and works offline', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  // Each time mobileface's weights came over the network: a page or worker request the service
  // worker did not answer, or the service worker's own fetch.
  const downloads: string[] = [];
  context.on('requestfinished', (request: Request) => {
    if (!request.url().endsWith('/models/human/mobileface.bin')) return;
    void request.response().then((response) => {
      if (request.serviceWorker() || !response?.fromServiceWorker()) downloads.push(request.url());
    });
  });

  await page.goto('/');
  await expect(ui(page).engine.pwaOfflineReady).toBeVisible({ timeout: 180_000 });
  await engineRuns(page, 'arcface-mbf-grey');
  // The model is chosen in Settings, under Advanced.
  await openSettings(page, { advanced: true });
  const model = ui(page).settings.dialog.getByLabel('Model', { exact: true });
  // Its size is shown before anything is downloaded; the default says where its weights come from.
  await expect(model.locator('option[value="mobileface"]')).toHaveText(/\(download 2\.\d MB\)$/);
  await expect(ui(page).engine.modelFacts).toContainText('on whose photos, is unknown');
  expect(downloads).toEqual([]);

  await model.selectOption('mobileface');
  await engineRuns(page, 'mobileface');
  await expect.poll(() => downloads.length).toBe(1);
  await expect(model.locator('option[value="mobileface"]')).not.toContainText('download');

  // Picked again later: read from this device, not downloaded again.
  await model.selectOption('arcface-mbf-grey');
  await engineRuns(page, 'arcface-mbf-grey');
  await model.selectOption('mobileface');
  await engineRuns(page, 'mobileface');
  expect(downloads).toHaveLength(1);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await engineRuns(page, 'mobileface');
  await openSettings(page, { advanced: true });
  const embedded = await page.evaluate(
    async (png) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const [outcome] = await window.likeness!.engine.embed([
        { id: 'penny', blob: new Blob([bytes], { type: 'image/png' }) },
      ]);
      return outcome?.ok ? Array.from(outcome.embedding) : (outcome?.message ?? 'no outcome');
    },
    toBase64(`${bbtDir}/penny/penny1.png`),
  );
  expect(embedded, 'mobileface embeds a face offline').toHaveLength(256);
  expect(Math.hypot(...(embedded as number[]))).toBeCloseTo(1, 4);
  expect(downloads).toHaveLength(1);

  // A model never downloaded cannot load offline, and says so plainly.
  await model.selectOption('faceres');
  await expect(page.getByTestId('engine-error')).toContainText(
    'not stored on this device yet: connect to the internet',
  );
  await model.selectOption('mobileface');
  await engineRuns(page, 'mobileface');
});
