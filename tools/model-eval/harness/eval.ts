/**
 * Likeness model evaluation harness (node + tfjs wasm).
 *   npx tsx harness/eval.ts detect <detector>            -> cache/det_<detector>.json (+ detection rates)
 *   npx tsx harness/eval.ts embed <model> <crop> [det]   -> cache/emb_<model>_<crop>.json
 *        crop: whole | human | box:<scale>[:<yshift>] | align:<zoom>[:<fill>] | eyes:<zoom>
 *   npx tsx harness/eval.ts metrics                     -> cache/metrics.md (all cached embeddings)
 */
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { SHARED, initWasm, loadModel, readImage, listDataset, mulberry32, shuffle, writePNG } from './node';
import {
  createDetector, detectFaces, alignFace, cropBox, resizeWhole, scaleTemplate, ARCFACE_TEMPLATE,
  FACERES, FACERES_DEEP, MOBILEFACE, MOBILEFACENET, embed, l2normalize, euclidean, concatEmbeddings,
  type FaceDetection, type EmbedderSpec,
} from '../lib';

const PINS = SHARED + '/pins-mini';
const BBT = SHARED + '/bbt';
const LFW = SHARED + '/lfw-strangers';
const PAD = 0.25;
const SPECS: Record<string, EmbedderSpec> = {
  faceres: FACERES, 'faceres-deep': FACERES_DEEP, mobileface: MOBILEFACE, mobilefacenet: MOBILEFACENET,
  'mobilefacenet01': { ...MOBILEFACENET, name: 'mobilefacenet01', mul: 1 / 255, add: 0 },
  'faceres01': { ...FACERES, name: 'faceres01', mul: 1 / 255, add: 0 },
};
const modelFile = (m: string) => (m.startsWith('faceres01') ? 'faceres' : m.startsWith('mobilefacenet') ? 'mobilefacenet' : m);

interface DetRec { file: string; person: string; w: number; h: number; ms: number; faces: FaceDetection[] }

async function runDetect(detName: string) {
  const det = createDetector(await loadModel(detName));
  const out: Record<string, DetRec[]> = {};
  const summary: string[] = [];
  for (const [ds, root] of [['pins', PINS], ['bbt', BBT], ['lfw', LFW]] as const) {
    for (const pad of [0, PAD]) {
      const recs: DetRec[] = [];
      for (const it of listDataset(root)) {
        const img = readImage(it.file);
        const t0 = performance.now();
        const faces = await detectFaces(det, img, { padding: pad, maxFaces: 3, minScore: 0.5 });
        const ms = performance.now() - t0;
        recs.push({ file: it.file, person: it.person, w: img.shape[1], h: img.shape[0], ms, faces });
        img.dispose();
      }
      const found = recs.filter((r) => r.faces.length > 0).length;
      const ms = recs.slice(5).reduce((s, r) => s + r.ms, 0) / Math.max(1, recs.length - 5);
      const line = `${detName} ${ds} pad=${pad}: face found ${found}/${recs.length} (${(100 * found / recs.length).toFixed(1)}%), ${ms.toFixed(1)} ms/img`;
      console.log(line); summary.push(line);
      if (pad === PAD) out[ds] = recs;
    }
  }
  fs.writeFileSync(`cache/det_${detName}.json`, JSON.stringify(out));
  fs.appendFileSync('cache/detect_summary.txt', summary.join('\n') + '\n');
  console.log('tensors', tf.memory().numTensors);
}

function makeCrop(img: tf.Tensor3D, crop: string, size: number, face: FaceDetection | undefined): tf.Tensor3D {
  const [kind, a, b] = crop.replace('+flip', '').split(':');
  if (kind === 'whole' || !face) return resizeWhole(img, size);
  if (kind === 'human') {
    // human: box enlarged 1.4, squared, cut to 192 (facemesh input) then faceres resizes to 224
    const c = cropBox(img, face.box, 1.4, 192, true);
    const r = resizeWhole(c, size); c.dispose(); return r;
  }
  if (kind === 'box') return cropBox(img, face.box, Number(a), size, true, Number(b ?? 0));
  if (kind === 'align') return alignFace(img, face.keypoints.slice(0, 4), scaleTemplate(ARCFACE_TEMPLATE, Number(a)), size, (b as 'constant' | 'nearest' | 'reflect') ?? 'constant');
  if (kind === 'eyes') return alignFace(img, face.keypoints.slice(0, 2), scaleTemplate(ARCFACE_TEMPLATE, Number(a)).slice(0, 2), size, 'nearest');
  throw new Error('bad crop ' + crop);
}

/** face-api.js FaceRecognitionNet (150x150 -> 128), loaded from its weight manifest; low-priority comparison. */
async function loadFaceApi(): Promise<(c: tf.Tensor3D) => Promise<Float32Array>> {
  // face-api's node build is untyped here (its .d.ts carries its own tfjs); only two calls are made on it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const faceapi = (await import('node:module')).createRequire(import.meta.url)('@vladmandic/face-api/dist/face-api.node-wasm.js') as any;
  const dir = 'node_modules/@vladmandic/face-api/model/';
  const manifest = JSON.parse(fs.readFileSync(dir + 'face_recognition_model-weights_manifest.json', 'utf8'));
  const groups = manifest as { weights: tf.io.WeightsManifestEntry[]; paths: string[] }[];
  const specs = groups.flatMap((g) => g.weights);
  const bufs = groups.flatMap((g) => g.paths.map((p: string) => fs.readFileSync(dir + p)));
  const all = Buffer.concat(bufs);
  const map = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), specs);
  const net = new faceapi.FaceRecognitionNet();
  net.loadFromWeightMap(map);
  return async (c: tf.Tensor3D) => l2normalize(await net.computeFaceDescriptor(c) as Float32Array);
}

async function runEmbed(modelName: string, crop: string, detName = 'facemesh-detection-short') {
  if (modelName === 'faceapi') { await runEmbedFaceApi(crop, detName); return; }
  const spec = SPECS[modelName];
  const model = await loadModel(modelFile(modelName));
  // crop suffix '@rot<deg>': rotate every image by +/-deg (alternating) before detection, detect inline.
  // metrics then enrols with the unrotated embeddings of the same crop and probes with the rotated ones.
  const rotDeg = crop.includes('@rot') ? Number(crop.split('@rot')[1]) : 0;
  const baseCrop = crop.split('@')[0];
  const rotDet = rotDeg ? createDetector(await loadModel(detName)) : null;
  const dets: DetRec[] = crop === 'whole' || rotDeg ? listDataset(PINS).map((it) => ({ ...it, w: 0, h: 0, ms: 0, faces: [] }))
    : JSON.parse(fs.readFileSync(`cache/det_${detName}.json`, 'utf8')).pins;
  const emb: number[][] = []; const embFlip: number[][] = [];
  let tCrop = 0, tEmb = 0, nNoFace = 0;
  for (let i = 0; i < dets.length; i++) {
    const r = dets[i];
    let img = readImage(r.file);
    if (rotDeg) {
      const rad = ((i % 2 ? -1 : 1) * rotDeg * Math.PI) / 180;
      const rot = tf.tidy(() => tf.squeeze(tf.image.rotateWithOffset(tf.expandDims(tf.cast(img, 'float32'), 0) as tf.Tensor4D, rad, 0), [0])) as tf.Tensor3D;
      img.dispose(); img = rot;
      r.faces = await detectFaces(rotDet!, img, { padding: PAD, maxFaces: 1, minScore: 0.5 });
    }
    const face = r.faces[0];
    if (crop !== 'whole' && !face) nNoFace++;
    const t0 = performance.now();
    const c = makeCrop(img, baseCrop, spec.inputSize, face);
    await c.data();
    const t1 = performance.now();
    const [e] = await embed(model, spec, c, false);
    const t2 = performance.now();
    const [ef] = await embed(model, spec, tf.tidy(() => tf.reverse(c, 1)) as tf.Tensor3D, false);
    if (i < 3) writePNG(`cache/crop_${modelName}_${crop.replace(/:/g, '_')}_${i}.png`, c);
    img.dispose(); c.dispose();
    if (i >= 3) { tCrop += t1 - t0; tEmb += t2 - t1; }
    emb.push(Array.from(e)); embFlip.push(Array.from(ef));
  }
  const n = dets.length - 3;
  const rec = { model: modelName, crop, det: crop === 'whole' ? null : detName, files: dets.map((d) => d.file), persons: dets.map((d) => d.person), emb, embFlip, msCrop: tCrop / n, msEmbed: tEmb / n, nNoFace };
  fs.writeFileSync(`cache/emb_${modelName}_${crop.replace(/:/g, '_')}.json`, JSON.stringify(rec));
  console.log(`${modelName} ${crop}: ${(tCrop / n).toFixed(1)} ms crop, ${(tEmb / n).toFixed(1)} ms embed, noFace ${nNoFace}, tensors ${tf.memory().numTensors}`);
}

async function runEmbedFaceApi(crop: string, detName: string) {
  const f = await loadFaceApi();
  const dets: DetRec[] = JSON.parse(fs.readFileSync(`cache/det_${detName}.json`, 'utf8')).pins;
  const emb: number[][] = []; const embFlip: number[][] = [];
  let tEmb = 0;
  for (let i = 0; i < dets.length; i++) {
    const img = readImage(dets[i].file);
    const c = makeCrop(img, crop, 150, dets[i].faces[0]);
    const t0 = performance.now();
    emb.push(Array.from(await f(c)));
    tEmb += performance.now() - t0;
    const cf = tf.tidy(() => tf.reverse(c, 1)) as tf.Tensor3D;
    embFlip.push(Array.from(await f(cf)));
    if (i < 3) writePNG(`cache/crop_faceapi_${crop.replace(/:/g, '_')}_${i}.png`, c);
    img.dispose(); c.dispose(); cf.dispose();
  }
  const rec = { model: 'faceapi', crop, det: crop === 'whole' ? null : detName, files: dets.map((d) => d.file), persons: dets.map((d) => d.person), emb, embFlip, msCrop: 0, msEmbed: tEmb / dets.length, nNoFace: 0 };
  fs.writeFileSync(`cache/emb_faceapi_${crop.replace(/:/g, '_')}.json`, JSON.stringify(rec));
  console.log(`faceapi ${crop}: ${(tEmb / dets.length).toFixed(1)} ms embed, tensors ${tf.memory().numTensors}`);
}

// ---------- metrics ----------
interface EmbSet { probeVecs?: Float32Array[]; name: string; persons: string[]; files: string[]; vecs: Float32Array[]; ms: number; flip: boolean; model: string; crop: string; det: string | null }

function pct(sorted: number[], p: number) { return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]; }

function evaluate(set: EmbSet, seed: number) {
  const byPerson = new Map<string, number[]>();
  set.persons.forEach((p, i) => { if (!byPerson.has(p)) byPerson.set(p, []); byPerson.get(p)!.push(i); });
  const people = [...byPerson.keys()].sort();
  const centroids: Float32Array[] = []; const probes: [number, number][] = [];
  const rnd = mulberry32(seed);
  people.forEach((p, pi) => {
    const idx = byPerson.get(p)!.slice().sort((a, b) => (set.files[a] < set.files[b] ? -1 : 1));
    const sh = shuffle(idx, rnd);
    const enrol = sh.slice(0, 10);
    const c = new Float32Array(set.vecs[0].length);
    for (const i of enrol) { const v = set.vecs[i]; for (let k = 0; k < c.length; k++) c[k] += v[k]; }
    centroids.push(l2normalize(c));
    for (const i of sh.slice(10)) probes.push([i, pi]);
  });
  let correct = 0, noMatch = 0;
  const gen: number[] = [], imp: number[] = [], nearestImp: number[] = [];
  for (const [i, pi] of probes) {
    const pv = set.probeVecs ? set.probeVecs[i] : set.vecs[i];
    const d = centroids.map((c) => euclidean(pv, c));
    let best = 0; for (let k = 1; k < d.length; k++) if (d[k] < d[best]) best = k;
    if (best === pi) correct++;
    if (d[best] > 1.0) noMatch++;
    gen.push(d[pi]);
    let ni = Infinity;
    d.forEach((x, k) => { if (k !== pi) { imp.push(x); ni = Math.min(ni, x); } });
    nearestImp.push(ni);
  }
  gen.sort((a, b) => a - b); imp.sort((a, b) => a - b); nearestImp.sort((a, b) => a - b);
  // threshold maximising (genuine accepted & correct) - false accepts: pick thr with equal error between gen and nearest-impostor
  let eer = 1, eerThr = 0;
  for (let t = 0.0; t <= 1.6; t += 0.005) {
    const frr = gen.filter((x) => x > t).length / gen.length;
    const far = nearestImp.filter((x) => x <= t).length / nearestImp.length;
    if (Math.abs(frr - far) < Math.abs(eer)) { eer = frr - far; eerThr = t; }
  }
  const thr = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.1, 1.2].map((t) => ({
    t,
    // closed-set: probe correctly identified AND below threshold
    genAcc: 0, strangerAcc: 0,
  }));
  for (const r of thr) {
    r.genAcc = gen.filter((x) => x <= r.t).length / gen.length;
    r.strangerAcc = nearestImp.filter((x) => x <= r.t).length / nearestImp.length;
  }
  return {
    thr,
    top1: correct / probes.length, noMatch: noMatch / probes.length,
    genMean: gen.reduce((s, x) => s + x, 0) / gen.length, gen95: pct(gen, 0.95), genMax: gen[gen.length - 1], genMin: gen[0],
    imp5: pct(imp, 0.05), impMin: imp[0], nearImp5: pct(nearestImp, 0.05), eerThr,
    eer: gen.filter((x) => x > eerThr).length / gen.length,
  };
}

function loadSets(): EmbSet[] {
  const sets: EmbSet[] = [];
  for (const f of fs.readdirSync('cache').filter((x) => x.startsWith('emb_') && x.endsWith('.json')).sort()) {
    const r = JSON.parse(fs.readFileSync('cache/' + f, 'utf8'));
    const base = r.emb.map((v: number[]) => l2normalize(Float32Array.from(v)));
    const flip = r.embFlip.map((v: number[]) => l2normalize(Float32Array.from(v)));
    const both = base.map((v: Float32Array, i: number) => l2normalize(v.map((x, k) => x + flip[i][k])));
    const ms = r.msCrop + r.msEmbed;
    if (String(r.crop).includes('@rot')) {
      const baseName = `${r.model} ${String(r.crop).split('@')[0]}`;
      const b1 = sets.find((x) => x.name === baseName); const b2 = sets.find((x) => x.name === baseName + ' +flip');
      if (!b1 || !b2) { console.log('no base set for', f); continue; }
      sets.push({ ...b1, name: `${r.model} ${r.crop}`, crop: r.crop, probeVecs: base, ms });
      sets.push({ ...b2, name: `${r.model} ${r.crop} +flip`, crop: r.crop, probeVecs: both, ms: ms + r.msEmbed });
      continue;
    }
    sets.push({ name: `${r.model} ${r.crop}`, model: r.model, crop: r.crop, det: r.det, persons: r.persons, files: r.files, vecs: base, ms, flip: false });
    sets.push({ name: `${r.model} ${r.crop} +flip`, model: r.model, crop: r.crop, det: r.det, persons: r.persons, files: r.files, vecs: both, ms: ms + r.msEmbed, flip: true });
    // Flip for one side only: enrolment images plain and probes flipped, or the other way round.
    sets.push({ name: `${r.model} ${r.crop} enrol plain, probe +flip`, model: r.model, crop: `${r.crop} enrol plain/probe flip`, det: r.det, persons: r.persons, files: r.files, vecs: base, probeVecs: both, ms, flip: true });
    sets.push({ name: `${r.model} ${r.crop} enrol +flip, probe plain`, model: r.model, crop: `${r.crop} enrol flip/probe plain`, det: r.det, persons: r.persons, files: r.files, vecs: both, probeVecs: base, ms, flip: true });
  }
  return sets;
}

function runMetrics(extra: string[]) {
  const sets = loadSets();
  // ensembles given as "nameA|nameB" args
  for (const e of extra) {
    const parts = e.split('|').map((n) => sets.find((s) => s.name === n));
    if (parts.some((p) => !p)) { console.log('missing for ensemble', e); continue; }
    const ps = parts as EmbSet[];
    sets.push({ ...ps[0], name: 'ENS ' + e, model: 'ensemble', crop: e, vecs: ps[0].vecs.map((_, i) => concatEmbeddings(ps.map((p) => p.vecs[i]))), ms: ps.reduce((s, p) => s + p.ms, 0), flip: ps.some((p) => p.flip) });
  }
  const seeds = [42, 1, 7, 123, 2024];
  const rows: string[] = [];
  rows.push('| model / crop | det+align | flip | top-1 % (seed 42) | top-1 % mean of 5 seeds [min-max] | no-match@1.0 % | genuine mean / 95th pct | impostor 5th pct (all / nearest) | EER thr (EER %) | ms/face (crop+embed) |');
  rows.push('|---|---|---|---|---|---|---|---|---|---|');
  const res = sets.map((s) => ({ s, r: seeds.map((sd) => evaluate(s, sd)) }));
  res.sort((a, b) => b.r.reduce((x, y) => x + y.top1, 0) - a.r.reduce((x, y) => x + y.top1, 0));
  for (const { s, r } of res) {
    const m = (f: (x: ReturnType<typeof evaluate>) => number) => r.reduce((acc, x) => acc + f(x), 0) / r.length;
    const t1 = r.map((x) => x.top1 * 100);
    rows.push(`| ${s.model} ${s.crop} | ${s.det ? s.det : 'no'} | ${s.flip ? 'yes' : 'no'} | ${t1[0].toFixed(1)} | ${m((x) => x.top1 * 100).toFixed(1)} [${Math.min(...t1).toFixed(1)}-${Math.max(...t1).toFixed(1)}] | ${m((x) => x.noMatch * 100).toFixed(1)} | ${m((x) => x.genMean).toFixed(3)} / ${m((x) => x.gen95).toFixed(3)} | ${m((x) => x.imp5).toFixed(3)} / ${m((x) => x.nearImp5).toFixed(3)} | ${m((x) => x.eerThr).toFixed(2)} (${m((x) => x.eer * 100).toFixed(1)}) | ${s.ms.toFixed(0)} |`);
  }
  rows.push('', '### Open-set threshold sweep (mean over 5 seeds): genuine accepted % (probe-to-own-centroid distance <= t) / stranger accepted % (probe with its own person removed: nearest other centroid <= t)', '');
  const ts = res[0].r[0].thr.map((x) => x.t);
  rows.push('| model / crop | flip | ' + ts.map((t) => `t=${t}`).join(' | ') + ' |');
  rows.push('|---|---|' + ts.map(() => '---').join('|') + '|');
  for (const { s, r } of res.slice(0, 14)) {
    rows.push(`| ${s.model} ${s.crop} | ${s.flip ? 'yes' : 'no'} | ` + ts.map((_, k) => `${(100 * r.reduce((a, x) => a + x.thr[k].genAcc, 0) / r.length).toFixed(0)} / ${(100 * r.reduce((a, x) => a + x.thr[k].strangerAcc, 0) / r.length).toFixed(0)}`).join(' | ') + ' |');
  }
  const md = rows.join('\n');
  fs.writeFileSync('cache/metrics.md', md + '\n');
  console.log(md);
}

/** Cross-dataset check: bbt (8x5, leave-one-out nearest centroid) and lfw-strangers (20x2 pairs). */
async function runXeval(modelName: string, crop: string, detName = 'facemesh-detection-short') {
  const spec = SPECS[modelName];
  const model = await loadModel(modelFile(modelName));
  const dets = JSON.parse(fs.readFileSync(`cache/det_${detName}.json`, 'utf8')) as Record<string, DetRec[]>;
  const lines: string[] = [];
  for (const ds of ['bbt', 'lfw']) {
    const recs = dets[ds];
    const vecs: Float32Array[] = [];
    for (const r of recs) {
      const img = readImage(r.file);
      const c = makeCrop(img, crop, spec.inputSize, r.faces[0]);
      vecs.push((await embed(model, spec, c, crop.endsWith('+flip')))[0]);
      img.dispose(); c.dispose();
    }
    const gen: number[] = [], imp: number[] = [];
    for (let i = 0; i < recs.length; i++) for (let j = i + 1; j < recs.length; j++) {
      (recs[i].person === recs[j].person ? gen : imp).push(euclidean(vecs[i], vecs[j]));
    }
    gen.sort((a, b) => a - b); imp.sort((a, b) => a - b);
    // leave-one-out nearest centroid (centroid of the other images of each person)
    let correct = 0;
    const people = [...new Set(recs.map((r) => r.person))];
    for (let i = 0; i < recs.length; i++) {
      let best = ''; let bd = Infinity;
      for (const p of people) {
        const idx = recs.map((r, k) => k).filter((k) => k !== i && recs[k].person === p);
        if (!idx.length) continue;
        const c = new Float32Array(vecs[0].length);
        for (const k of idx) vecs[k].forEach((x, d) => { c[d] += x; });
        const dd = euclidean(vecs[i], l2normalize(c));
        if (dd < bd) { bd = dd; best = p; }
      }
      if (best === recs[i].person) correct++;
    }
    const line = `${modelName} ${crop} ${ds}: LOO top-1 ${(100 * correct / recs.length).toFixed(1)}%, pair genuine mean ${(gen.reduce((a, b) => a + b, 0) / gen.length).toFixed(3)} max ${gen[gen.length - 1].toFixed(3)}, impostor min ${imp[0].toFixed(3)} 5th pct ${pct(imp, 0.05).toFixed(3)}`;
    console.log(line); lines.push(line);
  }
  fs.appendFileSync('cache/xeval.txt', lines.join('\n') + '\n');
}

await initWasm();
const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'detect') await runDetect(args[0] ?? 'facemesh-detection-short');
else if (cmd === 'embed') await runEmbed(args[0], args[1], args[2]);
else if (cmd === 'metrics') runMetrics(args);
else if (cmd === 'xeval') await runXeval(args[0], args[1], args[2]);
else console.log('usage: detect|embed|metrics');
