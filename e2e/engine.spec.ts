import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { bbtDir, expect, listDataset, test, toBase64, waitForEngine } from './fixtures';
import { ui } from './pages.mjs';

const bbt = listDataset(bbtDir);

test('picks WASM by itself on a software GPU and shows it', async ({ page }) => {
  await page.goto('/');
  const backend = await waitForEngine(page);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : null;
  });
  if (renderer && /swiftshader|llvmpipe|software/i.test(renderer)) {
    expect(backend).toBe('wasm');
    await expect(ui(page).engine.engineStatus).toContainText(/software/i);
  } else {
    expect(['webgl', 'wasm']).toContain(backend);
  }
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('embeds every bbt face in the worker: unit vectors, same person nearest, no leaked tensors', async ({
  page,
}) => {
  await page.goto('/');
  await waitForEngine(page);
  const images = bbt.map((img) => ({ id: `${img.person}/${img.name}`, data: toBase64(img.path) }));
  const result = await page.evaluate(async (images) => {
    const engine = window.likeness!.engine;
    const requests = images.map(({ id, data }) => ({
      id,
      blob: new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'image/png' }),
    }));
    // Warm the pipeline once so lazily created kernels are not counted as leaks.
    await engine.embed(requests.slice(0, 1));
    const before = await engine.memory();
    const outcomes = await engine.embed(requests);
    const after = await engine.memory();
    return {
      before: before.numTensors,
      after: after.numTensors,
      outcomes: outcomes.map((o) =>
        o.ok ? { id: o.id, embedding: Array.from(o.embedding) } : { id: o.id, error: o.message },
      ),
    };
  }, images);

  expect(result.after).toBe(result.before);
  const failures = result.outcomes.filter((o) => 'error' in o);
  expect(failures).toEqual([]);
  const vectors = result.outcomes as { id: string; embedding: number[] }[];
  expect(vectors).toHaveLength(40);
  for (const v of vectors) {
    const norm = Math.hypot(...v.embedding);
    expect(Math.abs(norm - 1)).toBeLessThan(1e-4);
  }
  // Rule: for each image, the nearest OTHER image (Euclidean) is of the same person.
  const person = (id: string) => id.split('/')[0];
  let correct = 0;
  for (const a of vectors) {
    let best = { d: Infinity, id: '' };
    for (const b of vectors) {
      if (a === b) continue;
      const d = Math.hypot(...a.embedding.map((x, i) => x - b.embedding[i]!));
      if (d < best.d) best = { d, id: b.id };
    }
    if (person(best.id) === person(a.id)) correct++;
  }
  const rate = correct / vectors.length;
  console.log(
    `bbt nearest-other-image same-person rate: ${correct}/${vectors.length} = ${(rate * 100).toFixed(1)}%`,
  );
  expect(rate).toBeGreaterThanOrEqual(0.9);
});

test('compare page shows crops, a distance matrix and time per face', async ({ page }) => {
  await page.goto('/#compare');
  await waitForEngine(page);
  const pick = [bbt[0]!, bbt[1]!, bbt.find((b) => b.person !== bbt[0]!.person)!];
  await ui(page).compare.input.setInputFiles(pick.map((p) => p.path));
  const matrix = ui(page).compare.distanceMatrix;
  await expect(matrix.locator('tbody tr')).toHaveCount(3);
  await expect(ui(page).compare.crops.locator('img')).toHaveCount(3);
  await expect(ui(page).compare.timing).toContainText(/embed \d+ ms/);
  const cell = async (r: number, c: number) =>
    Number(await matrix.locator('tbody tr').nth(r).locator('td').nth(c).textContent());
  expect(await cell(0, 0)).toBeCloseTo(0, 3);
  // Same person (0,1) is closer than different people (0,2).
  expect(await cell(0, 1)).toBeLessThan(await cell(0, 2));
  await expect(matrix).toContainText(basename(pick[2]!.path));
});

test('a corrupt file gets a clear message and the other faces still embed', async ({ page }) => {
  await page.goto('/#compare');
  await waitForEngine(page);
  await ui(page).compare.input.setInputFiles([
    { name: bbt[0]!.name, mimeType: 'image/png', buffer: readFileSync(bbt[0]!.path) },
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a jpeg at all') },
  ]);
  await expect(ui(page).compare.crops).toContainText('broken.jpg — broken.jpg could not be decoded');
  await expect(ui(page).compare.crops.locator('img')).toHaveCount(1);
});
