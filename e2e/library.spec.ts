import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { matchTruth } from './library-truth.mjs';
import { composeGroup } from './group-photo.mjs';
import { bbtDir, expect, test, waitForEngine } from './fixtures';
import { importLibrary, openTab, ui } from './pages.mjs';

let root: string;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'likeness-library-'));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One bbt photo pasted on a 640 × 480 grey picture, as a JPEG at `path` below `dir`. */
async function photo(dir: string, path: string, person: string, n: number) {
  const { png } = composeGroup({
    faces: [{ file: join(bbtDir, person, `${person}${n}.png`), label: person }],
    size: 260,
    width: 640,
    height: 480,
    seed: n,
  });
  mkdirSync(join(dir, path, '..'), { recursive: true });
  await sharp(png).jpeg({ quality: 90 }).toFile(join(dir, path));
}

test('imports a folder of unsorted photos: every face found, upright, and grouped by person', async ({
  page,
}) => {
  test.setTimeout(900_000);
  // A family-style folder made now from bbt (MIT): date folders, single and group photos, phone photos
  // stored turned with EXIF orientation 6, faceless photos, broken and odd files.
  const dir = join(root, 'family');
  execFileSync(process.execPath, [
    resolve(import.meta.dirname, '../scripts/make-library.mjs'),
    dir,
    ...['--seed', '3', '--people', bbtDir, '--strangers', 'none', '--most', '3', '--least', '2'],
    ...['--groups', '3', '--faceless', '2', '--sizes', '640x480'],
  ]);
  const truth = JSON.parse(readFileSync(`${dir}.truth.json`, 'utf8')).photos;
  await page.goto('/#library');
  await waitForEngine(page);
  await importLibrary(page, dir, { timeout: 840_000 });

  const report = (await page.evaluate(() => window.likeness!.libraryReport()))!;
  expect(report.photos).toBe(Object.keys(truth).length);
  const matched = matchTruth(report.faces, truth);
  expect(matched.found / matched.faces).toBeGreaterThanOrEqual(0.95);
  // Faces of phone photos are found where the upright photo has them.
  const phone = Object.entries(truth).filter(([, p]) => (p as { orientation?: number }).orientation === 6);
  expect(phone.length).toBeGreaterThan(0);
  for (const [file] of phone)
    expect(report.faces.filter((f, i) => f.file === file && matched.person[i]).length).toBe(
      (truth[file] as { faces: unknown[] }).faces.length,
    );
  // No group holds two people.
  const people = new Map<string, Set<string>>();
  report.faces.forEach((f, i) => {
    if (f.group && matched.person[i])
      people.set(f.group, new Set([...(people.get(f.group) ?? []), matched.person[i]!]));
  });
  expect([...people.values()].filter((p) => p.size > 1)).toEqual([]);
  expect(people.size).toBeGreaterThanOrEqual(6);

  // The groups are shown largest first, each face a crop of its photo.
  const groups = ui(page).library.group;
  await expect(groups.first()).toBeVisible();
  const sizes = await groups.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-faces'))));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  const image = groups.first().locator('img').first();
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('a second import puts a named person’s new photos with that person', async ({ page }) => {
  test.setTimeout(900_000);
  const first = join(root, 'first');
  const later = join(root, 'later');
  for (const person of ['amy', 'howard', 'leonard', 'penny', 'sheldon'])
    for (const n of [1, 2, 3]) await photo(first, `2019/0${n}/${person}-${n}.jpg`, person, n);
  for (const [person, n] of [
    ['amy', 4],
    ['amy', 5],
    ['raj', 1],
  ] as const)
    await photo(later, `2020/07/${person}-${n}.jpg`, person, n);

  await page.goto('/#library');
  await waitForEngine(page);
  await importLibrary(page, first, { timeout: 600_000 });
  const amy = ui(page).library.group.filter({ has: page.locator('li[data-face*="/amy-1.jpg#"]') });
  await expect(amy).toHaveCount(1);
  await amy.getByTestId('face-group-name').fill('Amy');
  await amy.getByTestId('face-group-save').click();
  const named = ui(page).library.group.filter({ has: page.getByRole('heading', { name: /^Amy\b/ }) });
  await expect(named.getByTestId('face-group-count')).toHaveText('3 photos');

  // The name is kept across a reload.
  await page.reload();
  await expect(named.getByTestId('face-group-count')).toHaveText('3 photos');

  await importLibrary(page, later, { add: true, timeout: 600_000 });
  await openTab(page, 'library');
  await expect(named.getByTestId('face-group-count')).toHaveText('5 photos');
  await expect(named.locator('li[data-face*="/amy-5.jpg#"]')).toHaveCount(1);
  await expect(named.locator('li[data-face*="/raj-1.jpg#"]')).toHaveCount(0);
  const report = (await page.evaluate(() => window.likeness!.libraryReport()))!;
  const groupOf = (name: string) => report.faces.find((f) => f.file.endsWith(name))?.group;
  expect(groupOf('amy-4.jpg')).toBe(groupOf('amy-1.jpg'));
  expect(groupOf('amy-5.jpg')).toBe(groupOf('amy-1.jpg'));
});
