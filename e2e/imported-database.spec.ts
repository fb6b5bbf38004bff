import { readFileSync } from 'node:fs';
import { bbtDir, expect, importFolder, test, waitForEngine } from './fixtures';

test('an imported face database recognises a loaded dataset, people matched by name', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, bbtDir);

  // Build 8 people × 2 enrolled (1 held out each), export it, delete it, import the file back.
  await page.goto('/#databases');
  await page.getByTestId('per-person').fill('2');
  await page.getByTestId('test-per-person').fill('1');
  await page.getByTestId('seed').fill('3');
  await page.getByTestId('build-database').click();
  await expect(page.getByTestId('job-done')).toBeVisible({ timeout: 300_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-database').click();
  const text = readFileSync(await (await download).path(), 'utf8');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('database-row')).toHaveCount(0);
  await page.getByTestId('import-database-file').setInputFiles({
    name: 'cast.likeness.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId('transfer-notice')).toContainText('8 people');
  await page.getByRole('radio').first().check();

  // It has no images of its own: Recognise asks which loaded dataset to test, and tests all of it.
  await page.goto('/#recognise');
  await expect(page.getByTestId('rec-imported-note')).toBeVisible();
  await expect(page.getByTestId('rec-dataset').locator('option')).toHaveCount(1);
  await expect(page.getByTestId('rec-dataset')).toContainText('bbt (40 images)');
  await page.getByTestId('run-recognition').click();
  await expect(page.getByTestId('job-done')).toContainText('Recognised 40 images', { timeout: 300_000 });
  await expect(page.getByTestId('tested')).toHaveText('40');
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    tested: number;
    top1: number;
  };
  // 16 of the 40 built the database, 24 did not: every name must still line up with the dataset's.
  expect(summary.top1).toBeGreaterThanOrEqual(0.85);
  await expect(page.getByTestId('grid-cell').first()).toContainText('True:');
});
