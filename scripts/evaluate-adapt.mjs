// @ts-check
// `npm run evaluate -- … --adapt`: "Adapt to your people" on the Dashboard, read back from the page.
import { round, waitForJob } from './harness.mjs';
import { evaluateOnDashboard, ui } from '../e2e/pages.mjs';

/**
 * Runs the Dashboard evaluation unless one is already shown (the --strangers block runs it), then
 * clicks "Adapt to your people" and reads the before/after table. The projection is fitted on the
 * enrolled images only; `trainedOn.testImages` is 0 by construction and reported as such.
 * @param {import('@playwright/test').Page} page
 * @param {{ datasetName: string; testPerPerson: number; maxEnrol: number; seed: number }} form
 */
export async function evaluateAdapt(page, { datasetName, testPerPerson, maxEnrol, seed }) {
  if (!(await ui(page).dashboard.results.isVisible())) {
    await evaluateOnDashboard(page, { dataset: datasetName, testPerPerson, maxEnrol, seed, strangers: null });
    await waitForJob(page, 6 * 3_600_000);
  }
  const t0 = performance.now();
  await ui(page).dashboard.adaptRun.click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="table-adapt"]') !== null ||
      document.querySelector('[data-testid="adapt-error"]') !== null,
    undefined,
    { timeout: 3_600_000, polling: 250 },
  );
  const error = await ui(page)
    .dashboard.adaptError.textContent({ timeout: 1 })
    .catch(() => null);
  if (error) throw new Error(`Adapting failed: ${error}`);
  const seconds = (performance.now() - t0) / 1000;
  const a = JSON.parse((await ui(page).dashboard.tableAdapt.getAttribute('data-adapt')) ?? 'null');
  /** @param {{ top1: number; ci: number[] }} s */
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
