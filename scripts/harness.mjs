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
 * `outDir` (default dist) lets a run build and serve its own copy beside another run's.
 * @param {{ build?: boolean; outDir?: string }} [options]
 */
export async function startApp({ build = true, outDir = 'dist' } = {}) {
  const out = resolve(root, outDir);
  if (build || !existsSync(resolve(out, 'index.html'))) {
    execSync(`npx vite build --logLevel error --outDir ${JSON.stringify(out)} --emptyOutDir`, {
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
  const peaks = { rendererRssMB: 0 };
  /** @type {Series} */
  const series = [];
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
      if (process.platform === 'linux') peaks.rendererRssMB = Math.max(peaks.rendererRssMB, rendererRss());
    } catch {
      // the page is navigating
    }
  };
  const timer = setInterval(() => void sample(), intervalMs);
  return {
    /** The page's peak JS heap between two Date.now() times. */
    /** @param {number} from @param {number} to */
    peakBetween: (from, to) => round(peakIn(series, from, to)),
    async stop() {
      clearInterval(timer);
      await sample();
      return {
        peakJsHeapMB: round(peakIn(series, -Infinity, Infinity)),
        peakRendererRssMB: round(peaks.rendererRssMB),
      };
    },
  };
}

/** @param {number} x */
export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** @typedef {[number, number][]} Series [Date.now(), MB] samples */

/**
 * The largest MB among [Date.now(), MB] samples taken between two times; 0 when there are none.
 * @param {Series} series
 * @param {number} from
 * @param {number} to
 */
const peakIn = (series, from, to) =>
  series.reduce((most, [t, mb]) => (t >= from && t <= to && mb > most ? mb : most), 0);

/** @param {Page} page */
export async function waitForEngine(page, timeout = 180_000) {
  await page.waitForFunction(() => window.likeness?.snapshot().engine !== null, undefined, { timeout });
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
 * @param {{ build?: boolean; outDir?: string; model?: string; crop?: string }} [options]
 */
export async function openApp({ build = true, outDir, model, crop } = {}) {
  const app = await startApp({ build, outDir });
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

/**
 * Samples the used JS heap of every dedicated worker (the engine's models run there, out of reach of the
 * page's metrics) through a browser-level CDP session, keeping each worker's samples over time.
 * `workers()` lists the worker targets seen so far.
 * @param {Browser} browser
 */
export async function workerHeapSampler(browser, intervalMs = 250) {
  const cdp = await browser.newBrowserCDPSession();
  const targets = new Map(); // targetId → { sessionId, url, series: [Date.now(), MB][] }
  const pending = new Map();
  let nextId = 0;
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  cdp.on('Target.detachedFromTarget', ({ targetId }) => {
    const t = targets.get(targetId);
    if (t) t.gone = true;
  });
  /**
   * One CDP call on a worker's session; null when it fails or times out.
   * @param {string} sessionId
   * @param {string} method
   * @returns {Promise<any>}
   */
  const call = (sessionId, method, timeoutMs = 5_000) =>
    new Promise((done) => {
      const id = ++nextId;
      pending.set(id, done);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => {
          pending.delete(id);
          done(null);
        });
      setTimeout(() => {
        if (pending.delete(id)) done(null);
      }, timeoutMs);
    });
  const refresh = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const t of targetInfos) {
      if (t.type !== 'worker' || targets.has(t.targetId)) continue;
      targets.set(t.targetId, { sessionId: null, url: t.url, series: [] });
      try {
        const { sessionId } = await cdp.send('Target.attachToTarget', {
          targetId: t.targetId,
          flatten: false,
        });
        targets.get(t.targetId).sessionId = sessionId;
      } catch {
        // it ended before we attached
      }
    }
  };
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      await refresh();
      await Promise.all(
        [...targets.values()]
          .filter((t) => t.sessionId && !t.gone)
          .map(async (t) => {
            const reply = await call(t.sessionId, 'Runtime.getHeapUsage');
            if (!reply?.result) return;
            t.series.push([Date.now(), reply.result.usedSize / 2 ** 20]);
          }),
      );
    } catch {
      // the browser is closing
    } finally {
      busy = false;
    }
  };
  /** @param {string[]} ids @param {number} from @param {number} to */
  const peakSumBetween = (ids, from, to) =>
    round(
      ids.reduce((/** @type {number} */ sum, id) => sum + peakIn(targets.get(id)?.series ?? [], from, to), 0),
    );
  const timer = setInterval(() => void sample(), intervalMs);
  await sample();
  return {
    sample,
    workers: () => [...targets.entries()].map(([id, t]) => ({ id, url: t.url })),
    /**
     * The sum of these workers' peaks (between two Date.now() times, or since they started): an upper
     * bound on what a pool of workers held at once; by quarter of a run, whether it stays flat.
     */
    peakSumBetween,
    /** @param {string[]} ids */
    peakSumOf: (ids) => peakSumBetween(ids, -Infinity, Infinity),
    /**
     * The heaps of these workers summed, each after a full garbage collection: what is really retained.
     * @param {string[]} ids
     */
    async retainedOf(ids) {
      let most = 0;
      for (const id of ids) {
        const t = targets.get(id);
        if (!t?.sessionId || t.gone) continue;
        await call(t.sessionId, 'HeapProfiler.collectGarbage', 30_000);
        const reply = await call(t.sessionId, 'Runtime.getHeapUsage');
        if (reply?.result) most += reply.result.usedSize / 2 ** 20;
      }
      return round(most);
    },
    stop() {
      clearInterval(timer);
      return cdp.detach().catch(() => {});
    },
  };
}
