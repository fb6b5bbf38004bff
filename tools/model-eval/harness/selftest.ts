// Quick self-test of lib/ on the wasm backend: detection, keypoint order, alignment, embedding norm, distances, leaks.
import { SHARED } from './node';
import * as tf from '@tensorflow/tfjs';
import { initWasm, loadModel, readImage, listDataset } from './node';
import { createDetector, detectFaces, alignFace, ARCFACE_TEMPLATE, scaleTemplate, embedFaces, euclidean, FACERES, DEFAULT_PIPELINE } from '../lib';

const assert = (c: boolean, m: string) => { if (!c) { console.error('FAIL', m); process.exit(1); } console.log('ok  ', m); };
await initWasm();
const det = createDetector(await loadModel('facemesh-detection-short'));
const fr = await loadModel('faceres');
const items = listDataset(SHARED + '/pins-mini');
const [a1, a2, b1] = [items[0], items[1], items[40]].map((i) => readImage(i.file));
const before = tf.memory().numTensors;
const faces = await detectFaces(det, a1, { padding: 0.25 });
assert(faces.length === 1, 'one face detected');
const k = faces[0].keypoints;
assert(k.length === 6 && k[0][0] < k[1][0] && k[2][1] > k[0][1] && k[3][1] > k[2][1], 'keypoint order: eyeL, eyeR, nose, mouth');
const al = alignFace(a1, k.slice(0, 4), scaleTemplate(ARCFACE_TEMPLATE, 1.3), 224, 'nearest');
assert(al.shape.join() === '224,224,3' && al.dtype === 'float32', 'alignFace shape');
al.dispose();
const [e1] = await embedFaces(det, fr, FACERES, a1, DEFAULT_PIPELINE);
const [e2] = await embedFaces(det, fr, FACERES, a2, DEFAULT_PIPELINE);
const [e3] = await embedFaces(det, fr, FACERES, b1, DEFAULT_PIPELINE);
assert(e1.embedding.length === 1024 && Math.abs(euclidean(e1.embedding, new Float32Array(1024)) - 1) < 1e-4, 'embedding is 1024-d unit length');
const same = euclidean(e1.embedding, e2.embedding); const diff = euclidean(e1.embedding, e3.embedding);
console.log(`     same-person ${same.toFixed(3)}  different-person ${diff.toFixed(3)}`);
assert(same < diff, 'same person closer than different person');
assert(tf.memory().numTensors === before, `no tensor leak (${before} -> ${tf.memory().numTensors})`);
console.log('ALL OK');
