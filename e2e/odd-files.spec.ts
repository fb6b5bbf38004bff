import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bbtDir, expect, importFolder, readStore, test, waitForEngine } from './fixtures';
import { uprightPenny, writeManyCopies, writeOddDataset, writeOddKinds, type OddKind } from './odd-files';

let tmp = '';
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'likeness-odd-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const people = ['amy', 'bernadette', 'howard', 'leonard', 'penny', 'raj', 'sheldon', 'stuart'];

/** Each odd kind that holds one person's face, with whose. */
const owners: [OddKind, string][] = [
  ['penny2-exif6.jpg', 'penny'],
  ['penny2-exif3.jpg', 'penny'],
  ['sheldon2-cmyk.jpg', 'sheldon'],
  ['howard2-grey.jpg', 'howard'],
  ['raj2-progressive.jpg', 'raj'],
  ['amy2-png.jpg', 'amy'],
  ['leonard2-50mp.jpg', 'leonard'],
  ['bernadette2-large.png', 'bernadette'],
  ['howard3-large-exif6.webp', 'howard'],
];

interface Cell {
  text: string;
  verdict: string;
}

test('odd files in Compare: each face is the right person, EXIF orientation followed, no face said so', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const kinds = await writeOddKinds(join(tmp, 'kinds'));
  const upright = join(tmp, 'penny2-upright.png');
  await uprightPenny().png().toFile(upright);
  // One reference photo per person (never the photo an odd copy was made from), then the odd files.
  const refs = people.map((p) => join(bbtDir, p, `${p}1.png`));
  const odd: OddKind[] = [...owners.map(([k]) => k), 'stuart2-24px.jpg', 'no-face.jpg'];
  const files = [...refs, upright, ...odd.map((k) => kinds[k])];
  await page.goto('/#compare');
  await waitForEngine(page);
  await page.getByTestId('compare-input').setInputFiles(files);
  const matrix = page.getByTestId('distance-matrix');
  await expect(matrix.locator('tbody tr')).toHaveCount(files.length, { timeout: 240_000 });
  const rows = new Map(
    await matrix.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr): [string, Cell[]] => [
        tr.querySelector('th')!.getAttribute('title')!,
        Array.from(tr.querySelectorAll('td'), (td) => ({
          text: td.textContent ?? '',
          verdict: td.dataset.verdict ?? '',
        })),
      ]),
    ),
  );

  for (const [kind, owner] of owners) {
    const toRefs = rows.get(kind)!.slice(0, people.length);
    const distances = toRefs.map((c) => Number(c.text));
    const nearest = distances.indexOf(Math.min(...distances));
    expect(people[nearest], `${kind}: nearest reference`).toBe(owner);
    expect(toRefs[nearest]!.verdict, `${kind}: within the threshold of ${owner}1.png`).toBe('same');
  }
  // The rotated copies hold the upright photo's pixels once turned: detection and the aligned crop saw
  // the same face (JPEG loss only). A face found or cropped sideways would sit far from it.
  const uprightColumn = people.length;
  for (const kind of ['penny2-exif6.jpg', 'penny2-exif3.jpg'] as const)
    expect(Number(rows.get(kind)![uprightColumn]!.text), `${kind} against the upright copy`).toBeLessThan(
      0.1,
    );

  const caption = (name: string) =>
    page.getByTestId('compare-crops').locator('figcaption').filter({ hasText: name });
  await expect(caption('no-face.jpg')).toContainText('No face was found in this image');
  expect(rows.get('no-face.jpg')!.every((c) => c.text === '—')).toBe(true);
  // A 24 px face in a 320 × 240 picture is found by the full-range detector, and embedded.
  await expect(caption('stuart2-24px.jpg')).not.toContainText('No face was found');
  expect(rows.get('stuart2-24px.jpg')!.some((c) => c.text !== '—')).toBe(true);
  // Each embedded face shows its crop; the one without a face shows none.
  await expect(page.getByTestId('compare-crops').locator('img')).toHaveCount(files.length - 1);
});

/** The grey values of a grid thumbnail as the page draws it, and its size. */
function thumbnailPixels(page: Page, path: string) {
  return page
    .locator(`[data-testid="grid-cell"][data-image-id$="${path}"] img`)
    .evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      return {
        width: canvas.width,
        height: canvas.height,
        grey: Array.from(rgba.filter((_, i) => i % 4 === 0)),
      };
    });
}

const meanAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

test('the odd folder imports: counts, skipped reasons, names as text, thumbnails upright, sizes as shown', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const odd = await writeOddDataset(join(tmp, 'dataset'));
  await page.goto('/#dataset');
  await importFolder(page, odd.dir, { timeout: 240_000 });
  await expect(page.getByTestId('people-count')).toHaveText(String(odd.people));
  await expect(page.getByTestId('image-count')).toHaveText(String(odd.images));

  const rows = page.getByTestId('skipped-report').getByTestId('skipped-row');
  const row = (path: string) => rows.filter({ has: page.locator('td', { hasText: path }) });
  await expect(row('odd/raj/truncated.jpg')).toHaveAttribute('data-reason', 'undecodable');
  await expect(row('odd/raj/truncated.jpg')).toContainText('undecodable (corrupt or unsupported image)');
  await expect(row('odd/raj/page.jpg')).toHaveAttribute('data-reason', 'undecodable');
  await expect(row('odd/raj/empty.jpg')).toContainText('empty file (0 bytes)');
  await expect(rows).toHaveCount(3);

  // RTL, CJK and emoji folder names are people, shown as the text they are.
  const options = page.getByTestId('identity-filter').locator('option');
  for (const name of ['ليونارد', '謝耳朵 シェルドン', '🚀 Howard 🚀'])
    await expect(options.filter({ hasText: name }), name).toHaveCount(1);
  await expect(page.getByTestId('identity-chart').getByText('謝耳朵 シェルドン')).toBeVisible();

  // Stored sizes are the photos' as shown: the quarter-turned copy is portrait, the 50 MP one whole.
  const images = await readStore<{ path: string; width: number; height: number }[]>(page, 'images');
  const size = (path: string) => images.find((i) => i.path === path)!;
  expect(size('odd/penny/penny2-exif6.jpg')).toMatchObject({ width: 150, height: 190 });
  expect(size('odd/penny/penny2-exif3.jpg')).toMatchObject({ width: 150, height: 190 });
  expect(size('odd/leonard/leonard2-50mp.jpg')).toMatchObject({ width: 8660, height: 5773 });
  expect(size('odd/bernadette/bernadette2-large.png')).toMatchObject({ width: 4000, height: 2667 });

  // Thumbnails as drawn in the grid: the rotated copies match the upright photo, pixel for pixel
  // within JPEG loss, and not its quarter or half turn.
  await page.getByTestId('identity-filter').selectOption({ label: 'Penny (2)' });
  for (const path of ['odd/penny/penny2-exif6.jpg', 'odd/penny/penny2-exif3.jpg']) {
    const thumb = await thumbnailPixels(page, path);
    expect([thumb.width, thumb.height], path).toEqual([101, 128]);
    // The upright photo turned, at the thumbnail's size (sharp rotates before it resizes).
    const reference = async (turn: number) =>
      sharp(await uprightPenny().png().toBuffer())
        .rotate(turn)
        .resize(thumb.width, thumb.height, { fit: 'fill' })
        .greyscale()
        .raw()
        .toBuffer();
    const upright = meanAbsDiff(thumb.grey, await reference(0));
    const upsideDown = meanAbsDiff(thumb.grey, await reference(180));
    expect(upright, `${path}: against the upright photo`).toBeLessThan(8);
    expect(upsideDown, `${path}: against it upside down`).toBeGreaterThan(3 * upright);
  }
  await page.getByTestId('identity-filter').selectOption({ label: 'Leonard (1)' });
  // The 50 MP photo is stored portrait and shown landscape: its thumbnail is landscape and upright.
  const leonard = await thumbnailPixels(page, 'odd/leonard/leonard2-50mp.jpg');
  expect([leonard.width, leonard.height]).toEqual([128, 85]);
  const scale = 128 / 8660;
  const face = await sharp(join(bbtDir, 'leonard/leonard2.png'))
    .resize(Math.round(3000 * scale), Math.round(3000 * scale))
    .toBuffer();
  const shown = sharp({
    create: { width: 128, height: 85, channels: 3, background: { r: 128, g: 128, b: 128 } },
  })
    .composite([{ input: face, left: Math.round(2830 * scale), top: Math.round(1386 * scale) }])
    .png();
  const asShown = await sharp(await shown.toBuffer())
    .greyscale()
    .raw()
    .toBuffer();
  const turned = await sharp(await shown.toBuffer())
    .rotate(180)
    .greyscale()
    .raw()
    .toBuffer();
  const upright = meanAbsDiff(leonard.grey, asShown);
  expect(upright).toBeLessThan(8);
  expect(meanAbsDiff(leonard.grey, turned)).toBeGreaterThan(2 * upright);

  // The large PNG, box-averaged row by row to its thumbnail: the picture sharp makes at that size.
  await page.getByTestId('identity-filter').selectOption({ label: 'Bernadette (1)' });
  const bernadette = await thumbnailPixels(page, 'odd/bernadette/bernadette2-large.png');
  expect([bernadette.width, bernadette.height]).toEqual([128, 85]);
  const png = await sharp(odd.kinds['bernadette2-large.png'])
    .resize(128, 85, { fit: 'fill' })
    .extractChannel(0) // thumbnailPixels reads the red channel
    .raw()
    .toBuffer();
  expect(meanAbsDiff(bernadette.grey, png)).toBeLessThan(8);

  // The large WebP, scaled by libwebp as it decodes, and shown as this browser shows the file itself:
  // turned only if the browser applies a WebP's EXIF orientation (Chromium does not).
  const webpPath = 'odd/howard/howard3-large-exif6.webp';
  const browserSize = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/webp' }));
    return [bitmap.width, bitmap.height];
  }, readFileSync(odd.kinds['howard3-large-exif6.webp']).toString('base64'));
  const turnedByBrowser = browserSize[1]! > browserSize[0]!;
  expect(size(webpPath)).toMatchObject(
    turnedByBrowser ? { width: 2667, height: 4000 } : { width: 4000, height: 2667 },
  );
  await page.getByTestId('identity-filter').selectOption({ label: 'Howard (2)' });
  const howard = await thumbnailPixels(page, webpPath);
  expect([howard.width, howard.height]).toEqual(turnedByBrowser ? [85, 128] : [128, 85]);
  const webp = sharp(odd.kinds['howard3-large-exif6.webp']);
  const webpShown = await (turnedByBrowser ? webp.rotate() : webp)
    .resize(howard.width, howard.height, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  expect(meanAbsDiff(howard.grey, webpShown)).toBeLessThan(8);
});

test('10,000 files in one folder: the import finishes with every one counted', async ({ page }) => {
  test.setTimeout(600_000);
  const made = performance.now();
  const dir = await writeManyCopies(join(tmp, 'bulk'), 10_000);
  console.log(`10,000 copies written in ${((performance.now() - made) / 1000).toFixed(1)} s`);
  await page.goto('/#dataset');
  const started = performance.now();
  await importFolder(page, dir, { people: 1, timeout: 540_000 });
  console.log(
    `10,000-file import: ${((performance.now() - started) / 1000).toFixed(1)} s, ${await page
      .getByTestId('import-rate')
      .textContent()} images/s`,
  );
  await expect(page.getByTestId('image-count')).toHaveText('10000');
  await expect(page.getByTestId('import-status')).toContainText('Imported 10,000 images');
  expect(await readStore<number>(page, 'images', 'count')).toBe(10_000);
  await expect(
    page.getByTestId('identity-filter').locator('option', { hasText: 'Crowd (10000)' }),
  ).toHaveCount(1);
});
