import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bbtDir, expect, test, toBase64, waitForEngine } from './fixtures';
import { inputMean, writeProbeNet } from './probe-net';
import { closeSettings, openSettings, ui } from './pages.mjs';

const size = 64;
const face = toBase64(join(bbtDir, 'penny/penny1.png'));

/** Loads a model through Settings' "Load your own model…" as a user would; leaves the dialog open. */
async function submitModel(
  page: Page,
  files: string[],
  { label, inputSize, normalization }: { label: string; inputSize: number; normalization: string },
) {
  await openSettings(page, { advanced: true });
  await page.getByRole('button', { name: 'Load your own model…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load your own model' });
  await dialog.getByTestId('custom-model-files').setInputFiles(files);
  await dialog.getByLabel('Name').fill(label);
  await dialog.getByLabel('Input size (pixels)').fill(String(inputSize));
  await dialog.getByLabel('Input normalisation').selectOption(normalization);
  await dialog.getByRole('button', { name: 'Load model' }).click();
  return dialog;
}

const currentModel = (page: Page) => page.evaluate(() => window.likeness!.snapshot().engine?.model ?? null);

/** One photo through the engine the UI uses: the embedding, and the crop the model was fed (its size and mean). */
function embedFace(page: Page) {
  return page.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const [outcome] = await window.likeness!.engine.embed(
      [{ id: 'penny1', blob: new Blob([bytes], { type: 'image/png' }) }],
      { withCrops: true },
    );
    if (!outcome?.ok) throw new Error(`No embedding: ${JSON.stringify(outcome)}`);
    const crop = await createImageBitmap(outcome.crop!);
    const canvas = new OffscreenCanvas(crop.width, crop.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(crop, 0, 0);
    const { data } = context.getImageData(0, 0, crop.width, crop.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i]! + data[i + 1]! + data[i + 2]!;
    return {
      embedding: Array.from(outcome.embedding),
      cropWidth: crop.width,
      cropHeight: crop.height,
      cropMean: sum / ((data.length / 4) * 3),
    };
  }, face);
}

test('a tfjs graph model from disk: its input size, every normalisation, embedding, and the refusals', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'likeness-custom-model-'));
  try {
    const probeNet = writeProbeNet(join(dir, 'probe-net'), { size, vector: true });
    const featureMap = writeProbeNet(join(dir, 'feature-map'), { size, vector: false });
    await page.goto('/#compare');
    await waitForEngine(page);
    const builtIn = await currentModel(page);

    // A declared input size the model was not built for is refused, naming the model's own.
    let dialog = await submitModel(page, probeNet, {
      label: 'Wrong size',
      inputSize: 96,
      normalization: '0-255',
    });
    await expect(dialog.getByTestId('custom-model-error')).toContainText(
      'The model did not run on a 96×96 RGB face',
    );
    await expect(dialog.getByTestId('custom-model-error')).toContainText('[-1,64,64,3]');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A model whose output is a feature map, not one vector per face.
    dialog = await submitModel(page, featureMap, {
      label: 'Feature map',
      inputSize: size,
      normalization: '0-255',
    });
    await expect(dialog.getByTestId('custom-model-error')).toHaveText(
      `The model's output has shape [2, ${size}, ${size}, 8]; a face embedder must output one vector per face, [batch, D].`,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Neither refusal replaced the model in use.
    expect(await currentModel(page)).toBe(builtIn);

    // Each normalisation: the net's embedding tells the mean of what it was fed.
    const means: Record<string, number> = {};
    let fed: { cropMean: number; cropWidth: number; cropHeight: number } | null = null;
    for (const normalization of ['0-255', '0-1', '-1-1', 'arcface', 'prewhiten']) {
      dialog = await submitModel(page, probeNet, {
        label: `Probe net ${normalization}`,
        inputSize: size,
        normalization,
      });
      await expect(dialog).toHaveCount(0, { timeout: 60_000 });
      await expect(ui(page).engine.dot).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
      expect(await currentModel(page)).toBe(`custom:Probe net ${normalization}`);
      const result = await embedFace(page);
      expect(result.embedding).toHaveLength(8);
      expect(Math.hypot(...result.embedding)).toBeCloseTo(1, 5);
      means[normalization] = inputMean(result.embedding);
      fed ??= result;
    }
    console.log('input mean per normalisation', JSON.stringify(means), 'crop', JSON.stringify(fed));
    // The crop the model was fed is the declared size, and its pixels are what "0–255" passed on.
    expect(fed).toMatchObject({ cropWidth: size, cropHeight: size });
    const m = means['0-255']!;
    expect(m).toBeGreaterThan(20);
    expect(m).toBeLessThan(235);
    expect(Math.abs(m - fed!.cropMean)).toBeLessThan(1.5);
    expect(means['0-1']).toBeCloseTo(m / 255, 4);
    expect(means['-1-1']).toBeCloseTo(m / 127.5 - 1, 4);
    expect(means['arcface']).toBeCloseTo((m - 127) / 128, 4);
    // Per-image standardisation leaves every image with mean 0.
    expect(means['prewhiten']).toBeCloseTo(0, 4);

    // The whole app runs on it: Compare embeds two photos with the loaded model.
    await closeSettings(page);
    await page
      .getByTestId('compare-input')
      .setInputFiles([join(bbtDir, 'penny/penny1.png'), join(bbtDir, 'sheldon/sheldon1.png')]);
    await expect(page.getByTestId('compare-crops').locator('img')).toHaveCount(2, { timeout: 120_000 });
    await expect(page.getByTestId('compare-timing')).toContainText(/embed \d+ ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
