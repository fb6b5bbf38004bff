import { readFileSync } from 'node:fs';
import { bbtDir, expect, importFolder, test, waitForEngine } from './fixtures';
import { buildDatabase, ui } from './pages.mjs';

test('an imported face database recognises a loaded dataset, people matched by name', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, bbtDir);

  // Build 8 people × 2 enrolled (1 held out each), export it, delete it, import the file back.
  await buildDatabase(page, { perPerson: '2', testPerPerson: '1', seed: '3' });
  await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
  const download = page.waitForEvent('download');
  await ui(page).database.exportDatabase.click();
  const text = readFileSync(await (await download).path(), 'utf8');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(ui(page).database.databaseRow).toHaveCount(0);
  await ui(page).database.importDatabaseFile.setInputFiles({
    name: 'cast.likeness.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(ui(page).database.transferNotice).toContainText('8 people');
  await page.getByRole('radio').first().check();

  // It has no images of its own: Recognise asks which loaded dataset to test, and tests all of it.
  await page.goto('/#recognise');
  await expect(ui(page).recognise.importedNote).toBeVisible();
  await expect(ui(page).recognise.dataset.locator('option')).toHaveCount(1);
  await expect(ui(page).recognise.dataset).toContainText('bbt (40 images)');
  await ui(page).recognise.run.click();
  await expect(ui(page).job.done).toContainText('Recognised 40 images', { timeout: 300_000 });
  await expect(ui(page).recognise.tested).toHaveText('40');
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    tested: number;
    top1: number;
  };
  // 16 of the 40 built the database, 24 did not: every name must still line up with the dataset's.
  expect(summary.top1).toBeGreaterThanOrEqual(0.85);
  await expect(ui(page).dataset.gridCell.first().locator('[data-verdict]')).toHaveAttribute('data-true', /./);
});
