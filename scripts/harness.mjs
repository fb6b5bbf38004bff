// @ts-check
// Shared by `npm run evaluate` and `npm run bench`: build and serve the real app, drive it in headless Chromium.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').Browser} Browser */
import { preview } from 'vite';
import { chooseEngine, ui } from '../e2e/pages.mjs';

const root = resolve(import.meta.dirname, '..');

/**
 * Parses `--key value`, `--key=value` and `--flag` arguments against `spec`; the rest are positional.
 * @template {Record<string, 'flag' | 'value'>} S
 * @param {string[]} argv
 * @param {S} spec
 * @returns {{ _: string[] } & { [K in keyof S]?: S[K] extends 'flag' ? true : string }}
 */
export function parseArgs(argv, spec) {
  /** @type {string[]} */
  const positional = [];
  /** @type {Record<string, string | true | undefined>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [key = '', inline] = arg.slice(2).split('=', 2);
    if (!(key in spec)) throw new Error(`Unknown option --${key}`);
    if (spec[key] === 'flag') out[key] = true;
    else out[key] = inline ?? argv[++i];
    if (out[key] === undefined) throw new Error(`--${key} needs a value`);
  }
  return /** @type {any} */ ({ ...out, _: positional });
}

/**
 * `outDir` (default dist) lets a run build and serve its own copy beside another run's. `mode`
 * 'automation' (the default) builds the app with window.likeness, 'bench' adds face-api's reference
 * pipeline (vite.config.ts).
 * @param {{ build?: boolean; outDir?: string; mode?: 'automation' | 'bench' }} [options]
 */
export async function startApp({ build = true, outDir = 'dist', mode = 'automation' } = {}) {
  const out = resolve(root, outDir);
  if (build || !existsSync(resolve(out, 'index.html'))) {
    execSync(`npx vite build --mode ${mode} --logLevel error --outDir ${JSON.stringify(out)} --emptyOutDir`, {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const server = await preview({
    root,
    build: { outDir: out },
    preview: { port: 0, strictPort: false },
    logLevel: 'error',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report a URL');
  return { url, close: () => server.close() };
}

export async function launchBrowser(/** @type {string[]} more flags: a fake camera */ extraArgs = []) {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  return chromium.launch({
    executablePath,
    args: [
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
      ...extraArgs,
    ],
  });
}

/**
 * Samples the page's JS heap (CDP) and the RSS of Chromium's renderer processes, keeping the peaks.
 * @param {Page} page
 */
export async function memorySampler(page, intervalMs = 500) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  /** @type {Series} */
  const series = [];
  /** @type {Series} */
  const rssSeries = [];
  const rendererRss = () => {
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.includes('--type=renderer')) continue;
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (rss) total += Number(rss[1]) / 1024;
      } catch {
        // the process ended between listing and reading
      }
    }
    return total;
  };
  const sample = async () => {
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      series.push([Date.now(), heap / 2 ** 20]);
      if (process.platform === 'linux') rssSeries.push([Date.now(), rendererRss()]);
    } catch {
      // the page is navigating
    }
  };
  // unref: a script that ends without stop() still exits.
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return {
    /** The page's peak JS heap between two Date.now() times. */
    /** @param {number} from @param {number} to */
    peakBetween: (from, to) => round(peakIn(series, from, to)),
    /** Chromium's renderer processes' (the page's and its workers') peak RSS between two times. */
    /** @param {number} from @param {number} to */
    peakRssBetween: (from, to) => round(peakIn(rssSeries, from, to)),
    async stop() {
      clearInterval(timer);
      await sample();
      return {
        peakJsHeapMB: round(peakIn(series, -Infinity, Infinity)),
        peakRendererRssMB: round(peakIn(rssSeries, -Infinity, Infinity)),
      };
    },
  };
}

/**
 * The four quarters of a run from `started` to `ended` (Date.now() times): peaks in each show
 * whether memory stays flat (garbage between collections makes a saw-tooth; a leak, a ramp).
 * @param {number} started @param {number} ended @returns {[number, number][]}
 */
export const quarters = (started, ended) =>
  [0, 1, 2, 3].map((q) => [
    started + ((ended - started) * q) / 4,
    started + ((ended - started) * (q + 1)) / 4,
  ]);

/** @param {number} x */
export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** @typedef {[number, number][]} Series [Date.now(), MB] samples */

/**
 * The largest MB among [Date.now(), MB] samples taken between two times; 0 when there are none.
 * @param {Series} series
 * @param {number} from
 * @param {number} to
 */
export const peakIn = (series, from, to) =>
  series.reduce((most, [t, mb]) => (t >= from && t <= to && mb > most ? mb : most), 0);

/** @param {Page} page */
export async function waitForEngine(page, timeout = 180_000) {
  // window.likeness arrives with a chunk of its own (src/main.tsx): wait for it and for the engine.
  await page.waitForFunction(() => !!window.likeness?.snapshot().engine, undefined, { timeout });
  const engine = await page.evaluate(() => window.likeness.snapshot().engine);
  if (!engine) throw new Error('The engine stopped being ready');
  return engine;
}

/**
 * Picks a model and/or crop mode in Settings, as a user would, and waits until the engine runs it.
 * @param {Page} page
 * @param {{ model?: string; crop?: string }} [choice]
 */
export async function chooseModel(page, { model, crop } = {}) {
  if (!model && !crop) return;
  await chooseEngine(page, { model, crop });
  await page.waitForFunction(
    ([m]) => {
      const e = window.likeness?.snapshot().engine;
      return e && (!m || e.model === m);
    },
    [model],
    { timeout: 180_000 },
  );
}

/**
 * Builds and serves the app, opens it in headless Chromium with page errors logged and memory
 * sampled, and waits for the engine (with the chosen model). `close()` ends browser and server.
 * @param {{ build?: boolean; outDir?: string; mode?: 'automation' | 'bench'; model?: string; crop?: string }} [options]
 */
export async function openApp({ build = true, outDir, mode, model, crop } = {}) {
  const app = await startApp({ build, outDir, mode });
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close();
    await app.close();
  };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const memory = await memorySampler(page);
    await page.goto(app.url);
    await waitForEngine(page);
    await chooseModel(page, { model, crop });
    return { app, browser, page, memory, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Waits for the current job to end; throws with the app's own message on failure.
 * @param {Page} page
 * @param {number} timeout
 */
export async function waitForJob(page, timeout) {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="job-done"], [data-testid="job-error"]') !== null,
    undefined,
    { timeout, polling: 500 },
  );
  const error = await page
    .locator('[data-testid="job-error"]')
    .textContent()
    .catch(() => null);
  if (error) throw new Error(error);
  return page.locator('[data-testid="job-done"]').textContent();
}

/**
 * Loads a dataset folder through the folder picker, as a user would.
 * @param {Page} page
 * @param {string} dir
 */
export async function loadFolder(page, dir, timeout = 3_600_000) {
  await page.goto(new URL('#dataset', page.url()).href);
  await ui(page).dataset.folderInput.setInputFiles(dir);
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-testid="import-status"]');
      return status && ['done', 'error', 'nothing'].includes(status.getAttribute('data-status') ?? '');
    },
    undefined,
    { timeout, polling: 500 },
  );
  const status = ui(page).dataset.importStatus;
  if ((await status.getAttribute('data-status')) !== 'done')
    throw new Error(`Import failed: ${await status.textContent()}`);
  const dataset = await page.evaluate(() => window.likeness.snapshot().dataset);
  if (!dataset) throw new Error('The import finished without a dataset');
  return dataset;
}
