import { join } from 'node:path';
import { cspHeader, cspMeta, workerCsp } from '../build/csp';
import { chromiumArgs, chromiumPath } from './browser';
import { bbtDir, expect, test, toBase64, waitForEngine } from './fixtures';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

// Chromium's fake camera (a test pattern, no face) for the Camera tab.
test.use({
  permissions: ['camera'],
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

test('every tab runs under the strict Content-Security-Policy without a single violation', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // Init scripts run before the page's own and are not subject to its policy; they only listen.
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: Violation[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
        sample: e.sample,
      });
    });
  });
  // Workers report their own violations to their own global, never to the page: count those as
  // console errors ("Refused to …"), which Chromium logs for every blocked load, worker or page.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);

  const response = await page.goto('/#dataset');
  expect(response?.headers()['content-security-policy']).toBe(cspHeader);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(cspMeta);
  // The WASM binaries get the page's header, the workers' scripts their own (a worker's policy is
  // the one sent with its script), which alone allows the Blob URL pthreads of threaded WASM.
  const wasm = await page.request.get('/wasm/tfjs-backend-wasm-simd.wasm');
  expect(wasm.headers()['content-security-policy']).toBe(cspHeader);
  const workerScripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && /\/worker-[\w-]+\.js$/.test(r.url()))
      workerScripts.push(r.headers()['content-security-policy'] ?? 'none');
  });
  // No inline script anywhere in the built page: the service worker registers from a module.
  expect(await page.locator('script:not([src])').count()).toBe(0);

  await waitForEngine(page);
  await page.getByTestId('try-sample').click();
  await expect(page).toHaveURL(/#recognise$/, { timeout: 300_000 });
  await expect(page.getByTestId('tested')).toHaveText('16', { timeout: 300_000 });
  await expect(page.getByTestId('grid-cell').first()).toBeVisible();

  // Dataset: the plotly bar chart and the thumbnail grid (Blob URLs).
  await page.goto('/#dataset');
  await expect(page.locator('.js-plotly-plot').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('img[src^="blob:"]').first()).toBeVisible({ timeout: 60_000 });

  await page.goto('/#databases');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();

  // Dashboard: an evaluation of the sample, so every chart draws.
  await page.goto('/#dashboard');
  await page.getByTestId('dash-test-per-person').fill('2');
  await page.getByTestId('dash-max-enrol').fill('3');
  await page.getByTestId('dash-evaluate').click();
  await expect(page.getByTestId('dash-results')).toBeVisible({ timeout: 300_000 });
  await expect(page.locator('.js-plotly-plot').first()).toBeVisible({ timeout: 60_000 });
  // Hovering a chart draws plotly's hover label and modebar.
  await page.locator('.js-plotly-plot').first().hover();

  // Camera: Chromium's fake device, a snapshot through the engine.
  await page.goto('/#camera');
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-status', 'live', {
    timeout: 60_000,
  });
  await page.getByTestId('snapshot').click();
  await expect(page.getByTestId('snapshot-result')).toBeVisible({ timeout: 120_000 });

  // Compare: two photos, their aligned crops and the distance.
  await page.goto('/#compare');
  await page
    .getByTestId('compare-input')
    .setInputFiles([join(bbtDir, 'penny/penny1.png'), join(bbtDir, 'penny/penny2.png')]);
  await expect(page.getByTestId('compare-crops').locator('img')).toHaveCount(2, { timeout: 120_000 });

  // The threaded WASM build (one engine worker, two threads: what a cross-origin isolated page gets
  // with a single worker) starts its pthreads from a Blob URL, and embeds a face. Without
  // `worker-src blob:` the pthreads never start and this hangs, so it gets a timeout of its own.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error('The threaded WASM engine did not answer within 120 s')),
      120_000,
    );
  });
  const embedded = page.evaluate(
    async (png) => {
      const engine = window.likeness!.bench.engine();
      try {
        const info = await engine.configure({
          backend: 'wasm',
          modelId: 'arcface-mbf-grey',
          cropMode: 'auto',
          wasmThreads: 2,
          workers: 1,
        });
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const [outcome] = await engine.embed([
          { id: 'penny', blob: new Blob([bytes], { type: 'image/png' }) },
        ]);
        return { threads: info.backend.threads, ok: outcome?.ok ?? false };
      } finally {
        engine.terminate();
      }
    },
    toBase64(join(bbtDir, 'penny/penny1.png')),
  );
  const threaded = await Promise.race([embedded, stalled]).finally(() => clearTimeout(timer));
  expect(threaded).toEqual({ threads: 2, ok: true });

  expect(workerScripts.length).toBeGreaterThan(0);
  expect(new Set(workerScripts)).toEqual(new Set([workerCsp]));
  expect(await violations()).toEqual([]);
  expect(refused).toEqual([]);
});
