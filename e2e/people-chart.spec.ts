import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { bbtDir, expect, importFolder, listDataset, test, textTopDown } from './fixtures';
import { ui } from './pages.mjs';
import { viewports } from './looks';

let root = '';
test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** `people` folders named `pins_person 0000`…, one bbt photo each, under a folder named `name`. */
function onePhotoEach(name: string, people: number): string {
  root = mkdtempSync(join(tmpdir(), 'likeness-people-'));
  const photos = listDataset(bbtDir);
  const dir = join(root, name);
  for (let p = 0; p < people; p++) {
    const person = join(dir, `pins_person ${String(p).padStart(4, '0')}`);
    mkdirSync(person, { recursive: true });
    copyFileSync(photos[p % photos.length]!.path, join(person, 'face.png'));
  }
  return dir;
}

/** Pairs of the labels' text whose boxes overlap on screen. */
async function overprinted(labels: Locator): Promise<string[]> {
  const boxes = await labels.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
  const clashes: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        clashes.push(`“${a.text}” and “${b.text}”`);
    }),
  );
  return clashes;
}

test('1,000 people with one photo each: 20 named bars and one for the rest, no label overprints, and the search finds a person', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dir = onePhotoEach('thousand', 1000);
  await page.goto('/#dataset');
  await importFolder(page, dir, { people: 1000, timeout: 300_000 });

  const chart = ui(page).dataset.personChart;
  const histogram = ui(page).dataset.photoCountChart;
  await expect(chart).toHaveAttribute('data-drawn', 'true');
  await expect(histogram).toHaveAttribute('data-drawn', 'true');
  const names = chart.locator('.ytick text');
  await expect(names).toHaveCount(21);
  const topDown = await textTopDown(names);
  expect(topDown[0]).toBe('Person 0000');
  expect(topDown.at(-1)).toBe('980 other people');
  await expect(chart.locator('.bartext').last()).toHaveText('1 each');
  await expect(histogram.locator('.bartext')).toHaveText(['1,000', '0', '0', '0', '0']);

  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    // Plotly redraws its responsive charts on the resize event.
    await page.waitForTimeout(500);
    for (const labels of [names, chart.locator('.xtick text'), histogram.locator('.xtick text')])
      expect(await overprinted(labels), `at ${viewport.width} px`).toEqual([]);
  }

  // The charts take the theme's colours when they are drawn, and again when the theme changes.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(names.first()).toHaveCSS('fill', 'rgb(175, 179, 186)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(names.first()).toHaveCSS('fill', 'rgb(96, 100, 108)');

  const search = ui(page).dataset.personSearch;
  await search.fill('person 0421');
  await expect(ui(page).dataset.personSearchCount).toHaveText('1 of 1,000 people');
  await expect(ui(page).dataset.personRow).toHaveCount(1);
  await expect(ui(page).dataset.personRow.locator('td')).toHaveText(['Person 0421', '1']);
  await ui(page).dataset.personRow.getByRole('button', { name: 'Person 0421' }).click();
  await expect(ui(page).dataset.personFilter).toHaveValue('thousand/pins_person 0421');
  await expect(ui(page).dataset.gridCell).toHaveCount(1);
  await search.fill('nobody by that name');
  await expect(ui(page).dataset.personSearchCount).toHaveText('0 of 1,000 people');
});
