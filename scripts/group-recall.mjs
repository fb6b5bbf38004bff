// @ts-check
// node scripts/group-recall.mjs <pins-dir> [--per-person 10] [--seed 42] [--photos 4]
//   [--counts 2,4,8] [--sizes 40,64,100,160,300] [--width 1280] [--height 720] [--json FILE] [--out-dir DIR]
//
// Recall on group photos, through the app as a user drives it in headless Chromium: enrols
// `per-person` photos of each person (a face database built on the Face databases tab), then drops
// composites of their other photos on Compare, `counts` faces per picture, each face photo scaled to
// `sizes` px (its longer side), half on grey and half on noise. Prints, per count × size, the faces
// found, the faces named correctly at the app's threshold, wrong extra faces and ms per photo.
// Every image is written to a temporary folder and removed afterwards; nothing goes into the repo.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { composeGroup, scoreGroup, seededRandom, shuffled } from '../e2e/group-photo.mjs';
import { loadFolder, openApp, parseArgs, round, waitForJob } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), {
  'per-person': 'value',
  seed: 'value',
  photos: 'value',
  counts: 'value',
  sizes: 'value',
  width: 'value',
  height: 'value',
  json: 'value',
  'out-dir': 'value',
  'no-build': 'flag',
});
const dir = args._[0];
if (!dir) {
  console.error(
    'usage: node scripts/group-recall.mjs <pins-dir> [--per-person 10] [--seed 42] [--photos 4] [--counts 2,4,8] [--sizes 40,64,100,160,300] [--json FILE]',
  );
  process.exit(2);
}
const perPerson = Number(args['per-person'] ?? 10);
const seed = Number(args.seed ?? 42);
const photosPerCell = Number(args.photos ?? 4);
const counts = String(args.counts ?? '2,4,8')
  .split(',')
  .map(Number);
const sizes = String(args.sizes ?? '40,64,100,160,300')
  .split(',')
  .map(Number);
const width = Number(args.width ?? 1280);
const height = Number(args.height ?? 720);

const random = seededRandom(seed);
/** @type {<T>(xs: T[]) => T[]} */
const shuffle = (xs) => shuffled(xs, random);
const tmp = mkdtempSync(join(tmpdir(), 'likeness-group-'));
const enrolDir = join(tmp, 'enrol');
const groupDir = join(tmp, 'group');
mkdirSync(groupDir, { recursive: true });
const heldOut = new Map();
for (const folder of readdirSync(dir).sort()) {
  const path = join(dir, folder);
  if (!statSync(path).isDirectory()) continue;
  const files = shuffle(
    readdirSync(path)
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort(),
  );
  if (files.length < perPerson + 2) continue;
  // Enrolled as "Person NN": a folder name the app shows as it is (src/core/names.ts), so the names it
  // gives need no mapping back. Counting by the pins folders' own names once scored every face of the
  // six lower-case folders wrong (the app capitalises each word): 79.4 % named, 2026-12-02.
  const person = `Person ${String(heldOut.size + 1).padStart(2, '0')}`;
  // One more than enrolled, so the database form's one held-out image per person leaves `perPerson`.
  mkdirSync(join(enrolDir, person), { recursive: true });
  for (const f of files.slice(0, perPerson + 1)) copyFileSync(join(path, f), join(enrolDir, person, f));
  heldOut.set(
    person,
    files.slice(perPerson + 1).map((f) => join(path, f)),
  );
}

const composites = [];
for (const count of counts) {
  for (const size of sizes) {
    for (let rep = 0; rep < photosPerCell; rep++) {
      const people = shuffle([...heldOut.keys()]).slice(0, count);
      const faces = people.map((label) => {
        const files = heldOut.get(label);
        return { file: files[Math.floor(random() * files.length)], label };
      });
      const background = rep % 2 ? 'noise' : 'grey';
      const name = `group-${count}x${size}-${rep}.png`;
      const { png, boxes } = composeGroup({ faces, size, width, height, background, seed: seed + rep });
      writeFileSync(join(groupDir, name), png);
      composites.push({ name, count, size, background, boxes });
    }
  }
}

const { page, close } = await openApp({
  build: !args['no-build'],
  outDir: args['out-dir'] ?? join(tmpdir(), 'likeness-groupdist'),
});
try {
  const dataset = await loadFolder(page, enrolDir);
  await page.goto(new URL('#databases', page.url()).href);
  await page.getByTestId('per-person').fill(String(perPerson));
  await page.getByTestId('test-per-person').fill('1');
  await page.getByTestId('seed').fill(String(seed));
  await page.getByTestId('build-database').click();
  await waitForJob(page, 3_600_000);
  const database = (await page.evaluate(() => window.likeness.snapshot().databases)).find(
    (g) => g.status === 'ready' && g.name.startsWith(dataset.name),
  );
  if (!database) throw new Error('The face database was not built');
  await page.goto(new URL('#compare', page.url()).href);
  await page.getByTestId('compare-database').selectOption({ label: database.name });
  const threshold = Number(await page.getByTestId('compare-threshold-value').textContent());
  const engine = await page.evaluate(() => window.likeness.snapshot().engine);

  const rows = new Map();
  for (const c of composites) {
    const t0 = performance.now();
    await page.getByTestId('compare-input').setInputFiles(join(groupDir, c.name));
    // Compare keeps the photo already there beside one picked alone: this photo's faces are read.
    await page.waitForFunction(
      (name) =>
        (document.querySelector('[data-testid="compare-crops"]')?.getAttribute('data-photos') ?? '')
          .split('|')
          .at(-1) === name,
      c.name,
      { timeout: 300_000, polling: 50 },
    );
    const ms = performance.now() - t0;
    const found = await page.$$eval(
      '[data-testid="compare-face"]',
      (figures, name) =>
        figures.flatMap((f) => {
          const box = f.getAttribute('data-box');
          const photo = (f.querySelector('.compare-file')?.textContent ?? '').split(' · ')[0];
          if (!box || photo !== name) return [];
          const [x, y, width, height] = box.split(',').map(Number);
          const [w, h] = (f.getAttribute('data-image-size') ?? '').split(',').map(Number);
          return [
            { x, y, width, height, imageWidth: w, imageHeight: h, person: f.getAttribute('data-identity') },
          ];
        }),
      c.name,
    );
    const score = scoreGroup(c.boxes, found, [width, height]);
    const key = `${c.count}|${c.size}`;
    const row = rows.get(key) ?? {
      count: c.count,
      size: c.size,
      photos: 0,
      faces: 0,
      found: 0,
      named: 0,
      extra: 0,
      ms: 0,
    };
    row.photos++;
    row.faces += score.faces;
    row.found += score.found;
    row.named += score.named;
    row.extra += score.extra;
    row.ms += ms;
    rows.set(key, row);
    console.error(
      `${c.name} (${c.background}): found ${score.found}/${score.faces}, named ${score.named}, extra ${score.extra}, ${ms.toFixed(0)} ms`,
    );
  }
  const table = [...rows.values()].map((r) => ({
    facesPerPhoto: r.count,
    facePx: r.size,
    photos: r.photos,
    faces: r.faces,
    found: r.found,
    named: r.named,
    extra: r.extra,
    foundRate: round(r.found / r.faces, 3),
    namedRate: round(r.named / r.faces, 3),
    msPerPhoto: Math.round(r.ms / r.photos),
  }));
  const report = {
    dataset: basename(resolve(dir)),
    people: heldOut.size,
    perPerson,
    seed,
    picture: `${width}x${height}`,
    threshold,
    engine,
    table,
  };
  console.log(JSON.stringify(report, null, 2));
  console.log('\n| faces/photo | face px | photos | found | named correctly | extra | ms/photo |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of table)
    console.log(
      `| ${r.facesPerPhoto} | ${r.facePx} | ${r.photos} | ${r.found}/${r.faces} (${(100 * r.foundRate).toFixed(1)} %) | ${r.named}/${r.faces} (${(100 * r.namedRate).toFixed(1)} %) | ${r.extra} | ${r.msPerPhoto} |`,
    );
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
} finally {
  await close();
  rmSync(tmp, { recursive: true, force: true });
}
