/**
 * `npm run bench`'s reference pipeline: @vladmandic/face-api's
 * detectSingleFace(SSD MobileNet v1) → 68 landmarks → 128-d descriptor, on the same tfjs
 * instance and backend choice as the app's engine, reading the same stored images from
 * IndexedDB. Self-hosted: the nets load from /models/face-api/. Not part of the app itself.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { chooseBackend } from '../engine/backend';
import { decodeImage } from '../codecs/decode';
import { pixelsToTensor } from '../engine/pipeline';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { getImageBlob } from '../storage/datasets';
import type { BackendInfo, BackendPreference } from '../engine/engine-protocol';

export interface ReferenceResult {
  faces: number;
  failed: number;
  seconds: number;
  msPerStage: { decode: number; detect: number };
}

let backend: BackendInfo | null = null;

/** face-api looks for a window or Node; a worker gets OffscreenCanvas and the global fetch. */
function workerEnvironment(): void {
  class Unavailable {}
  faceapi.env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: Unavailable,
    ImageData,
    Video: Unavailable,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: () => {
      throw new Error('no <img> in a worker');
    },
    createVideoElement: () => {
      throw new Error('no <video> in a worker');
    },
    fetch: (url: RequestInfo | URL, init?: RequestInit) => fetch(url, init),
    readFile: () => Promise.reject(new Error('no file system in a worker')),
  } as never);
}

async function init(preference: BackendPreference, threads?: number): Promise<BackendInfo> {
  backend = await chooseBackend(preference, threads);
  workerEnvironment();
  const base = `${import.meta.env.BASE_URL}models/face-api`;
  await Promise.all([
    faceapi.nets.ssdMobilenetv1.loadFromUri(base),
    faceapi.nets.faceLandmark68Net.loadFromUri(base),
    faceapi.nets.faceRecognitionNet.loadFromUri(base),
  ]);
  return backend;
}

const options = () => new faceapi.SsdMobilenetv1Options();

async function describe(image: tf.Tensor3D): Promise<Float32Array | null> {
  // face-api's .d.ts carries its own Tensor type; the runtime instance is ours.
  const result = await faceapi
    .detectSingleFace(image as never, options())
    .withFaceLandmarks()
    .withFaceDescriptor();
  return result?.descriptor ?? null;
}

/** Warm-up on a blank image: primes every kernel of the three nets. */
async function warmUp(): Promise<number> {
  const t0 = performance.now();
  const blank = tf.zeros([160, 160, 3], 'int32') as tf.Tensor3D;
  await describe(blank);
  blank.dispose();
  return performance.now() - t0;
}

/** Describes each stored image; the next one is decoded while the current one runs, as in the engine. */
async function run(imageIds: string[]): Promise<ReferenceResult> {
  if (!backend) throw new Error('The reference is not initialised');
  const t0 = performance.now();
  const totals = { decode: 0, detect: 0 };
  let faces = 0;
  let failed = 0;
  const load = (id: string | undefined) =>
    id === undefined
      ? null
      : getImageBlob(id)
          .then((blob) => decodeImage(blob, id))
          .then(
            (pixels) => ({ pixels }),
            (error: unknown) => ({ error }),
          );
  let next = load(imageIds[0]);
  for (let i = 0; i < imageIds.length; i++) {
    const s = performance.now();
    const decoded = await next;
    next = load(imageIds[i + 1]);
    const s1 = performance.now();
    totals.decode += s1 - s;
    if (!decoded || 'error' in decoded) {
      failed++;
      continue;
    }
    const image = pixelsToTensor(decoded.pixels);
    try {
      if (await describe(image)) faces++;
      else failed++;
    } finally {
      image.dispose();
    }
    totals.detect += performance.now() - s1;
  }
  const n = Math.max(1, imageIds.length);
  return {
    faces,
    failed,
    seconds: (performance.now() - t0) / 1000,
    msPerStage: { decode: totals.decode / n, detect: totals.detect / n },
  };
}

export const referenceApi = {
  init,
  warmUp,
  run,
  memory: () => tf.memory(),
};

export type ReferenceApi = typeof referenceApi;

installErrorTransfer();
Comlink.expose(referenceApi);
