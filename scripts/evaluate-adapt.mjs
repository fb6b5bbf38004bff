// `npm run evaluate -- … --adapt`: "Adapt to your people" on the Dashboard, read back from the page.
import { round, waitForJob } from './harness.mjs';

/**
 * Runs the Dashboard evaluation unless one is already shown (the --strangers block runs it), then
 * clicks "Adapt to your people" and reads the before/after table. The projection is fitted on the
 * enrolled images only; `trainedOn.testImages` is 0 by construction and reported as such.
 */
export async function evaluateAdapt(page, { datasetName, testPerPerson, maxEnrol, seed }) {
  if (!(await page.getByTestId('dash-results').isVisible())) {
    await page.goto(new URL('#dashboard', page.url()).href);
    await page.getByTestId('dash-dataset').selectOption({ label: datasetName });
    await page.getByTestId('dash-test-per-person').fill(String(testPerPerson));
    await page.getByTestId('dash-max-enrol').fill(String(maxEnrol));
    await page.getByTestId('dash-seed').fill(String(seed));
    await page.getByTestId('dash-strangers').selectOption('none');
    await page.getByTestId('dash-evaluate').click();
    await waitForJob(page, 6 * 3_600_000);
  }
  const t0 = performance.now();
  await page.getByTestId('adapt-run').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="table-adapt"]') !== null ||
      document.querySelector('[data-testid="adapt-error"]') !== null,
    undefined,
    { timeout: 3_600_000, polling: 250 },
  );
  const error = await page
    .getByTestId('adapt-error')
    .textContent({ timeout: 1 })
    .catch(() => null);
  if (error) throw new Error(`Adapting failed: ${error}`);
  const seconds = (performance.now() - t0) / 1000;
  const a = JSON.parse(await page.getByTestId('table-adapt').getAttribute('data-adapt'));
  const side = (s) => ({ top1: round(s.top1, 4), ci: s.ci.map((x) => round(x, 4)) });
  return {
    method: a.method,
    trainedOn: a.trainedOn,
    before: side(a.before),
    after: side(a.after),
    gained: a.gained,
    lost: a.lost,
    seconds: round(seconds, 1),
  };
}
