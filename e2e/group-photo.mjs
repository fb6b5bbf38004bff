// @ts-check
// Group photos composed from face photos at run time: the e2e group test (bbt fixtures) and
// `node scripts/group-recall.mjs` (pins-dev) paste real face photos, each scaled to a given size, on
// a neutral grey or noise background, and know where each face is. Nothing is written to the repo.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * @typedef {{ width: number, height: number, data: Uint8Array }} Rgba
 * @typedef {{ label: string, x: number, y: number, width: number, height: number }} PastedFace
 * @typedef {{ x: number, y: number, width: number, height: number, person: string | null,
 *   imageWidth?: number, imageHeight?: number }} FoundFace
 */

/**
 * A small seeded generator (mulberry32), so a composite is the same on every run.
 * @param {number} seed
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A shuffled copy of `xs` (Fisher–Yates) drawn from `random`.
 * @template T
 * @param {T[]} xs
 * @param {() => number} random
 * @returns {T[]}
 */
export function shuffled(xs, random) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [/** @type {T} */ (a[j]), /** @type {T} */ (a[i])];
  }
  return a;
}

/**
 * Decodes a JPEG or PNG file to RGBA.
 * @param {string} file
 * @returns {Rgba}
 */
export function readRgba(file) {
  const buf = readFileSync(file);
  if (buf[0] === 0x89 && buf[1] === 0x50) {
    const png = PNG.sync.read(buf);
    return { width: png.width, height: png.height, data: png.data };
  }
  const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
}

/**
 * Area-average resize (a box filter, so small faces are not aliased), RGBA to RGBA.
 * @param {Rgba} src
 * @param {number} width
 * @param {number} height
 * @returns {Rgba}
 */
export function resizeRgba(src, width, height) {
  const out = new Uint8Array(width * height * 4);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = Math.min(src.height, (y + 1) * sy);
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = Math.min(src.width, (x + 1) * sx);
      const acc = [0, 0, 0, 0];
      let weight = 0;
      for (let yy = Math.floor(y0); yy < Math.ceil(y1); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.ceil(x1); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          const i = (yy * src.width + xx) * 4;
          for (let c = 0; c < 4; c++) acc[c] = (acc[c] ?? 0) + (src.data[i + c] ?? 0) * w;
          weight += w;
        }
      }
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = Math.round((acc[c] ?? 0) / weight);
    }
  }
  return { width, height, data: out };
}

/**
 * Pastes each face photo, its longer side scaled to `size` pixels (or the face's own `size`), into its own cell of a grid over a
 * width × height picture (at a random place inside the cell), on grey (128) or uniform noise.
 * Returns the PNG and, per face, its label and box in pixels.
 * @param {{ faces: { file: string, label: string, size?: number }[], size: number, width: number,
 *   height: number, background?: 'grey' | 'noise', seed?: number }} spec
 * @returns {{ png: Buffer, boxes: PastedFace[] }}
 */
export function composeGroup({ faces, size, width, height, background = 'grey', seed = 1 }) {
  const random = seededRandom(seed);
  const n = faces.length;
  const cols = Math.min(n, Math.max(1, Math.round(Math.sqrt((n * width) / height))));
  const rows = Math.ceil(n / cols);
  const cellW = Math.floor(width / cols);
  const cellH = Math.floor(height / rows);
  if (cellW < size || cellH < size)
    throw new Error(`${n} faces of ${size} px do not fit in ${width}×${height} (cells ${cellW}×${cellH})`);
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++)
      png.data[i * 4 + c] = background === 'noise' ? Math.floor(random() * 256) : 128;
    png.data[i * 4 + 3] = 255;
  }
  const boxes = faces.map(({ file, label, size: own }, k) => {
    const src = readRgba(file);
    const scale = (own ?? size) / Math.max(src.width, src.height);
    const face = resizeRgba(
      src,
      Math.max(1, Math.round(src.width * scale)),
      Math.max(1, Math.round(src.height * scale)),
    );
    const cx = (k % cols) * cellW;
    const cy = Math.floor(k / cols) * cellH;
    const x0 = cx + Math.floor(random() * (cellW - face.width + 1));
    const y0 = cy + Math.floor(random() * (cellH - face.height + 1));
    for (let y = 0; y < face.height; y++) {
      for (let x = 0; x < face.width; x++) {
        const o = ((y0 + y) * width + x0 + x) * 4;
        const i = (y * face.width + x) * 4;
        for (let c = 0; c < 3; c++) png.data[o + c] = face.data[i + c] ?? 0;
      }
    }
    return { label, x: x0, y: y0, width: face.width, height: face.height };
  });
  return { png: PNG.sync.write(png), boxes };
}

/**
 * Matches found faces (boxes in the pixels of an imageWidth × imageHeight decode of the picture,
 * with the name given or '') to the pasted ones of a `size` [width, height] picture: a found face
 * counts for the pasted face its centre lies in, once. Returns found, named correctly and extra.
 * @param {PastedFace[]} truth
 * @param {FoundFace[]} found
 * @param {[number, number]} size
 */
export function scoreGroup(truth, found, size) {
  const taken = new Set();
  let hit = 0;
  let named = 0;
  for (const f of found) {
    const cx = ((f.x + f.width / 2) * size[0]) / (f.imageWidth ?? size[0]);
    const cy = ((f.y + f.height / 2) * size[1]) / (f.imageHeight ?? size[1]);
    const k = truth.findIndex(
      (t, i) => !taken.has(i) && cx >= t.x && cx <= t.x + t.width && cy >= t.y && cy <= t.y + t.height,
    );
    if (k < 0) continue;
    taken.add(k);
    hit++;
    if (f.person === truth[k]?.label) named++;
  }
  return { faces: truth.length, found: hit, named, extra: found.length - hit };
}
