// Single-process timing (warm medians) + tensor-leak check of the lib pipeline. Run when nothing else is running.
import { SHARED } from './node';
import * as tf from '@tensorflow/tfjs';
import { initWasm, loadModel, readImage, listDataset } from './node';
import { createDetector, detectFaces, cropBox, alignFace, scaleTemplate, ARCFACE_TEMPLATE, embed, embedFaces,
  FACERES, FACERES_DEEP, MOBILEFACE, DEFAULT_PIPELINE, type FaceDetection } from '../lib';

await initWasm();
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
const files = [...listDataset(SHARED + '/pins-mini').filter((_, i) => i % 30 === 0), ...listDataset(SHARED + '/lfw-strangers').filter((_, i) => i % 4 === 0)];
const imgs = files.map((f) => readImage(f.file));
const res: Record<string, number[]> = {};
const t = async (k: string, f: () => Promise<unknown> | unknown) => { const t0 = performance.now(); const r = await f(); (res[k] ??= []).push(performance.now() - t0); return r; };
for (const d of ['facemesh-detection-short', 'facemesh-detection-full', 'blazeface']) {
  const det = createDetector(await loadModel(d));
  for (const im of imgs) await t(`detect ${d}`, () => detectFaces(det, im, { padding: 0.25 }));
}
const det = createDetector(await loadModel('facemesh-detection-short'));
const faces: FaceDetection[] = [];
for (const im of imgs) faces.push((await detectFaces(det, im, { padding: 0.25 }))[0]!);
for (const [spec, name] of [[FACERES, 'faceres'], [FACERES_DEEP, 'faceres-deep'], [MOBILEFACE, 'mobileface']] as const) {
  const m = await loadModel(name);
  for (let i = 0; i < imgs.length; i++) {
    const c = await t(`crop box ${spec.inputSize}`, () => { const c = cropBox(imgs[i], faces[i].box, 1.4, spec.inputSize); c.dataSync(); return c; }) as tf.Tensor3D;
    const a = await t(`align ${spec.inputSize}`, () => { const a = alignFace(imgs[i], faces[i].keypoints.slice(0, 4), scaleTemplate(ARCFACE_TEMPLATE, 1.6), spec.inputSize, 'nearest'); a.dataSync(); return a; }) as tf.Tensor3D;
    await t(`embed ${name}`, () => embed(m, spec, c, false));
    await t(`embed ${name} +flip`, () => embed(m, spec, c, true));
    c.dispose(); a.dispose();
  }
  if (name === 'faceres') {
    const before = tf.memory().numTensors;
    for (const im of imgs) await t('full pipeline faceres (detect+box1.4+flip)', () => embedFaces(det, m, spec, im, DEFAULT_PIPELINE));
    console.log('leak check: tensors before', before, 'after', tf.memory().numTensors);
  }
}
for (const [k, v] of Object.entries(res)) console.log(`${k}: median ${med(v.slice(2)).toFixed(1)} ms (n=${v.length - 2}, first ${v[0].toFixed(0)} ms)`);
