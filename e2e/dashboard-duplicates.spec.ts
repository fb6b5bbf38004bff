import { expect, importFolder, plantedBbt, test, waitForEngine } from './fixtures';
import { evaluateOnDashboard, ui } from './pages.mjs';

// bbt with two planted duplicates: Amy's first photo filed again under Raj (a wrong label, across
// people) and Penny's second photo stored twice in her own folder (within a person).
let folder: ReturnType<typeof plantedBbt>;
test.beforeAll(() => {
  folder = plantedBbt('bbt-dups', [
    ['amy/amy1.png', 'raj/raj-copy-of-amy1.png'],
    ['penny/penny2.png', 'penny/penny2-copy.png'],
  ]);
});
test.afterAll(() => folder.remove());

test('dashboard lists planted near-duplicates within and across people, the mislabelled copy as a suspect, and per-person charts', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, folder.dir, { people: 8, timeout: 300_000 });

  // 2 held out, up to 4 enrolled: with 5 or 6 images each, every image is embedded and checked.
  await evaluateOnDashboard(page, { dataset: 'bbt-dups', testPerPerson: '2', maxEnrol: '4', seed: '42' });
  await expect(ui(page).dashboard.results).toBeVisible({ timeout: 400_000 });

  // Per person: one bar per person, an 8 × 8 heatmap.
  const bars = ui(page).dashboard.chartPerPerson;
  await expect(bars).toHaveAttribute('data-drawn', 'true');
  await expect(bars).toHaveAttribute('data-points', '8');
  await expect(bars.locator('.bars .point')).toHaveCount(8);
  const heatmap = ui(page).dashboard.chartConfusion;
  await expect(heatmap).toHaveAttribute('data-drawn', 'true');
  const z = await heatmap.evaluate((el) => (el as unknown as { data: { z: number[][] }[] }).data[0]!.z);
  expect(z).toHaveLength(8);
  for (const row of z) expect(row).toHaveLength(8);

  // Duplicates: exactly the two planted pairs, at distance ≈ 0, with their kind.
  await expect(ui(page).dashboard.duplicatesSummary).toBeVisible({ timeout: 120_000 });
  const rows = ui(page).dashboard.duplicateRow;
  const pairs = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      kind: tr.getAttribute('data-kind'),
      files: [tr.getAttribute('data-a')!, tr.getAttribute('data-b')!].map((f) => f.split('/').pop()).sort(),
      distance: Number(tr.getAttribute('data-distance')),
    })),
  );
  expect(pairs.map(({ kind, files }) => ({ kind, files }))).toEqual(
    expect.arrayContaining([
      { kind: 'across', files: ['amy1.png', 'raj-copy-of-amy1.png'] },
      { kind: 'within', files: ['penny2-copy.png', 'penny2.png'] },
    ]),
  );
  expect(pairs).toHaveLength(2);
  for (const p of pairs) expect(p.distance).toBeLessThan(0.01);
  // Each pair shows both thumbnails, read back from IndexedDB.
  await expect(rows.first().locator('img')).toHaveCount(2);

  // Suspects: ranked rows with thumbnails; Amy's photo in Raj's folder is nearer to Amy's average.
  const suspects = ui(page).dashboard.suspectRow;
  await expect(suspects.first()).toBeVisible();
  const ranks = await suspects.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-rank'))));
  expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  const planted = suspects
    .filter({ hasText: 'raj' })
    .filter({ has: page.locator('[data-image-id$="raj-copy-of-amy1.png"]') });
  await expect(planted).toHaveCount(1);
  await expect(planted).toContainText('nearer to someone else');
  await expect(planted).toContainText('Amy');
  await expect(planted.locator('img')).toHaveCount(1);

  // Every new table downloads as CSV.
  for (const id of ['csv-per-person', 'csv-confusion', 'csv-suspects', 'csv-duplicates']) {
    const download = page.waitForEvent('download');
    await page.getByTestId(id).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  }
  const png = page.waitForEvent('download');
  await ui(page).dashboard.chartConfusionPng.click();
  expect((await png).suggestedFilename()).toMatch(/confusion\.png$/);
});
