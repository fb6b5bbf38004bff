// @ts-check
/**
 * npm run screenshots [-- --no-build] [--out docs/screenshots]: builds and serves the app, opens it in
 * headless Chromium as a new visitor, runs "Try the sample", measures the sample on the Dashboard,
 * takes a camera snapshot (Chromium's fake camera films two sample faces), compares two photos and
 * imports a small family-style library made from the sample (scripts/make-library.mjs), then writes
 * the main tabs at 1366 × 768 and four of them at 390 × 844 as small palette PNGs (any other PNG in
 * the folder is removed first): what a person sees, so that the pictures in the README never go
 * stale.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import sharp from 'sharp';
import { fakeCameraArgs } from '../e2e/fake-camera.mjs';
import { evaluateOnDashboard, importLibrary, openTab, ui } from '../e2e/pages.mjs';
import { launchBrowser, parseArgs, startApp, waitForEngine } from './harness.mjs';

/** @typedef {import('@playwright/test').Page} Page */

const args = parseArgs(process.argv.slice(2), { 'no-build': 'flag', out: 'value' });
const root = resolve(import.meta.dirname, '..');
const out = resolve(root, args.out ?? 'docs/screenshots');
const bbt = join(root, 'src/sample-data/bbt');

/** @typedef {import('../e2e/pages.mjs').Tab} Tab */
/** Each size and the tabs shown at it: the README's set, small enough to keep in the repository. */
const sizes = [
  {
    name: 'laptop',
    width: 1366,
    height: 768,
    tabs: /** @type {Tab[]} */ ([
      'dataset',
      'library',
      'databases',
      'recognise',
      'dashboard',
      'camera',
      'compare',
    ]),
  },
  {
    name: 'phone',
    width: 390,
    height: 844,
    tabs: /** @type {Tab[]} */ (['library', 'recognise', 'camera', 'compare']),
  },
];

/**
 * Waits until every chart on the page has drawn and the thumbnails in view have loaded.
 * @param {Page} page
 */
async function settled(page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-drawn]')].every((c) => c.getAttribute('data-drawn') === 'true') &&
      // Images in view have loaded (lazy ones further down never start).
      [...document.querySelectorAll('img')].every(
        (img) => img.complete || img.getBoundingClientRect().top > innerHeight,
      ),
    undefined,
    { timeout: 60_000 },
  );
  // Plotly redraws on resize, and fonts settle.
  await page.waitForTimeout(600);
}

/**
 * Waits until the camera preview shows a frame.
 * @param {Page} page
 */
async function cameraLive(page) {
  await page.locator('[data-testid="camera-status"][data-status="live"]').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
}

/**
 * Chooses two photos of Penny on the Compare tab and waits for the verdict.
 * @param {Page} page
 */
async function compareTwo(page) {
  await ui(page).compare.input.setInputFiles([join(bbt, 'penny/penny2.png'), join(bbt, 'penny/penny4.png')]);
  await ui(page).compare.verdict.waitFor({ timeout: 120_000 });
}

/**
 * The window as it is, from the top, as `name`.png: a palette of 64 colours keeps text crisp and the
 * whole set at a few hundred KB. Returns its size in bytes.
 * @param {Page} page
 * @param {string} name
 */
async function shot(page, name) {
  // No hover or focus ring from the script's own clicks and typing, outside a dialog; the top of the page.
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && !focused.closest('dialog')) focused.blur();
    scrollTo(0, 0);
  });
  await settled(page);
  const png = await page.screenshot();
  const small = await sharp(png)
    .png({ palette: true, colours: 64, dither: 0.5, effort: 10, compressionLevel: 9 })
    .toBuffer();
  const file = join(out, `${name}.png`);
  writeFileSync(file, small);
  console.log(`${file}: ${Math.round(small.length / 1024)} KB`);
  return small.length;
}

/**
 * The screenshots are committed binaries: their lines in binaries.sha256 (build/binaries.test.ts) are
 * replaced by the new files' sha256, when they were written inside the repository.
 */
function recordChecksums() {
  const dir = relative(root, out);
  if (dir.startsWith('..')) return;
  const list = join(root, 'binaries.sha256');
  const kept = readFileSync(list, 'utf8')
    .split('\n')
    .filter((line) => line && !line.includes(`  ${dir}/`));
  const shots = readdirSync(out)
    .filter((f) => f.endsWith('.png'))
    .map(
      (f) =>
        `${createHash('sha256')
          .update(readFileSync(join(out, f)))
          .digest('hex')}  ${dir}/${f}`,
    );
  writeFileSync(list, [...kept, ...shots].join('\n') + '\n');
}

mkdirSync(out, { recursive: true });
for (const old of readdirSync(out).filter((f) => f.endsWith('.png'))) rmSync(join(out, old));
const app = await startApp({ build: !args['no-build'] });
const browser = await launchBrowser([...fakeCameraArgs(), '--use-fake-ui-for-media-stream']);
try {
  const context = await browser.newContext({ viewport: sizes[0], permissions: ['camera'] });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(new URL('#dataset', app.url).href);
  await waitForEngine(page);
  // The one-time "Ready to work offline" notice, read and closed as a person would.
  const offline = ui(page).engine.pwaOfflineReady;
  await offline.waitFor({ timeout: 180_000 }).then(
    () => offline.getByRole('button', { name: 'OK' }).click(),
    () => console.log('no "ready to work offline" notice: the screenshots may show its progress'),
  );

  console.log('sample: import, build a face database, recognise');
  await ui(page).sample.trySample.click();
  await ui(page).recognise.accuracyPanel.waitFor({ timeout: 300_000 });

  console.log('dashboard: measure the sample, strangers kept out of it');
  await evaluateOnDashboard(page, { testPerPerson: 2, maxEnrol: 3, strangers: 2 });
  const { dashboard } = ui(page);
  await dashboard.results.waitFor({ timeout: 300_000 });
  await ui(page).dashboard.suspectsSummary.waitFor({ timeout: 120_000 });

  console.log('camera: a snapshot of the fake camera');
  await openTab(page, 'camera');
  await cameraLive(page);
  await ui(page).camera.snapshot.click();
  await ui(page).camera.snapshotFace.first().waitFor({ timeout: 120_000 });

  console.log('your photos: a small library of the sample people, grouped');
  const family = join(mkdtempSync(join(tmpdir(), 'likeness-shots-')), 'Family photos');
  const made = spawnSync(
    process.execPath,
    [
      join(root, 'scripts/make-library.mjs'),
      family,
      '--people',
      bbt,
      '--strangers',
      'none',
      '--seed',
      '7',
      '--most',
      '3',
      '--least',
      '2',
      '--groups',
      '6',
      '--faceless',
      '2',
      '--sizes',
      '1024x768',
    ],
    { stdio: 'inherit' },
  );
  if (made.status !== 0) throw new Error('make-library failed');
  await importLibrary(page, family);
  rmSync(join(family, '..'), { recursive: true, force: true });

  const bytes = [];
  for (const { tabs, ...size } of sizes) {
    await page.setViewportSize(size);
    for (const tab of tabs) {
      await openTab(page, tab);
      if (tab === 'camera') await cameraLive(page);
      // Compare keeps its photos only while it is open: two photos of one person, chosen again.
      if (tab === 'compare') await compareTwo(page);
      bytes.push(await shot(page, `${tab}-${size.name}`));
    }
  }
  const total = bytes.reduce((a, b) => a + b, 0);
  console.log(`${bytes.length} screenshots, ${Math.round(total / 1024)} KB in all`);
  recordChecksums();
} finally {
  await browser.close();
  await app.close();
}
