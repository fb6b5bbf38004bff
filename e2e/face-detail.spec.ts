import type { Page } from '@playwright/test';
import { expect, expectDetailCrop, importFolder, plantedBbt, test, waitForEngine } from './fixtures';
import { buildDatabase, runRecognition, ui } from './pages.mjs';

interface Tile {
  imageId: string;
  truePerson: string;
  predicted: string;
  distance: number;
}

/**
 * The true person's rank and distance for one test image, computed in the page straight from
 * IndexedDB (not through the app): the probe's stored views averaged, against every person's
 * average, as the "average" rule ranks them.
 */
function expectedTruth(page: Page, tile: Tile) {
  return page.evaluate(async ({ imageId, truePerson }) => {
    const open = indexedDB.open('likeness');
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const get = <T>(store: string, key: IDBValidKey) =>
      new Promise<T>((ok, fail) => {
        const r = db.transaction(store).objectStore(store).get(key);
        r.onsuccess = () => ok(r.result as T);
        r.onerror = () => fail(r.error);
      });
    const all = await new Promise<{ id: string; status: string }[]>((ok, fail) => {
      const r = db.transaction('galleries').objectStore('galleries').getAll();
      r.onsuccess = () => ok(r.result as { id: string; status: string }[]);
      r.onerror = () => fail(r.error);
    });
    const database = await get<{
      modelKey: string;
      identities: string[];
      centroids: Float32Array;
      dim: number;
    }>('galleries', all.find((g) => g.status === 'ready')!.id);
    const views = [database.modelKey, `${database.modelKey}#mirror`];
    const stored = await Promise.all(
      views.map((k) => get<{ embedding: Float32Array } | undefined>('embeddings', [k, imageId])),
    );
    db.close();
    const unit = (v: ArrayLike<number>) => {
      const n = Math.hypot(...Array.from(v));
      return Array.from(v, (x) => x / n);
    };
    const present = stored.flatMap((s) => (s?.embedding ? [unit(s.embedding)] : []));
    const probe = unit(present[0]!.map((_, j) => present.reduce((sum, v) => sum + v[j]!, 0)));
    const { dim } = database;
    const ranked = database.identities
      .map((person, i) => {
        const c = unit(database.centroids.subarray(i * dim, (i + 1) * dim));
        return { person, distance: Math.hypot(...c.map((x, j) => x - probe[j]!)) };
      })
      .sort((a, b) => a.distance - b.distance);
    const rank = ranked.findIndex((r) => r.person === truePerson) + 1;
    return { rank, distance: ranked[rank - 1]!.distance, first: ranked[0]!.person };
  }, tile);
}

async function tilesOf(page: Page): Promise<Tile[]> {
  return ui(page).dataset.gridCell.evaluateAll((cells) =>
    cells.map((cell) => {
      const caption = cell.querySelector<HTMLElement>('.rec-caption')!;
      return {
        imageId: cell.getAttribute('data-image-id')!,
        truePerson: caption.dataset.true!,
        predicted: caption.dataset.predicted!,
        distance: Number(caption.dataset.distance),
      };
    }),
  );
}

// Sheldon's photo filed under Leonard: as Leonard's test image it is a mistake (Sheldon is nearer),
// and if it is enrolled it pulls Leonard's one-photo average onto Sheldon's face instead. The
// folder lives until the tests end: imported files are read from disk while enrolment runs.
let planted: ReturnType<typeof plantedBbt>;
test.beforeAll(() => {
  planted = plantedBbt('bbt-planted', [['sheldon/sheldon2.png', 'leonard/leonard9.png']]);
});
test.afterAll(() => planted.remove());

test('a recognition tile explains itself: the crop the model saw, the nearest people, and where the true person ranked', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/#dataset');
  await waitForEngine(page);
  await importFolder(page, planted.dir, { people: 8 });
  await buildDatabase(page, { perPerson: '1', testPerPerson: '0', seed: '7' });
  await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
  await runRecognition(page);
  await expect(ui(page).job.done).toBeVisible({ timeout: 300_000 });
  await ui(page).recognise.onlyMistakes.check();

  const tiles = await tilesOf(page);
  const mistake = tiles.find((t) => t.predicted !== '' && t.predicted !== t.truePerson);
  expect(mistake, 'the planted photo gives at least one mistake').toBeDefined();
  const inputSize = (await page.evaluate(() => window.likeness?.snapshot().engine?.inputSize)) ?? 0;
  expect(inputSize).toBeGreaterThan(0);

  // Opened by a click.
  const cell = page.locator(`[data-testid="grid-cell"][data-image-id="${mistake!.imageId}"]`);
  await cell.click();
  const detail = page.getByRole('dialog');
  await expect(detail).toBeVisible();
  await expect(detail).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(detail.getByTestId('face-detail-close')).toBeFocused();

  await expectDetailCrop(detail, inputSize);

  const people = detail.getByTestId('detail-person');
  // Three nearest, plus the true person when they ranked lower.
  const expected = await expectedTruth(page, mistake!);
  expect(expected.rank).toBeGreaterThan(1);
  expect(expected.first).toBe(mistake!.predicted);
  await expect(people).toHaveCount(expected.rank > 3 ? 4 : 3);
  await expect(people.first()).toHaveAttribute('data-identity', mistake!.predicted);
  expect(Number(await people.first().getAttribute('data-distance'))).toBeCloseTo(mistake!.distance, 5);
  const count = await people.count();
  for (let i = 0; i < count; i++) {
    const person = people.nth(i);
    // Each person with some of their enrolled photos (one per person here), and the threshold marked.
    await expect(person.locator('[data-testid="stored-thumb"][data-loaded="true"]').first()).toBeVisible();
    await expect(person.getByTestId('threshold-marker')).toBeVisible();
  }
  const truth = detail.getByTestId('detail-truth');
  await expect(truth).toContainText(`the true person, ${mistake!.truePerson}, ranked`);
  await expect(truth).toHaveAttribute('data-rank', String(expected.rank));
  expect(Number(await truth.getAttribute('data-distance'))).toBeCloseTo(expected.distance, 5);
  await expect(
    detail.locator(`[data-testid="detail-person"][data-identity="${mistake!.truePerson}"]`),
  ).toHaveAttribute('data-rank', String(expected.rank));

  // Escape closes it and gives focus back to the tile.
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(cell).toBeFocused();

  // Opened by Enter on another tile, from the keyboard alone.
  await ui(page).recognise.onlyMistakes.uncheck();
  const other = (await tilesOf(page)).find((t) => t.imageId !== mistake!.imageId && t.predicted !== '')!;
  const otherCell = page.locator(`[data-testid="grid-cell"][data-image-id="${other.imageId}"]`);
  await otherCell.focus();
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(detail).toContainText(`a photo of ${other.truePerson}`);
  await expect(people.first()).toHaveAttribute('data-identity', other.predicted);
  await expect(detail.getByTestId('detail-crop')).toBeVisible();
  await detail.getByTestId('face-detail-close').press('Enter');
  await expect(detail).toBeHidden();
  await expect(otherCell).toBeFocused();
});
