import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeGroup as compose, scoreGroup as score, type PastedFace as Pasted } from './group-photo.mjs';
import { bbtDir, expect, importFolder, test, waitForEngine } from './fixtures';

// Seven bbt people are enrolled from photos 1–4; Stuart is not. Group photos are composed now from
// everyone's photo 5 (never enrolled): four 300 px faces side by side in 1,280 × 320 (the photo the
// short-range detector alone found no face in), and eight 120 px faces in 1,280 × 720 noise.
const enrolled = ['amy', 'bernadette', 'howard', 'leonard', 'penny', 'raj', 'sheldon'];
/** The name each face should be given: Stuart, not enrolled, none ("No match"). */
const names: Record<string, string> = Object.fromEntries([
  ...enrolled.map((p) => [p, p[0]!.toUpperCase() + p.slice(1)]),
  ['stuart', ''],
]);
const face = (p: string, n = 5) => ({ file: join(bbtDir, p, `${p}${n}.png`), label: names[p]! });

let root: string;
let enrolDir: string;
const groups: { file: string; size: [number, number]; boxes: Pasted[] }[] = [];
let planted: Pasted[];

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'likeness-group-'));
  enrolDir = join(root, 'bbt-group');
  for (const p of enrolled) {
    mkdirSync(join(enrolDir, p), { recursive: true });
    for (let n = 1; n <= 4; n++)
      copyFileSync(join(bbtDir, p, `${p}${n}.png`), join(enrolDir, p, `${p}${n}.png`));
  }
  // An enrolment photo of Penny with Stuart beside her, smaller: flagged, and Penny's face is the one used.
  const withStuart = compose({
    faces: [face('penny', 1), { ...face('stuart', 1), size: 80 }],
    size: 150,
    width: 400,
    height: 200,
  });
  planted = withStuart.boxes;
  writeFileSync(join(enrolDir, 'penny', 'penny-and-stuart.png'), withStuart.png);

  const four = compose({
    faces: ['leonard', 'penny', 'stuart', 'sheldon'].map((p) => face(p)),
    size: 300,
    width: 1280,
    height: 320,
  });
  const eight = compose({
    faces: [...enrolled, 'stuart'].map((p) => face(p)),
    size: 120,
    width: 1280,
    height: 720,
    background: 'noise',
    seed: 7,
  });
  for (const [name, g, size] of [
    ['four-300px.png', four, [1280, 320]],
    ['eight-120px.png', eight, [1280, 720]],
  ] as const) {
    const file = join(root, name);
    writeFileSync(file, g.png);
    groups.push({ file, size: [...size], boxes: g.boxes });
  }
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a group photo: every face is found, and named when that person is enrolled; a several-face enrolment photo shows the face used', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, enrolDir, { people: 7, timeout: 120_000 });

  await page.goto('/#databases');
  await page.getByTestId('per-person').fill('5');
  await page.getByTestId('test-per-person').fill('0');
  await page.getByTestId('build-database').click();
  const several = page.getByTestId('several-faces');
  await expect(several).toBeVisible({ timeout: 240_000 });
  await several.locator('summary').click();
  const item = several.locator('li');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('penny/penny-and-stuart.png — 2 faces');
  // The box drawn on the thumbnail is Penny's (the larger face, on the left), not Stuart's.
  const box = item.getByTestId('used-face-box');
  await expect(box).toBeVisible();
  const left = parseFloat((await box.getAttribute('style'))!.match(/left: ([\d.]+)%/)![1]!) / 100;
  const width = parseFloat((await box.getAttribute('style'))!.match(/width: ([\d.]+)%/)![1]!) / 100;
  const centre = (left + width / 2) * 400;
  const penny = planted.find((b) => b.label === 'Penny')!;
  expect(centre).toBeGreaterThan(penny.x);
  expect(centre).toBeLessThan(penny.x + penny.width);

  await page.goto('/#compare');
  const database = page.getByTestId('compare-database');
  await database.selectOption({ index: 1 });
  await page.getByTestId('compare-input').setInputFiles(groups.map((g) => g.file));
  const crops = page.getByTestId('compare-crops');
  await expect(crops).toHaveAttribute('data-photos', 'four-300px.png|eight-120px.png', { timeout: 180_000 });
  const faces = await page.getByTestId('compare-face').evaluateAll((figures) =>
    figures.map((f) => {
      const [x, y, width, height] = (f.getAttribute('data-box') ?? '').split(',').map(Number);
      const [imageWidth, imageHeight] = (f.getAttribute('data-image-size') ?? '').split(',').map(Number);
      return {
        photo: (f.querySelector('figcaption')?.textContent ?? '').split(' · ')[0]!,
        x: x!,
        y: y!,
        width: width!,
        height: height!,
        imageWidth: imageWidth!,
        imageHeight: imageHeight!,
        person: f.getAttribute('data-identity') ?? '',
      };
    }),
  );
  for (const group of groups) {
    const name = group.file.split('/').pop()!;
    const found = faces.filter((f) => f.photo === name);
    const result = score(group.boxes, found, group.size);
    // Every face, and nothing else; each enrolled person named, Stuart (not enrolled) "No match".
    expect(result, name).toEqual({
      faces: group.boxes.length,
      found: group.boxes.length,
      named: group.boxes.length,
      extra: 0,
    });
  }
  // Each group photo is shown with a labelled box per face.
  await expect(page.getByTestId('compare-photo')).toHaveCount(2);
  await expect(page.getByTestId('compare-photo').nth(0).getByTestId('snapshot-face-label')).toHaveCount(4);
  await expect(page.getByTestId('compare-name').filter({ hasText: 'Penny' }).first()).toBeVisible();
});
