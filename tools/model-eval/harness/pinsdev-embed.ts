/**
 * pinsdev.ts's `embed` command: the app's own detector, landmarks, alignment and embedders over
 * pins-dev and lfw-strangers, both views of each face, into cache/pd_<model>.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createEmbedder, type Embedder } from '../../../src/engine/embedder';
import { findModel } from '../../../src/engine/models';
import { createDetector, detectFaces } from '../../../src/engine/blazeface';
import { alignFace, ARCFACE_TEMPLATE, scaleTemplate } from '../../../src/engine/align';
import { ARCFACE_5_POINT, fivePointLocator, fivePointsOf, landmarkCrop, meanPoints, wrapLandmarkNet } from '../../../src/engine/landmarks';
import type { FaceBox } from '../../../src/engine/engine-protocol';
import { mostProminent } from '../../../src/engine/detector';
import { SHARED, fileHandler, humanModelPath, initWasm, listDataset, loadModel, mulberry32, readImage, shuffle } from './node';

const PINS_DEV = `${SHARED}/pins-dev`;
const LFW = `${SHARED}/lfw-strangers`;
const repo = path.resolve(import.meta.dirname, '../../..');

export interface Rec {
  person: string;
  file: string;
  set: 'pins' | 'lfw';
  faces: number;
  score: number;
  plain: number[] | null;
  mirror: number[] | null;
  /** Face quality, for the quality gate's measurements: box in image pixels, the image's size, the five points aligned on, */
  box?: [number, number, number, number];
  image?: [number, number];
  points?: [number, number][];
  /** the model's output norm before unit length (plain, mirror), and the Laplacian variance of the grey aligned crop. */
  norms?: [number, number];
  blur?: number;
}

async function loadEmbedder(id: string): Promise<Embedder> {
  // faceres-deep: faceres's graph and preprocessing with weights of its own; not an app model.
  const base = findModel(id === 'faceres-deep' ? 'faceres' : id);
  if (!base) throw new Error(`no model ${id}`);
  const spec = id === 'faceres-deep' ? { ...base, id, url: '/models/human/faceres-deep.json' } : base;
  if (spec.format === 'conv-graph') {
    // The app fetches `${url}.json` / `.bin` from its origin; here they come from public/.
    const real = globalThis.fetch;
    globalThis.fetch = (async (u: string) =>
      new Response(fs.readFileSync(path.join(repo, 'public', String(u))))) as typeof fetch;
    try {
      return await createEmbedder(spec);
    } finally {
      globalThis.fetch = real;
    }
  }
  const file = spec.url.replace(/^\/models\//, '');
  const json = file.startsWith('human/')
    ? humanModelPath(file.slice(6, -'.json'.length))
    : path.join(repo, 'public/models', file);
  return createEmbedder(spec, fileHandler(json));
}

function pick(root: string, perPerson: number): { person: string; file: string }[] {
  const byPerson = new Map<string, string[]>();
  for (const it of listDataset(root)) byPerson.set(it.person, [...(byPerson.get(it.person) ?? []), it.file]);
  const out: { person: string; file: string }[] = [];
  for (const [person, files] of byPerson) {
    for (const file of shuffle(files, mulberry32(1234)).slice(0, perPerson)) out.push({ person, file });
  }
  return out;
}

/** face-api's 68-point landmark net (its Node build), behind the app's own five-point locator. */
async function loadLandmarks68() {
  const { createRequire } = await import('node:module');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const faceapi = createRequire(import.meta.url)('@vladmandic/face-api/dist/face-api.node-wasm.js') as any;
  const dir = path.join(repo, 'node_modules/@vladmandic/face-api/model/');
  const manifest = JSON.parse(fs.readFileSync(dir + 'face_landmark_68_model-weights_manifest.json', 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const specs = manifest.flatMap((g: any) => g.weights);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const all = Buffer.concat(manifest.flatMap((g: any) => g.paths.map((p: string) => fs.readFileSync(dir + p))));
  const map = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), specs);
  const net = new faceapi.FaceLandmark68Net();
  net.loadFromWeightMap(map);
  const wrapped = wrapLandmarkNet(net, faceapi.NetInput);
  // LM=recentre: a second pass on the detector's box moved sideways to the first pass's points;
  // LM=flip: one pass, averaged with the points found on the mirrored crop (what the app's own locator now does
  // without LM: src/engine/landmarks.ts); LM=both: a re-centred second pass, then averaged with the mirror.
  const mode = process.env.LM ?? '';
  if (!mode) return fivePointLocator(wrapped);
  const run = async (img: tf.Tensor3D, box: FaceBox, mirror: boolean) => {
    const crop = landmarkCrop(img, box);
    try {
      return await fivePointsOf(wrapped, crop, box, mirror);
    } finally {
      crop.dispose();
    }
  };
  return async (img: tf.Tensor3D, box: FaceBox) => {
    let b = box;
    if (mode === 'recentre' || mode === 'both') {
      const first = await run(img, box, false);
      b = { ...box, x: first.reduce((s, q) => s + q[0], 0) / 5 - box.width / 2 };
    }
    const plain = await run(img, b, false);
    if (mode === 'recentre') return plain;
    return meanPoints(plain, await run(img, b, true));
  };
}


export async function embedAll(model: string, perPerson: number, variant = '') {
  await initWasm();
  const embedder = await loadEmbedder(model);
  const landmarks = variant === 'lm68' || embedder.spec.landmarks === 'five-point' ? await loadLandmarks68() : null;
  const detector = createDetector(await loadModel('facemesh-detection-short'));
  // ZOOM: another alignment zoom, for multi-scale test-time augmentation.
  const zoom = Number(process.env.ZOOM ?? embedder.spec.alignZoom ?? 1.3);
  // DIR: one other folder instead (e.g. bbt, for the pairs the e2e tests drop on Compare), cached as pd_<model>-<folder>.
  const items = process.env.DIR
    ? pick(process.env.DIR, 1000).map((x) => ({ ...x, set: 'pins' as const }))
    : [
        ...pick(PINS_DEV, perPerson).map((x) => ({ ...x, set: 'pins' as const })),
        ...pick(LFW, 1000).map((x) => ({ ...x, set: 'lfw' as const })),
      ];
  if (process.env.DIR) variant ||= path.basename(process.env.DIR);
  const recs: Rec[] = [];
  const t0 = performance.now();
  for (const [i, it] of items.entries()) {
    const img = readImage(it.file);
    const found = await detectFaces(detector, img, { padding: 0.25 });
    const faces = found.map((d) => ({
      box: { x: d.box[0], y: d.box[1], width: d.box[2], height: d.box[3], score: d.score },
      landmarks: d.keypoints.slice(0, 4),
    }));
    const face = mostProminent(faces);
    const rec: Rec = { ...it, faces: faces.length, score: face?.box.score ?? 0, plain: null, mirror: null };
    if (face) {
      const points = landmarks ? await landmarks(img, face.box) : face.landmarks;
      const crop = landmarks
        ? alignFace(img, points, scaleTemplate(ARCFACE_5_POINT, zoom), embedder.spec.inputSize, 'nearest')
        : alignFace(img, points, scaleTemplate(ARCFACE_TEMPLATE, zoom), embedder.spec.inputSize, 'nearest');
      const out = tf.tidy(() => embedder.forwardViews(tf.expandDims(crop, 0) as tf.Tensor4D, ['plain', 'mirror']));
      const data = (await out.data()) as Float32Array;
      out.dispose();
      rec.blur = tf.tidy(() => {
        const grey = tf.mean(crop, 2, true).expandDims(0) as tf.Tensor4D;
        const k = tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]);
        return tf.moments(tf.conv2d(grey, k, 1, 'valid')).variance.dataSync()[0]!;
      });
      crop.dispose();
      const d = data.length / 2;
      const unitRow = (row: Float32Array) => {
        const n = Math.hypot(...row);
        return { n, v: Array.from(row, (x) => Math.round((x / n) * 1e5) / 1e5) };
      };
      const p = unitRow(data.slice(0, d));
      const m = unitRow(data.slice(d));
      rec.plain = p.v;
      rec.mirror = m.v;
      rec.norms = [p.n, m.n];
      rec.box = [face.box.x, face.box.y, face.box.width, face.box.height];
      rec.image = [img.shape[1], img.shape[0]];
      rec.points = points.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]);
    }
    img.dispose();
    recs.push(rec);
    if (i % 200 === 0) console.log(model, i, '/', items.length, ((performance.now() - t0) / (i + 1)).toFixed(1), 'ms/img', 'tensors', tf.memory().numTensors);
  }
  fs.writeFileSync(`cache/pd_${model}${variant ? `-${variant}` : ''}.json`, JSON.stringify(recs));
  console.log(model, 'done', items.length, 'images', ((performance.now() - t0) / items.length).toFixed(1), 'ms/img; no face', recs.filter((r) => !r.plain).length);
}
