// @ts-check
// Prints ms per face per stage for every backend headless Chromium offers: node scripts/stage-timing.mjs [--images N]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, parseArgs, round, startApp, waitForEngine } from './harness.mjs';
import { chooseEngine } from '../e2e/pages.mjs';

const args = parseArgs(process.argv.slice(2), { images: 'value', 'no-build': 'flag' });
const count = Number(args.images ?? 6);
const dir = resolve(import.meta.dirname, '../src/sample-data/bbt');
const files = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(dir, d.name)).map((f) => join(dir, d.name, f)))
  .sort()
  .filter((_, i) => i % 5 === 0)
  .slice(0, count)
  .map((p) => readFileSync(p).toString('base64'));

const app = await startApp({ build: !args['no-build'] });
const browser = await launchBrowser();
const rows = [];
try {
  const page = await browser.newPage();
  await page.goto(app.url);
  await waitForEngine(page);
  for (const backend of ['wasm', 'webgl', 'cpu']) {
    await chooseEngine(page, { backend });
    await page.waitForFunction((b) => window.likeness?.snapshot().engine?.backend === b, backend, {
      timeout: 300_000,
    });
    const result = await page.evaluate(async (images) => {
      const blobs = images.map((b64, i) => ({
        id: String(i),
        blob: new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }),
      }));
      await window.likeness.engine.embed(blobs.slice(0, 1)); // warm-up, excluded
      const outcomes = await window.likeness.engine.embed(blobs);
      const ok = outcomes.filter((o) => o.ok);
      /** @param {'decode' | 'detect' | 'align' | 'embed'} k */
      const mean = (k) => ok.reduce((s, o) => s + o.timings[k], 0) / Math.max(1, ok.length);
      return {
        faces: ok.length,
        decode: mean('decode'),
        detect: mean('detect'),
        align: mean('align'),
        embed: mean('embed'),
      };
    }, files);
    const engine = await waitForEngine(page);
    rows.push({
      backend,
      threads: engine.threads,
      ...Object.fromEntries(Object.entries(result).map(([k, v]) => [k, round(v, 1)])),
    });
    console.error(JSON.stringify(rows.at(-1)));
  }
  console.log(JSON.stringify({ model: 'faceres+flip', crop: 'align', msPerFace: rows }, null, 2));
} finally {
  await browser.close();
  await app.close();
}
