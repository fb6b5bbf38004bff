// How much one huge photo raises the memory of the process that runs the app's workers:
//   node scripts/bench-decode-memory.mjs [--megapixels 50] [--formats jpeg,png,webp] [--no-build] [--json out.json]
//
// Dedicated workers run inside the page's renderer process, and a decoded ImageBitmap lives in that
// process's native heap (not in any JS heap, so performance.memory and CDP heap usage cannot see it).
// So this measures the renderer's peak resident memory (Linux VmHWM): reset it (`echo 5 >
// /proc/PID/clear_refs`) with the app idle, feed one file through the UI, and read the peak minus the
// resident size at the reset. The renderers are this browser's own (CDP SystemInfo.getProcessInfo). Linux only.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { launchBrowser, parseArgs, round, startApp, waitForEngine } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), {
  megapixels: 'value',
  formats: 'value',
  'no-build': 'flag',
  json: 'value',
});
const megapixels = Number(args.megapixels ?? 50);
const formats = String(args.formats ?? 'jpeg').split(',');
/** @type {Record<string, string>} */
const extension = { jpeg: 'jpg', png: 'png', webp: 'webp' };
if (formats.some((f) => !extension[f])) throw new Error(`--formats takes jpeg, png and webp, not ${formats}`);
const bbt = resolve(import.meta.dirname, '../src/sample-data/bbt');

/**
 * A 3:2 photo of about `mp` megapixels with Penny's face (upscaled to 0.6 of the height) on a textured
 * background: noise at a quarter of the size, upscaled, compresses (about 19 MB at 50 MP as a JPEG at
 * quality 85, 14 MB as a WebP at 85, 130 MB as a PNG) like a real photo of that size, and the encoded
 * bytes are part of what a decoder holds.
 * @param {string} path
 * @param {number} mp
 * @param {string} [format] jpeg, png or webp
 */
async function photo(path, mp, format = 'jpeg') {
  const width = Math.round(Math.sqrt((mp * 1e6 * 3) / 2));
  const height = Math.round((width * 2) / 3);
  const side = Math.round(height * 0.6);
  const face = await sharp(join(bbt, 'penny/penny1.png')).resize(side, side).toBuffer();
  const [w, h] = [Math.ceil(width / 4), Math.ceil(height / 4)];
  const noise = Buffer.alloc(w * h * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = 60 + Math.floor(Math.random() * 136);
  const background = await sharp(noise, { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  await sharp(background)
    .composite([{ input: face, left: Math.round((width - side) / 2), top: Math.round((height - side) / 2) }])
    .toFormat(/** @type {'jpeg' | 'png' | 'webp'} */ (format), format === 'png' ? {} : { quality: 85 })
    .toFile(path);
  return { width, height, megabytes: round(statSync(path).size / 1e6) };
}

/**
 * This browser's renderer processes (others' browsers may run beside it), from CDP SystemInfo.
 * @param {import('@playwright/test').Browser} browser
 * @returns {Promise<string[]>}
 */
async function renderers(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  return /** @type {{ type: string; id: number }[]} */ (processInfo)
    .filter((p) => p.type === 'renderer')
    .map((p) => String(p.id));
}
/** @type {(pid: string, field: string) => number} */
const kB = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/**
 * Runs `step` with the renderers' peak RSS reset first; returns the largest rise over the reset RSS, in MB.
 * @param {() => Promise<unknown>} step
 */
async function peakRise(step) {
  const pids = await renderers(browser);
  await new Promise((r) => setTimeout(r, 1_000));
  /** @type {Map<string, number>} */
  const before = new Map();
  for (const pid of pids) {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    before.set(pid, kB(pid, 'VmRSS'));
  }
  const t0 = performance.now();
  await step();
  const ms = performance.now() - t0;
  let rise = 0;
  for (const pid of pids) rise = Math.max(rise, (kB(pid, 'VmHWM') - (before.get(pid) ?? 0)) / 1024);
  return { peakRiseMB: round(rise), ms: Math.round(ms) };
}

const tmp = mkdtempSync(join(tmpdir(), 'likeness-decode-memory-'));
const app = await startApp({ build: !args['no-build'] });
const browser = await launchBrowser();
/** @type {Record<string, unknown>} */
const results = { megapixels, method: 'renderer VmHWM rise over RSS at reset (clear_refs 5)' };
try {
  /** @type {Record<string, string>} */
  const huge = {};
  for (const format of formats) {
    huge[format] = join(tmp, `huge.${extension[format]}`);
    results[`size_${format}`] = await photo(huge[format], megapixels, format);
  }
  const small = join(tmp, 'small.jpg');
  await photo(small, 1);
  /** @type {(name: string, file: string) => string} */
  const folder = (name, file) => {
    const dir = join(tmp, name, 'penny');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `photo${extname(file)}`), readFileSync(file));
    return join(tmp, name);
  };

  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  await page.goto(app.url);
  await waitForEngine(page);

  // The engine worker: Compare embeds one picked photo (decode, detect, align, embed).
  await page.goto(new URL('#compare', app.url).href);
  let picks = 0;
  /** @param {string} file */
  const compare = async (file) => {
    // A new name each time, so the caption shows when this pick has been embedded.
    const name = `pick-${++picks}${extname(file)}`;
    writeFileSync(join(tmp, name), readFileSync(file));
    await page.getByTestId('compare-input').setInputFiles(join(tmp, name));
    // Compare shows one figure per face found; the crops' row names the photo once it is embedded.
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="compare-crops"]')?.getAttribute('data-photos') === n,
      name,
      { timeout: 300_000, polling: 100 },
    );
    const text = (await page.getByTestId('compare-crops').locator('figcaption').allTextContents()).join(' ');
    if (text.includes('—')) throw new Error(`Compare failed: ${text}`);
  };
  await compare(small); // warm-up: models loaded, WASM memory grown for a 1 MP photo
  results.engineSmall = await peakRise(() => compare(small));
  for (const format of formats) {
    results[`engineHuge_${format}`] = await peakRise(() => compare(huge[format]));
    results[`engineHugeAgain_${format}`] = await peakRise(() => compare(huge[format]));
  }

  // The import worker: one thumbnail per file.
  /** @param {string} dir */
  const load = async (dir) => {
    await page.goto(new URL('#dataset', app.url).href);
    await page.getByTestId('folder-input').setInputFiles(dir);
    await page
      .waitForFunction(
        () =>
          ['done', 'error', 'nothing'].includes(
            document.querySelector('[data-testid="import-status"]')?.getAttribute('data-status') ?? '',
          ),
        undefined,
        { timeout: 60_000, polling: 200 },
      )
      .catch(async (error) => {
        const status = page.getByTestId('import-status');
        console.error(
          'import status:',
          await status.getAttribute('data-status').catch(() => null),
          await status.textContent().catch(() => null),
          await page
            .locator('main')
            .innerText()
            .catch(() => ''),
        );
        throw error;
      });
  };
  await load(folder('warm', small));
  results.importSmall = await peakRise(() => load(folder('small', small)));
  for (const format of formats)
    results[`importHuge_${format}`] = await peakRise(() => load(folder(`huge-${format}`, huge[format])));
} finally {
  await browser.close();
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, 2));
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
