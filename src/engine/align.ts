/**
 * Face cropping and similarity alignment. Pure tfjs (cropAndResize / transform), works on wasm, webgl, cpu.
 */
import * as tf from '@tensorflow/tfjs';
import type { Box, Point } from './blazeface';

/**
 * Alignment template: positions of [eye image-left, eye image-right, nose tip, mouth centre]
 * as fractions of the output square. Derived from the ArcFace/InsightFace 112x112 5-point template
 *   [38.2946,51.6963] [73.5318,51.5014] [56.0252,71.7366] mouth corners [41.5493,92.3655] [70.7299,92.2041]
 * (mouth centre = mean of the corners) divided by 112.
 */
export const ARCFACE_TEMPLATE: Point[] = [
  [38.2946 / 112, 51.6963 / 112],
  [73.5318 / 112, 51.5014 / 112],
  [56.0252 / 112, 71.7366 / 112],
  [56.1396 / 112, 92.2848 / 112],
];

/**
 * Zoom a normalised template out around (0.5, cy) so the face occupies 1/zoom of the crop's width
 * (zoom > 1 adds context such as hair and chin). shiftY moves the face down (positive) in the crop.
 */
export function scaleTemplate(template: Point[], zoom: number, shiftY = 0): Point[] {
  return template.map(([x, y]) => [0.5 + (x - 0.5) / zoom, 0.5 + (y - 0.5) / zoom + shiftY]);
}

/** Least-squares similarity transform (rotation + uniform scale + translation) mapping src -> dst. */
export function fitSimilarity(src: Point[], dst: Point[]): { a: number; b: number; tx: number; ty: number } {
  const n = src.length;
  let sx = 0,
    sy = 0,
    dx = 0,
    dy = 0;
  for (let i = 0; i < n; i++) {
    sx += src[i]![0];
    sy += src[i]![1];
    dx += dst[i]![0];
    dy += dst[i]![1];
  }
  sx /= n;
  sy /= n;
  dx /= n;
  dy /= n;
  let num1 = 0,
    num2 = 0,
    den = 0;
  for (let i = 0; i < n; i++) {
    const px = src[i]![0] - sx,
      py = src[i]![1] - sy;
    const qx = dst[i]![0] - dx,
      qy = dst[i]![1] - dy;
    num1 += px * qx + py * qy;
    num2 += px * qy - py * qx;
    den += px * px + py * py;
  }
  const a = num1 / den;
  const b = num2 / den;
  // x' = a x - b y + tx ; y' = b x + a y + ty
  return { a, b, tx: dx - (a * sx - b * sy), ty: dy - (b * sx + a * sy) };
}

function toFloatBatch(image: tf.Tensor3D): tf.Tensor4D {
  const f = image.dtype === 'float32' ? image : tf.cast(image, 'float32');
  return tf.expandDims(f, 0) as tf.Tensor4D;
}

/**
 * Similarity-align a face. keypoints: image pixels, in the same order as template
 * (for blazeface: the first 4 keypoints). template: normalised [0..1] positions in the output.
 * Returns float32 [outSize, outSize, 3] in the input's range (0..255). Pixels outside the source are
 * 0 ('constant'), the nearest edge pixel ('nearest') or mirrored ('reflect').
 */
export function alignFace(
  image: tf.Tensor3D,
  keypoints: Point[],
  template: Point[],
  outSize: number,
  fill: 'constant' | 'nearest' | 'reflect' = 'constant',
): tf.Tensor3D {
  const m = Math.min(keypoints.length, template.length);
  const dst = template.slice(0, m).map(([x, y]) => [x * outSize, y * outSize] as Point);
  // transform maps OUTPUT pixel -> INPUT pixel, so fit template(out) -> keypoints(in)
  const t = fitSimilarity(dst, keypoints.slice(0, m));
  return tf.tidy(() => {
    const batch = toFloatBatch(image);
    const transforms = tf.tensor2d([[t.a, -t.b, t.tx, t.b, t.a, t.ty, 0, 0]]);
    const out = tf.image.transform(batch, transforms, 'bilinear', fill, 0, [outSize, outSize]);
    return tf.squeeze(out, [0]) as tf.Tensor3D;
  });
}

/**
 * Crop a box enlarged by `scale` around its centre (optionally squared on the longer side) and
 * resize to outSize x outSize. Parts outside the image are 0. Float32 output, input range kept.
 * yShift moves the crop centre down by that fraction of the (enlarged) box height.
 */
export function cropBox(
  image: tf.Tensor3D,
  box: Box,
  scale: number,
  outSize: number,
  square = true,
  yShift = 0,
): tf.Tensor3D {
  const [h, w] = image.shape;
  let bw = box[2] * scale;
  let bh = box[3] * scale;
  if (square) {
    bw = Math.max(bw, bh);
    bh = bw;
  }
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2 + yShift * bh;
  const y1 = (cy - bh / 2) / (h - 1),
    x1 = (cx - bw / 2) / (w - 1);
  const y2 = (cy + bh / 2) / (h - 1),
    x2 = (cx + bw / 2) / (w - 1);
  return tf.tidy(() => {
    const out = tf.image.cropAndResize(
      toFloatBatch(image),
      [[y1, x1, y2, x2]],
      [0],
      [outSize, outSize],
      'bilinear',
      0,
    );
    return tf.squeeze(out, [0]) as tf.Tensor3D;
  });
}

/** Whole image resized (no aspect preservation) — what human does for faceres on an already-cropped face. */
export function resizeWhole(image: tf.Tensor3D, outSize: number): tf.Tensor3D {
  return tf.tidy(() => {
    const f = image.dtype === 'float32' ? image : tf.cast(image, 'float32');
    return tf.image.resizeBilinear(f as tf.Tensor3D, [outSize, outSize], false);
  });
}
