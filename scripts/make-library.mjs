// @ts-check
// node scripts/make-library.mjs <out> [--seed 42] [--people DIR[,DIR]] [--strangers DIR|none]
//   [--most 80] [--least 4] [--groups 200] [--faceless 50] [--max-people 45]
//   [--sizes 1280x960,1600x1200,1024x768]
//
// Builds, from labelled face folders (default ../shared/datasets/pins-dev, strangers from
// lfw-strangers), a folder that looks like a family's photo library: flat date folders
// (`2019/03/IMG_10460.jpg`), single photos (a few people often, most rarely), group photos of 2–4
// people composed as e2e/group-photo.mjs does, strangers who appear once or twice, photos without a
// face, phone photos stored turned with an EXIF orientation, a few broken and odd files. Beside it,
// `<out>.truth.json` says which face of which photo is whom (boxes in pixels of the upright photo),
// for `npm run cluster`. Every source photo is used once. The output holds PINS/LFW pixels: never
// commit it.
//
// Face sizes (the pasted face photo's longer side; a PINS photo is a loose crop, its face about 60 %
// of it): single photos 240–520 px, group photos 110–300 px, strangers 150–300 px, in pictures of
// 1,024 × 768 to 1,600 × 1,200 (the app decodes at most 1,280 px long). Each face photo is enlarged
// at most 2.5 times, so it stays about as sharp as a photo of that size.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { composeGroup, seededRandom, shuffled } from '../e2e/group-photo.mjs';
import { parseArgs } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), {
  seed: 'value',
  people: 'value',
  strangers: 'value',
  most: 'value',
  least: 'value',
  groups: 'value',
  faceless: 'value',
  'max-people': 'value',
  sizes: 'value',
});
const out = args._[0];
if (!out) {
  console.error(
    'usage: node scripts/make-library.mjs <out> [--seed 42] [--people DIR[,DIR]] [--strangers DIR|none] [--most 80] [--least 4] [--groups 200] [--faceless 50] [--max-people 45]',
  );
  process.exit(2);
}
const shared = resolve(import.meta.dirname, '../../shared/datasets');
const seed = Number(args.seed ?? 42);
const peopleDirs = String(args.people ?? join(shared, 'pins-dev')).split(',');
const strangersDir = args.strangers === 'none' ? null : (args.strangers ?? join(shared, 'lfw-strangers'));
const most = Number(args.most ?? 80);
const least = Number(args.least ?? 4);
const groupCount = Number(args.groups ?? 200);
const facelessCount = Number(args.faceless ?? 50);
const maxPeople = Number(args['max-people'] ?? Infinity);

const random = seededRandom(seed);
/** @param {number} a @param {number} b */
const between = (a, b) => a + Math.floor(random() * (b - a + 1));
/** @type {<T>(xs: T[]) => T[]} */
const shuffle = (xs) => shuffled(xs, random);

/**
 * Each person folder's image files, shuffled; a person is `<set>/<folder>` so sets never clash.
 * @param {string} dir
 */
function peopleIn(dir) {
  const set = dir.split('/').filter(Boolean).at(-1);
  return readdirSync(dir)
    .sort()
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .map((folder) => ({
      person: `${set}/${folder}`,
      files: shuffle(
        readdirSync(join(dir, folder))
          .filter((f) => /\.(jpe?g|png)$/i.test(f))
          .sort()
          .map((f) => join(dir, folder, f)),
      ),
    }));
}

const known = shuffle(peopleDirs.flatMap(peopleIn)).slice(0, maxPeople);
const strangers = strangersDir ? shuffle(peopleIn(strangersDir)) : [];
// A family's library: a few people in many photos, most in a few. Person r (1-based, shuffled) is
// in about most / r^0.6 single photos, at least `least`; group photos favour the same people.
const weight = known.map((_, r) => 1 / (r + 1) ** 0.6);
// Never more than a person has photos (bbt has five each).
const singles = weight.map((w, r) => Math.min(known[r].files.length, Math.max(least, Math.round(most * w))));

/** @param {{ files: string[] }} p */
const take = (p) => {
  const file = p.files.pop();
  if (!file) throw new Error('A person ran out of photos: lower --most or --groups');
  return file;
};
/** Picks `n` different people, each as likely as their weight. @param {number} n */
function pickPeople(n) {
  const chosen = new Set();
  n = Math.min(n, known.filter((p) => p.files.length > 0).length);
  while (chosen.size < n) {
    const total = known.reduce((s, p, i) => s + (chosen.has(i) || p.files.length === 0 ? 0 : weight[i]), 0);
    let x = random() * total;
    const i = known.findIndex((p, k) => !chosen.has(k) && p.files.length > 0 && (x -= weight[k]) <= 0);
    chosen.add(i < 0 ? known.findIndex((p, k) => !chosen.has(k) && p.files.length > 0) : i);
  }
  return [...chosen];
}

/** Picture sizes, landscape (a phone photo turns one upright). */
const sizes = String(args.sizes ?? '1280x960,1600x1200,1024x768')
  .split(',')
  .map((s) => s.split('x').map(Number));
/** A photo's date folder and name, in the styles cameras and phones use. */
let counter = between(1000, 9000);
function photoPath() {
  const year = between(2012, 2024);
  const month = String(between(1, 12)).padStart(2, '0');
  const day = String(between(1, 28)).padStart(2, '0');
  const n = counter++;
  const style = random();
  const name =
    style < 0.6
      ? `IMG_${n}.jpg`
      : style < 0.8
        ? `PXL_${year}${month}${day}_${String(n).padStart(6, '0')}.jpg`
        : style < 0.95
          ? `DSC_${String(n % 10000).padStart(4, '0')}.JPG`
          : `IMG_${n}.jpeg`;
  // Now and then an event folder inside the month, as people make them.
  return random() < 0.1 ? `${year}/${year}-${month} Holiday/${name}` : `${year}/${month}/${name}`;
}

/**
 * @typedef {{ person: string, kind: 'known' | 'stranger', source: string, x: number, y: number,
 *   width: number, height: number }} TruthFace
 * @typedef {{ width: number, height: number, kind: string, orientation?: number, faces: TruthFace[] }} TruthPhoto
 */
/** @type {Record<string, TruthPhoto>} */
const photos = {};
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Writes one composed photo as a JPEG; a phone photo (a quarter of them, portrait) is stored turned
 * a quarter with EXIF orientation 6, as phones save it, so only a reader that follows EXIF sees it
 * upright. Boxes stay in the upright picture's pixels.
 * @param {{ file: string, label: string, kind: 'known' | 'stranger', size: number }[]} faces
 * @param {string} kind
 */
async function writePhoto(faces, kind) {
  const phone = random() < 0.25;
  const [w, h] = sizes[between(0, sizes.length - 1)];
  const [width, height] = phone ? [h, w] : [w, h];
  // composeGroup's grid: each face must fit its cell (only small pictures make this bite).
  const cols = Math.min(faces.length, Math.max(1, Math.round(Math.sqrt((faces.length * width) / height))));
  const cell = Math.min(Math.floor(width / cols), Math.floor(height / Math.ceil(faces.length / cols)));
  const { png, boxes } = composeGroup({
    faces: faces.map(({ file, label, size }) => ({ file, label, size: Math.min(size, cell) })),
    size: Math.min(cell, Math.max(...faces.map((f) => f.size))),
    width,
    height,
    background: random() < 0.5 ? 'grey' : 'noise',
    seed: between(1, 1e9),
  });
  let image = sharp(png);
  if (phone) image = image.rotate(270).withMetadata({ orientation: 6 });
  const path = photoPath();
  mkdirSync(dirname(join(out, path)), { recursive: true });
  await image.jpeg({ quality: 88 }).toFile(join(out, path));
  photos[path] = {
    width,
    height,
    kind,
    ...(phone ? { orientation: 6 } : {}),
    faces: boxes.map((b, i) => ({
      person: b.label,
      kind: faces[i].kind,
      source: faces[i].file,
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
    })),
  };
}

/**
 * The pasted size of a face photo: `want`, but at most 2.5 times its own longer side.
 * @param {string} file
 * @param {number} want
 */
async function sizeFor(file, want) {
  const { width = want, height = want } = await sharp(file).metadata();
  return Math.min(want, Math.round(2.5 * Math.max(width, height)));
}

const jobs = [];
singles.forEach((count, i) => {
  for (let k = 0; k < count; k++) jobs.push({ kind: 'single', people: [i] });
});
// Who is in a group photo is decided when it is made, among the people with photos left.
for (let g = 0; g < groupCount; g++) jobs.push({ kind: 'group', count: between(2, 4) });
for (const s of strangers) {
  const times = between(1, Math.min(2, s.files.length));
  for (let t = 0; t < times; t++) jobs.push({ kind: 'stranger', stranger: s });
}
for (let k = 0; k < facelessCount; k++) jobs.push({ kind: 'faceless', people: [] });

for (const job of shuffle(jobs)) {
  if (job.kind === 'faceless') {
    const [width, height] = sizes[between(0, sizes.length - 1)];
    const path = photoPath();
    mkdirSync(dirname(join(out, path)), { recursive: true });
    // Blurred coloured noise: a texture with no face in it (a wall, foliage, a sky).
    await sharp({
      create: { width, height, channels: 3, background: { r: between(0, 255), g: between(0, 255), b: 128 } },
    })
      .composite([
        {
          input: {
            create: {
              width,
              height,
              channels: 3,
              background: '#000',
              noise: { type: 'gaussian', mean: 128, sigma: 60 },
            },
          },
          blend: 'overlay',
        },
      ])
      .blur(between(2, 12))
      .jpeg({ quality: 85 })
      .toFile(join(out, path));
    photos[path] = { width, height, kind: 'faceless', faces: [] };
  } else if (job.kind === 'stranger' && job.stranger) {
    const file = take(job.stranger);
    // A stranger now alone, now beside one of the family.
    /** @type {{ file: string, label: string, kind: 'known' | 'stranger', size: number }[]} */
    const faces = [{ file, label: job.stranger.person, kind: 'stranger', size: 0 }];
    if (random() < 0.5) {
      const [i] = pickPeople(1);
      faces.push({ file: take(known[i]), label: known[i].person, kind: 'known', size: 0 });
    }
    for (const f of faces) f.size = await sizeFor(f.file, between(150, 300));
    await writePhoto(faces, 'stranger');
  } else if (job.people?.every((i) => known[i].files.length === 0)) {
    // A person with few photos (bbt's five) whose last ones went into group photos.
    continue;
  } else if (job.people || job.count) {
    const range = job.kind === 'single' ? [240, 520] : [110, 300];
    const faces = [];
    for (const i of job.people ?? pickPeople(job.count ?? 2)) {
      const file = take(known[i]);
      faces.push({
        file,
        label: known[i].person,
        kind: /** @type {const} */ ('known'),
        size: await sizeFor(file, between(range[0], range[1])),
      });
    }
    await writePhoto(faces, job.kind);
  }
}

// Odd and broken files, as a real folder has them: none holds a face.
const anyPhoto = Object.keys(photos).find((p) => photos[p].kind === 'faceless');
if (anyPhoto) {
  const bytes = await sharp(join(out, anyPhoto)).jpeg().toBuffer();
  const broken = {
    '2016/05/IMG_0001.jpg': bytes.subarray(0, 600),
    '2016/05/IMG_0002.jpg': Buffer.from('This is not a photo, whatever its name says.\n'),
    '2017/11/IMG_0003.JPG': Buffer.alloc(0),
    '2018/02/scan.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    '2018/02/notes.txt': Buffer.from('Holiday list\n'),
    '2019/.DS_Store': Buffer.alloc(16),
  };
  for (const [path, data] of Object.entries(broken)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), data);
  }
}

const faces = Object.values(photos).flatMap((p) => p.faces);
const truth = {
  seed,
  from: peopleDirs.map((d) => resolve(d)),
  strangers: strangersDir ? resolve(strangersDir) : null,
  people: known.map((p, i) => ({ person: p.person, singles: singles[i] })),
  photos,
};
writeFileSync(`${out.replace(/\/+$/, '')}.truth.json`, JSON.stringify(truth, null, 1));
const count = (/** @type {string} */ kind) => Object.values(photos).filter((p) => p.kind === kind).length;
console.log(
  JSON.stringify({
    out,
    truth: `${out.replace(/\/+$/, '')}.truth.json`,
    photos: Object.keys(photos).length,
    single: count('single'),
    group: count('group'),
    stranger: count('stranger'),
    faceless: count('faceless'),
    phone: Object.values(photos).filter((p) => p.orientation).length,
    faces: faces.length,
    knownFaces: faces.filter((f) => f.kind === 'known').length,
    people: known.length,
    strangers: new Set(faces.filter((f) => f.kind === 'stranger').map((f) => f.person)).size,
  }),
);
