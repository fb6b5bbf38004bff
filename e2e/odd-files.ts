// The odd-file folder, written at test time from the committed bbt faces: the files users bring
// that PINS crops never are (rotated phone photos, print scans, huge photos, files misnamed).
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { bbtDir } from './fixtures';

const bbt = (person: string, n: number) => join(bbtDir, person, `${person}${n}.png`);
const grey = { r: 128, g: 128, b: 128 };

/**
 * Penny's second photo upright, made portrait (150 × 190, grey below), so that a wrong orientation
 * also shows in the image's size and not only in its pixels.
 */
export const uprightPenny = () =>
  sharp(bbt('penny', 2)).extend({ bottom: 40, background: grey }).removeAlpha();

/** One file of each odd kind, as [file name, what it is]. */
export const oddKinds = {
  'penny2-exif6.jpg': 'EXIF orientation 6: stored rotated a quarter turn, shown upright',
  'penny2-exif3.jpg': 'EXIF orientation 3: stored upside down, shown upright',
  'sheldon2-cmyk.jpg': 'CMYK JPEG (as printers save them)',
  'howard2-grey.jpg': 'greyscale JPEG (one channel)',
  'raj2-progressive.jpg': 'progressive JPEG',
  'amy2-png.jpg': 'a PNG named .jpg',
  'leonard2-50mp.jpg':
    '50-megapixel JPEG, shown 8,660 × 5,773 through EXIF orientation 6, the face 3,000 px across',
  'bernadette2-large.png':
    'a 4,000 × 2,667 PNG (decoded as a stream, row by row, to 1,280 px), the face 1,400 px across',
  'howard3-large-exif6.webp':
    'a 4,000 × 2,667 lossy WebP (decoded by libwebp in WebAssembly straight to the size needed) whose EXIF says a quarter turn, which Chromium does not apply to WebP, the face 1,400 px across',
  'stuart2-24px.jpg': 'a 24 px face in a 320 × 240 picture',
  'no-face.jpg': 'a picture with no face (a sky gradient with noise)',
  'group-four.jpg': 'a group composite: four faces, 300 px each, 1,280 × 320',
} as const;
export type OddKind = keyof typeof oddKinds;

/** Writes every odd kind into `dir` (flat); returns their paths by name. */
export async function writeOddKinds(dir: string): Promise<Record<OddKind, string>> {
  mkdirSync(dir, { recursive: true });
  const path = (name: OddKind) => join(dir, name);
  const upright = await uprightPenny().toBuffer();
  // sharp's withMetadata sets the tag only: the pixels are turned the other way here.
  await sharp(upright)
    .rotate(270)
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toFile(path('penny2-exif6.jpg'));
  await sharp(upright)
    .rotate(180)
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 3 })
    .toFile(path('penny2-exif3.jpg'));
  await sharp(bbt('sheldon', 2))
    .toColourspace('cmyk')
    .jpeg({ quality: 92 })
    .toFile(path('sheldon2-cmyk.jpg'));
  await sharp(bbt('howard', 2)).toColourspace('b-w').jpeg({ quality: 92 }).toFile(path('howard2-grey.jpg'));
  await sharp(bbt('raj', 2)).jpeg({ quality: 92, progressive: true }).toFile(path('raj2-progressive.jpg'));
  copyFileSync(bbt('amy', 2), path('amy2-png.jpg'));
  // As a phone saves it: stored portrait, shown landscape through EXIF orientation 6.
  const face = await sharp(bbt('leonard', 2)).resize(3000, 3000, { kernel: 'cubic' }).toBuffer();
  const { data, info } = await sharp({ create: { width: 8660, height: 5773, channels: 3, background: grey } })
    .composite([{ input: face, left: 2830, top: 1386 }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .rotate(270)
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toFile(path('leonard2-50mp.jpg'));
  const large = await sharp(bbt('bernadette', 2)).resize(1400, 1400, { kernel: 'cubic' }).toBuffer();
  await sharp({ create: { width: 4000, height: 2667, channels: 3, background: grey } })
    .composite([{ input: large, left: 1300, top: 600 }])
    .png()
    .toFile(path('bernadette2-large.png'));
  // Upright as stored: the orientation tag is there, and the app must do with it what the browser does.
  const webpFace = await sharp(bbt('howard', 3)).resize(1400, 1400, { kernel: 'cubic' }).toBuffer();
  await sharp({ create: { width: 4000, height: 2667, channels: 3, background: grey } })
    .composite([{ input: webpFace, left: 1300, top: 600 }])
    .webp({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toFile(path('howard3-large-exif6.webp'));
  const tiny = await sharp(bbt('stuart', 2)).resize(24, 24).toBuffer();
  await sharp({ create: { width: 320, height: 240, channels: 3, background: grey } })
    .composite([{ input: tiny, left: 148, top: 108 }])
    .jpeg({ quality: 92 })
    .toFile(path('stuart2-24px.jpg'));
  await noFace().jpeg({ quality: 90 }).toFile(path('no-face.jpg'));
  const four = await Promise.all(
    ['penny', 'sheldon', 'raj', 'amy'].map((p) => sharp(bbt(p, 3)).resize(300, 300).toBuffer()),
  );
  await sharp({ create: { width: 1280, height: 320, channels: 3, background: grey } })
    .composite(four.map((input, i) => ({ input, left: 20 + i * 315, top: 10 })))
    .jpeg({ quality: 90 })
    .toFile(path('group-four.jpg'));
  return Object.fromEntries(Object.keys(oddKinds).map((k) => [k, path(k as OddKind)])) as Record<
    OddKind,
    string
  >;
}

/** 480 × 320: a vertical gradient (sky to ground) with a little deterministic noise, and no face. */
function noFace() {
  const [w, h] = [480, 320];
  const px = Buffer.alloc(w * h * 3);
  let seed = 7;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const v = 200 - (y * 140) / h + (seed % 21) - 10;
      px.fill(Math.max(0, Math.min(255, Math.round(v))), (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } });
}

/** Folder names that are not Latin: right to left, CJK and emoji, each holding one of bbt's people. */
export const unusualNames = {
  ليونارد: 'leonard',
  '謝耳朵 シェルドン': 'sheldon',
  '🚀 Howard 🚀': 'howard',
} as const;

/**
 * The odd folder as a dataset: `<root>/odd/<person>/<files>`. Each odd kind sits in its person's folder
 * (the no-face picture in "Nobody", the group in "Group"), bbt's people under RTL, CJK and emoji names,
 * and three files that must be skipped with a reason. Returns the folder and what it holds.
 */
export async function writeOddDataset(root: string) {
  const dir = join(root, 'odd');
  const kinds = await writeOddKinds(join(root, 'kinds'));
  const put = (folder: string, name: string, from: string) => {
    mkdirSync(join(dir, folder), { recursive: true });
    copyFileSync(from, join(dir, folder, name));
  };
  for (const [name, from] of Object.entries(kinds)) {
    const person = /^[a-z]+(?=\d)/.exec(name)?.[0] ?? (name === 'no-face.jpg' ? 'nobody' : 'group');
    put(person, name, from);
  }
  for (const [folder, person] of Object.entries(unusualNames))
    for (const n of [3, 4]) put(folder, `${person}${n}.png`, bbt(person, n));
  // Cut in the middle of the scan: the header is fine, the picture is not there.
  const whole = readFileSync(kinds['raj2-progressive.jpg']);
  writeFileSync(join(dir, 'raj', 'truncated.jpg'), whole.subarray(0, 400));
  writeFileSync(join(dir, 'raj', 'empty.jpg'), '');
  writeFileSync(join(dir, 'raj', 'page.jpg'), '<!doctype html><title>not a photo</title>');
  return {
    dir,
    kinds,
    people: readdirSync(dir).length,
    images: Object.keys(oddKinds).length + Object.keys(unusualNames).length * 2,
    skipped: {
      'odd/raj/truncated.jpg': 'undecodable',
      'odd/raj/empty.jpg': 'empty file',
      'odd/raj/page.jpg': 'undecodable',
    },
  };
}

/** `count` copies of one small JPEG in one folder: `<root>/many/crowd/00000.jpg`… */
export async function writeManyCopies(root: string, count: number): Promise<string> {
  const dir = join(root, 'many', 'crowd');
  mkdirSync(dir, { recursive: true });
  const first = join(dir, '00000.jpg');
  await sharp(bbt('penny', 1)).resize(48, 48).jpeg({ quality: 80 }).toFile(first);
  for (let i = 1; i < count; i++) copyFileSync(first, join(dir, `${String(i).padStart(5, '0')}.jpg`));
  return join(root, 'many');
}
