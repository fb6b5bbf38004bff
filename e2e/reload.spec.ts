import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bbtDir, expect, importFolder, listDataset, test, waitForEngine } from './fixtures';
import { buildDatabase, evaluateOnDashboard, openTab, runRecognition, ui, type Tab } from './pages.mjs';

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

  await evaluateOnDashboard(page, { testPerPerson: 2, maxEnrol: 3, strangers: 2 });
  const { dashboard } = ui(page);
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

/** bbt's 8 people with `perPerson` copies of their own photos each: new images, so every job has work. */
function copiesOfBbt(name: string, perPerson: number): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'likeness-copies-'));
  const byPerson = new Map<string, string[]>();
  for (const photo of listDataset(bbtDir))
    byPerson.set(photo.person, [...(byPerson.get(photo.person) ?? []), photo.path]);
  for (const [person, photos] of byPerson) {
    mkdirSync(join(root, name, person), { recursive: true });
    for (let i = 0; i < perPerson; i++)
      copyFileSync(photos[i % photos.length]!, join(root, name, person, `copy${i}.png`));
  }
  return { dir: join(root, name), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Reloads once the running job has done more than `done` images. */
async function reloadMidJob(page: Page, done: number) {
  await expect
    .poll(
      async () =>
        Number(
          (await ui(page)
            .job.count.textContent({ timeout: 1_000 })
            .catch(() => '0')) ?? 0,
        ),
      {
        timeout: 300_000,
      },
    )
    .toBeGreaterThan(done);
  await page.reload();
}

test('an evaluation and a recognition under way when the page reloads offer Resume, which finishes them', async ({
  page,
}) => {
  test.setTimeout(1_200_000);
  const copies = copiesOfBbt('copies', 30);
  try {
    await page.goto('/#dataset');
    await waitForEngine(page);
    await importFolder(page, copies.dir, { people: 8, timeout: 120_000 });

    const { dashboard } = ui(page);
    await evaluateOnDashboard(page, {
      dataset: 'copies',
      testPerPerson: 5,
      maxEnrol: 10,
      seed: 42,
      strangers: null,
    });
    await reloadMidJob(page, 5);
    await expect(page.getByTestId('resume-evaluation-notice')).toContainText('“copies”', restored);
    // The form shows the interrupted run's settings; nothing else was shown before it.
    await expect(dashboard.testPerPerson).toHaveValue('5');
    await expect(dashboard.maxEnrol).toHaveValue('10');
    await expect(dashboard.results).toHaveCount(0);
    await waitForEngine(page);
    await page.getByTestId('resume-evaluation').click();
    await expect(dashboard.results).toBeVisible({ timeout: 600_000 });
    await expect(dashboard.tableAccuracy.locator('tbody tr').last()).toHaveAttribute('data-size', '10');
    await expect(page.getByTestId('resume-evaluation-notice')).toHaveCount(0);

    await buildDatabase(page, { perPerson: '3', testPerPerson: '0', seed: '7' });
    await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
    await runRecognition(page);
    await reloadMidJob(page, 5);
    await expect(page.getByTestId('resume-recognition-notice')).toBeVisible(restored);
    await waitForEngine(page);
    await page.getByTestId('resume-recognition').click();
    // Every photo not enrolled: 8 × (30 − 3).
    await expect(ui(page).recognise.tested).toHaveText('216', { timeout: 600_000 });
    await expect(page.getByTestId('resume-recognition-notice')).toHaveCount(0);

    // Finished jobs are not offered again, and their results come back.
    await page.reload();
    await expect(ui(page).recognise.tested).toHaveText('216', restored);
    await expect(page.getByTestId('resume-recognition-notice')).toHaveCount(0);
  } finally {
    copies.remove();
  }
});
