import { join } from 'node:path';
import { thresholdsOf } from '../src/engine/models';
import { bbtDir, expect, importFolder, test, waitForEngine } from './fixtures';
import { buildDatabase, ui } from './pages.mjs';

/**
 * Two photos of Leonard that lie between the old one-threshold-for-everything (1.05, a face against a
 * person's average) and Compare's own pair threshold: measured 1.067 apart in Node
 * (`DIR=…/bbt tools/model-eval/harness/pinsdev.ts embed arcface-mbf-grey`), the one bbt pair of one
 * person in that gap besides leonard3 / leonard5.
 */
const pair = [join(bbtDir, 'leonard/leonard2.png'), join(bbtDir, 'leonard/leonard5.png')];
const thresholds = thresholdsOf('arcface-mbf-grey');

test('two photos of one person farther apart than the 1:N threshold are never called different people', async ({
  page,
}) => {
  await page.goto('/#compare');
  await waitForEngine(page);
  await ui(page).compare.input.setInputFiles(pair);
  const verdict = ui(page).compare.verdict;
  await expect(verdict).toBeVisible({ timeout: 120_000 });
  const distance = Number(await verdict.getAttribute('data-distance'));
  expect(distance).toBeGreaterThan(thresholds.average);
  expect(distance).toBeLessThan(thresholds.pair);
  await expect(verdict).not.toHaveAttribute('data-verdict', 'different');
  await expect(ui(page).compare.verdictTitle).toHaveText(/^(Same person|Not sure)$/);
  // The bar and its words: the verdict is one of the three bands, in words a person reads.
  await expect(verdict.getByRole('img')).toHaveAttribute('aria-label', /same person up to 1\.\d\d/);
});

test('with a face database chosen, what it names each face shows beside the pair verdict', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, bbtDir, { people: 8 });
  await buildDatabase(page, { perPerson: '3', testPerPerson: '0', seed: '7' });
  await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
  await page.goto('/#compare');
  await ui(page).compare.input.setInputFiles(pair);
  const says = page.getByTestId('compare-database-says');
  await expect(says).toContainText('names both Leonard', { timeout: 120_000 });
  await expect(ui(page).compare.verdict).not.toHaveAttribute('data-verdict', 'different');
});
