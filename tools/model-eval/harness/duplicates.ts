/**
 * How far apart are two copies of the same photo, and how near do different photos get?
 * Picks the dashboard's near-duplicate threshold (src/core/suspects.ts DUPLICATE_THRESHOLD).
 *   npx tsx harness/duplicates.ts [copies=60] [plain]
 * `plain` embeds without the mirror image: the view the dashboard compares (enrolment images are
 * stored in that view only), written to cache/duplicates-plain.txt.
 * Embeds every pins-mini image with the default pipeline (facemesh-detection-short, 4-point
 * alignment at zoom 1.3, faceres + flip), then re-encodes the first `copies` images three ways
 * (JPEG q=90, JPEG q=60, 80 % size + JPEG q=75) and reports each copy's distance to its original,
 * and the smallest distances between different files of pins-mini (within and across people).
 */
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { initWasm, loadModel, readImage, listDataset, SHARED } from './node';
import { createDetector, embedFaces, euclidean, FACERES, DEFAULT_PIPELINE } from '../lib';

await initWasm();
const det = createDetector(await loadModel('facemesh-detection-short'));
const fr = await loadModel('faceres');
const copies = Number(process.argv[2] ?? 60);
const plain = process.argv[3] === 'plain';
const pipeline = plain ? { ...DEFAULT_PIPELINE, flip: false } : DEFAULT_PIPELINE;

async function embedImage(img: tf.Tensor3D): Promise<Float32Array | null> {
  const faces = await embedFaces(det, fr, FACERES, img, pipeline);
  return faces[0]?.embedding ?? null;
}

function reencode(img: tf.Tensor3D, quality: number, scale = 1): tf.Tensor3D {
  const [h0, w0] = img.shape;
  const resized = tf.tidy(() =>
    scale === 1
      ? tf.cast(img, 'int32')
      : tf.cast(tf.round(tf.image.resizeBilinear(img, [Math.round(h0 * scale), Math.round(w0 * scale)])), 'int32'),
  ) as tf.Tensor3D;
  const [h, w] = resized.shape;
  const rgb = resized.dataSync();
  resized.dispose();
  const rgba = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba[i * 4] = rgb[i * 3]!;
    rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
    rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  const encoded = jpeg.encode({ data: rgba, width: w, height: h }, quality).data;
  const back = jpeg.decode(encoded, { useTArray: true, formatAsRGBA: true });
  const out = new Int32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = back.data[i * 4 + c]!;
  return tf.tensor3d(out, [h, w, 3], 'int32');
}

const items = listDataset(SHARED + '/pins-mini');
const emb: (Float32Array | null)[] = [];
const copyDist: Record<string, number[]> = { 'jpeg q90': [], 'jpeg q60': [], '80% + jpeg q75': [] };
for (const [i, it] of items.entries()) {
  const img = readImage(it.file);
  const e = await embedImage(img);
  emb.push(e);
  if (i < copies && e) {
    for (const [label, q, s] of [
      ['jpeg q90', 90, 1],
      ['jpeg q60', 60, 1],
      ['80% + jpeg q75', 75, 0.8],
    ] as const) {
      const copy = reencode(img, q, s);
      const c = await embedImage(copy);
      copy.dispose();
      if (c) copyDist[label]!.push(euclidean(e, c));
    }
  }
  img.dispose();
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const lines: string[] = [];
for (const [label, d] of Object.entries(copyDist)) {
  lines.push(
    `copy ${label}: n=${d.length} median ${q(d, 0.5).toFixed(4)} p95 ${q(d, 0.95).toFixed(4)} max ${Math.max(...d).toFixed(4)}`,
  );
}
const pairs: { d: number; a: number; b: number; same: boolean }[] = [];
for (let a = 0; a < items.length; a++) {
  for (let b = a + 1; b < items.length; b++) {
    const ea = emb[a];
    const eb = emb[b];
    if (!ea || !eb) continue;
    pairs.push({ d: euclidean(ea, eb), a, b, same: items[a]!.person === items[b]!.person });
  }
}
pairs.sort((x, y) => x.d - y.d);
for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) {
  const below = pairs.filter((p) => p.d <= t);
  lines.push(
    `pairs of different files at distance <= ${t}: ${below.filter((p) => p.same).length} within a person, ${below.filter((p) => !p.same).length} across people`,
  );
}
lines.push('nearest 25 pairs of different files:');
for (const p of pairs.slice(0, 25)) {
  const f = (i: number) => items[i]!.file.slice(SHARED.length + 1);
  lines.push(`  ${p.d.toFixed(4)} ${p.same ? 'same' : 'CROSS'} ${f(p.a)} | ${f(p.b)}`);
}
lines.push(`images without a face: ${emb.filter((e) => !e).length} of ${items.length}`);
console.log(lines.join('\n'));
fs.writeFileSync(plain ? 'cache/duplicates-plain.txt' : 'cache/duplicates.txt', lines.join('\n') + '\n');
console.log('tensors', tf.memory().numTensors);
