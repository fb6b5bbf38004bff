import type { Page } from '@playwright/test';
import { expect, test, waitForEngine } from './fixtures';
import { buildDatabase, openTab, ui, type Tab } from './pages.mjs';

/** Reloads the app on `tab`: the URL alone says where the user was. */
async function reloadOn(page: Page, tab: Tab) {
  await openTab(page, tab);
  await page.reload();
  await expect(page.getByRole('tab', { selected: true })).toHaveId(`tab-${tab}`);
}

/** The chosen face database's radio on the Face databases tab. */
const chosenRadio = (page: Page) => ui(page).database.databaseRow.getByRole('radio', { checked: true });

// Nothing here waits for the engine before looking: what comes back comes from IndexedDB alone.
const restored = { timeout: 15_000 };

test('after the sample, a reload on any tab brings back the dataset, the chosen database and threshold, the results and the evaluation', async ({
  page,
}) => {
  test.setTimeout(900_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await ui(page).sample.trySample.click();
  await expect(ui(page).recognise.accuracyPanel).toBeVisible({ timeout: 300_000 });
  const tested = (await ui(page).recognise.tested.textContent())!;

  // A second database is built and chosen by default; choosing the sample's again must be remembered.
  await openTab(page, 'databases');
  const sampleDatabase = (await chosenRadio(page).getAttribute('aria-label'))!;
  await buildDatabase(page, { perPerson: '2', testPerPerson: '2', seed: '7' });
  await expect(ui(page).database.databaseRow).toHaveCount(2, { timeout: 120_000 });
  await expect(chosenRadio(page)).not.toHaveAttribute('aria-label', sampleDatabase, { timeout: 120_000 });
  await page.getByRole('radio', { name: sampleDatabase, exact: true }).check();

  await openTab(page, 'recognise');
  await ui(page).recognise.threshold.fill('0.9');
  await expect(ui(page).recognise.thresholdValue).toHaveText('0.90');
  // The sample's results show again with its database.
  await expect(ui(page).recognise.tested).toHaveText(tested);
  const top1 = (await ui(page).recognise.top1.textContent())!;
  const noMatch = (await ui(page).recognise.noMatchRate.textContent())!;

  await openTab(page, 'dashboard');
  const { dashboard } = ui(page);
  await dashboard.testPerPerson.fill('2');
  await dashboard.maxEnrol.fill('3');
  await dashboard.strangers.selectOption('held-out');
  await page.getByTestId('dash-held-out').fill('2');
  await dashboard.evaluate.click();
  await expect(dashboard.results).toBeVisible({ timeout: 300_000 });
  const curve = () =>
    dashboard.tableAccuracy
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-top1')));
  const evaluated = { curve: await curve(), auc: await dashboard.rocAuc.getAttribute('data-auc') };
  expect(evaluated.curve.length).toBeGreaterThan(0);

  await reloadOn(page, 'dataset');
  await expect(ui(page).dataset.peopleCount).toHaveText('8', restored);
  await expect(ui(page).dataset.imageCount).toHaveText('40');
  await expect(ui(page).dataset.personChart).toHaveAttribute('data-drawn', 'true');
  await expect(ui(page).dataset.personChart.locator('.ytick text')).toHaveCount(8);

  await reloadOn(page, 'databases');
  await expect(chosenRadio(page)).toHaveAttribute('aria-label', sampleDatabase, restored);
  // Build needs the dataset (known without visiting the Dataset tab) and the engine.
  await waitForEngine(page);
  await expect(ui(page).database.build).toBeEnabled();

  await reloadOn(page, 'recognise');
  await expect(ui(page).recognise.accuracyPanel).toBeVisible(restored);
  await expect(ui(page).recognise.tested).toHaveText(tested);
  await expect(ui(page).recognise.top1).toHaveText(top1);
  await expect(ui(page).recognise.thresholdValue).toHaveText('0.90');
  await expect(ui(page).recognise.noMatchRate).toHaveText(noMatch);
  await expect(page.getByTestId('grid-cell')).toHaveCount(Number(tested));

  await reloadOn(page, 'dashboard');
  await expect(dashboard.results).toBeVisible(restored);
  expect(await curve()).toEqual(evaluated.curve);
  await expect(dashboard.rocAuc).toHaveAttribute('data-auc', evaluated.auc!);
  // The form shows what the results were made with.
  await expect(dashboard.testPerPerson).toHaveValue('2');
  await expect(dashboard.maxEnrol).toHaveValue('3');
  await expect(dashboard.strangers).toHaveValue('held-out');
  for (const chart of await page.locator('[data-drawn]').all())
    await expect(chart).toHaveAttribute('data-drawn', 'true');

  for (const [tab, select] of [
    ['camera', ui(page).camera.database],
    ['compare', page.getByTestId('compare-database')],
  ] as const) {
    await reloadOn(page, tab);
    await expect(select.locator('option:checked')).toHaveText(sampleDatabase.replace(/^Use /, ''), restored);
  }
});
