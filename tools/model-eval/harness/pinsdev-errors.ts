/** Lists the closed-set mistakes of one cached pins-dev run (npx tsx ... <spec> <seed>), for error classes. */
import type * as tf from '@tensorflow/tfjs';
import { closed, loadFused } from './pinsdev';
const [spec = 'arcface-mbf', seed = '42'] = process.argv.slice(2);
const imgs = loadFused(spec);
const faces = new Map(imgs.map((i) => [i.file, i.faces]));
const r = closed(imgs, Number(seed), (list) => {
  const vs = list.filter((i) => i.enrol).map((i) => i.enrol!);
  const out = new Float32Array(vs[0]!.length);
  for (const v of vs) for (let k = 0; k < v.length; k++) out[k]! += v[k]!;
  const n = Math.hypot(...out);
  return out.map((x) => x / n);
});
for (const x of r.results.filter((x) => x.predicted !== x.person)) {
  const own = r.database.get(x.person)!;
  const probe = imgs.find((i) => i.file === x.file)!.probe!;
  const dOwn = Math.sqrt(own.reduce((s, v, k) => s + (v - probe[k]!) ** 2, 0));
  console.log([x.file.split('/pins-dev/')[1], '→', x.predicted, x.d.toFixed(3), 'own', dOwn.toFixed(3), 'faces', faces.get(x.file)].join(' '));
}

// A montage of each mistake: the photo (resized) above the aligned crop the model saw.
if (process.argv[4]) {
  const tf = await import('@tensorflow/tfjs');
  const node = await import('./node');
  const { createDetector, detectFaces } = await import('../../../src/engine/blazeface');
  const { alignFace, scaleTemplate, resizeWhole } = await import('../../../src/engine/align');
  const { ARCFACE_5_POINT, fivePointLocator, wrapLandmarkNet } = await import('../../../src/engine/landmarks');
  const { mostProminent } = await import('../../../src/engine/detector');
  await node.initWasm();
  const { createRequire } = await import('node:module');
  const fs = await import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const faceapi = createRequire(import.meta.url)('@vladmandic/face-api/dist/face-api.node-wasm.js') as any;
  const dir = '../../node_modules/@vladmandic/face-api/model/';
  const manifest = JSON.parse(fs.readFileSync(dir + 'face_landmark_68_model-weights_manifest.json', 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const all = Buffer.concat(manifest.flatMap((g: any) => g.paths.map((p: string) => fs.readFileSync(dir + p))));
  const net = new faceapi.FaceLandmark68Net();
  net.loadFromWeightMap(tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), manifest.flatMap((g: { weights: unknown[] }) => g.weights) as tf.io.WeightsManifestEntry[]));
  const five = fivePointLocator(wrapLandmarkNet(net, faceapi.NetInput));
  const det = createDetector(await node.loadModel('facemesh-detection-short'));
  const tiles: tf.Tensor3D[] = [];
  for (const x of r.results.filter((x) => x.predicted !== x.person)) {
    const img = node.readImage(x.file);
    const found = (await detectFaces(det, img, { padding: 0.25 })).map((d) => ({
      box: { x: d.box[0], y: d.box[1], width: d.box[2], height: d.box[3], score: d.score },
      landmarks: d.keypoints.slice(0, 4),
    }));
    const face = mostProminent(found)!;
    const crop = alignFace(img, await five(img, face.box), scaleTemplate(ARCFACE_5_POINT, 1), 112, 'nearest');
    const photo = resizeWhole(img, 112);
    tiles.push(tf.concat([photo, crop], 0) as tf.Tensor3D);
    img.dispose();
  }
  node.writePNG(process.argv[4], tf.concat(tiles, 1) as tf.Tensor3D);
}
