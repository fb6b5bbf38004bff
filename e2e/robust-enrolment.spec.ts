import { expect, importFolder, plantedBbt, test, waitForEngine } from './fixtures';
import { buildDatabase, ui } from './pages.mjs';

// bbt with one wrong label: Sheldon's first photo filed under Amy, who then has six photos.
let folder: ReturnType<typeof plantedBbt>;
test.beforeAll(() => {
  folder = plantedBbt('bbt-mislabelled', [['sheldon/sheldon1.png', 'amy/not-amy.png']]);
});
test.afterAll(() => folder.remove());

test('a mislabelled enrolment image is left out of the average and shown with its reason; the threshold says what it means', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, folder.dir, { people: 8, timeout: 120_000 });

  await buildDatabase(page, { perPerson: '6', testPerPerson: '0' });
  const leftOut = ui(page).database.leftOut;
  await expect(leftOut).toBeVisible({ timeout: 200_000 });
  await leftOut.locator('summary').click();
  const items = leftOut.locator('li');
  // Exactly the planted image, as an outlier of Amy's photos; nobody else loses one.
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-reason', 'outlier');
  await expect(items.first()).toContainText('amy/not-amy.png');
  await expect(items.first()).toContainText('far from the person’s other photos');

  // The stored database keeps the exclusion, so a reload shows it again.
  await page.reload();
  await expect(ui(page).database.leftOut).toBeVisible({ timeout: 60_000 });

  // The calibrated threshold is explained in words, and moving it offers the calibrated value back.
  await page.goto('/#recognise');
  const meaning = ui(page).recognise.thresholdMeaning;
  await expect(meaning).toContainText('1 in 100 strangers is given a name');
  await ui(page).recognise.threshold.fill('0.8');
  await expect(meaning).toContainText('calibrated threshold is 1.05');
  await meaning.getByRole('button', { name: 'Use 1.05' }).click();
  await expect(ui(page).recognise.thresholdValue).toHaveText('1.05');
});
