import { bbtDir, expect, importFolder, readStore, test, waitForEngine } from './fixtures';
import { buildDatabase, chooseEngine, runRecognition, ui } from './pages.mjs';

// A lost WebGL context (driver reset, GPU memory pressure) mid-enrolment must not lose the job: the
// engine finishes it on WASM, the header says why, and every face is stored as a usable embedding.
// Headless Chromium here renders WebGL with SwiftShader, slowly but for real; WEBGL_lose_context
// loses it the way a driver reset does.
test('losing the WebGL context mid-enrolment: the job carries on with WASM and loses no face', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await chooseEngine(page, { backend: 'webgl' });
  await expect(ui(page).engine.backendName).toHaveText('webgl', { timeout: 120_000 });
  await importFolder(page, bbtDir);

  // 8 people × 2 enrolled, 1 held out each: 16 faces to embed.
  await buildDatabase(page, { perPerson: '2', testPerPerson: '1', seed: '5' });
  await expect(ui(page).job.count).toHaveText(/^([2-9]|1[0-3])$/, { timeout: 300_000 });
  const lost = await page.evaluate(() => window.likeness!.engine.simulateContextLoss());
  expect(lost).toBe(true);

  await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
  await expect(ui(page).job.done).toContainText('0 failed');
  await expect(ui(page).engine.backendName).toHaveText('wasm');
  await expect(ui(page).engine.engineStatus).toContainText('WebGL context was lost');

  // Every one of the 16 faces is stored, with no error, as a unit-length embedding.
  const stored = (
    await readStore<{ embedding: Float32Array | null; error: unknown }[]>(page, 'embeddings')
  ).map((e) => ({ error: e.error, norm: e.embedding ? Math.hypot(...Array.from(e.embedding)) : null }));
  expect(stored).toHaveLength(16);
  for (const e of stored) {
    expect(e.error).toBeNull();
    expect(Math.abs(e.norm! - 1)).toBeLessThan(1e-4);
  }

  // The database still recognises: the 8 held-out faces, embedded on WASM now.
  await runRecognition(page);
  await expect(ui(page).job.done).toContainText('Recognised 8', { timeout: 300_000 });
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    top1: number;
  };
  expect(summary.top1).toBeGreaterThanOrEqual(0.75);
});
