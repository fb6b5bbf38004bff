/**
 * Five-point landmarks for ArcFace-style alignment, from face-api's 68-point landmark net run on the
 * detector's box. BlazeFace's own keypoints (eye centres, nose, mouth centre) are coarse; ArcFace
 * models were trained on faces warped by eye centres, nose tip and both mouth corners, and on
 * pins-dev this alignment gave arcface-mbf 98.70 % top-1 against 98.42 % (docs/models.md).
 */
import * as tf from '@tensorflow/tfjs';
import type { Point } from './blazeface';
import { cropBox } from './align';
import type { FaceBox } from './engine-protocol';

/** ArcFace's 112 px 5-point template as fractions: eyes (image left first), nose tip, mouth corners. */
export const ARCFACE_5_POINT: Point[] = [
  [38.2946 / 112, 51.6963 / 112],
  [73.5318 / 112, 51.5014 / 112],
  [56.0252 / 112, 71.7366 / 112],
  [41.5493 / 112, 92.3655 / 112],
  [70.7299 / 112, 92.2041 / 112],
];

/** The landmark net sees the box squared and enlarged this much, at its own 112 px input. */
export const landmarkBoxScale = 1.1;
const netSize = 112;

/** The square region the landmark net sees, in image pixels. */
export function landmarkRegion(box: FaceBox): { x: number; y: number; side: number } {
  const side = Math.max(box.width, box.height) * landmarkBoxScale;
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, side };
}

/** 68 points relative to the region (0..1) → the 5 ArcFace points in image pixels. */
export function fivePointsFrom68(relative: readonly { x: number; y: number }[], box: FaceBox): Point[] {
  if (relative.length !== 68) throw new Error(`Expected 68 landmarks, got ${relative.length}`);
  const r = landmarkRegion(box);
  const pts = relative.map((p) => [r.x + p.x * r.side, r.y + p.y * r.side] as Point);
  const mean = (from: number, to: number): Point => {
    const sel = pts.slice(from, to);
    return [sel.reduce((s, p) => s + p[0], 0) / sel.length, sel.reduce((s, p) => s + p[1], 0) / sel.length];
  };
  // iBUG 68: 36–41 the image-left eye, 42–47 the image-right eye, 30 nose tip, 48 / 54 mouth corners.
  return [mean(36, 42), mean(42, 48), pts[30]!, pts[48]!, pts[54]!];
}

/** What the app needs of face-api's FaceLandmark68Net: 68 points relative to a square crop (0..1). */
export interface LandmarkNet {
  landmarks68(crop: tf.Tensor3D): Promise<{ x: number; y: number }[]>;
  dispose(): void;
}

export type FivePointLocator = (image: tf.Tensor3D, box: FaceBox) => Promise<Point[]>;

/** The square crop around a detector box that the 68-point net is shown. */
export function landmarkCrop(image: tf.Tensor3D, box: FaceBox): tf.Tensor3D {
  return cropBox(image, [box.x, box.y, box.width, box.height], landmarkBoxScale, netSize, true);
}

/**
 * Five points from one look of the net at `crop` (landmarkCrop of `box`), or at its mirror image
 * with the points mirrored back: the image-left eye is then found where the image-right one was, and
 * so on.
 */
export async function fivePointsOf(
  net: LandmarkNet,
  crop: tf.Tensor3D,
  box: FaceBox,
  mirror: boolean,
): Promise<Point[]> {
  if (!mirror) return fivePointsFrom68(await net.landmarks68(crop), box);
  const flipped = tf.tidy(() => tf.reverse(crop, 1) as tf.Tensor3D);
  try {
    const m = fivePointsFrom68(
      (await net.landmarks68(flipped)).map((q) => ({ x: 1 - q.x, y: q.y })),
      box,
    );
    return [m[1]!, m[0]!, m[2]!, m[4]!, m[3]!];
  } finally {
    flipped.dispose();
  }
}

/** The point-by-point mean of two sets of points. */
export const meanPoints = (a: Point[], b: Point[]): Point[] =>
  a.map((q, i) => [(q[0] + b[i]![0]) / 2, (q[1] + b[i]![1]) / 2]);

/** The net on the face and on its mirror image, the two sets of five points averaged: the mean halves the net's one-sided error. */
export function fivePointLocator(net: LandmarkNet): FivePointLocator {
  return async (image, box) => {
    const crop = landmarkCrop(image, box);
    try {
      return meanPoints(await fivePointsOf(net, crop, box, false), await fivePointsOf(net, crop, box, true));
    } finally {
      crop.dispose();
    }
  };
}

/** The parts of a face-api FaceLandmark68Net instance used here (its .d.ts has its own Tensor type). */
export interface FaceApiLandmarkNet {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forwardInput(input: any): tf.Tensor2D;
  dispose(): void;
}

/**
 * Wraps a loaded FaceLandmark68Net. forwardInput on a square [112, 112, 3] crop gives [1, 136]:
 * x, y pairs relative to the crop. Going through NetInput directly, not detectLandmarks, keeps
 * face-api's browser-environment checks (canvas, window) out of a worker.
 */
export function wrapLandmarkNet(
  net: FaceApiLandmarkNet,
  NetInput: new (inputs: tf.Tensor3D[], batch: boolean) => unknown,
): LandmarkNet {
  return {
    async landmarks68(crop) {
      const out = tf.tidy(() => net.forwardInput(new NetInput([crop], true)));
      const flat = await out.data();
      out.dispose();
      return Array.from({ length: 68 }, (_, i) => ({ x: flat[2 * i]!, y: flat[2 * i + 1]! }));
    },
    dispose: () => net.dispose(),
  };
}

/** face-api's 68-point net from the app's own origin, sharing this tfjs instance. */
export async function loadLandmarkNet(url: string): Promise<LandmarkNet> {
  const faceapi = await import('@vladmandic/face-api/dist/face-api.esm-nobundle.js');
  const res = await fetch(`${url}face_landmark_68_model-weights_manifest.json`);
  if (!res.ok) throw new Error(`${url}face_landmark_68_model-weights_manifest.json: HTTP ${res.status}`);
  const weights = await tf.io.loadWeights((await res.json()) as tf.io.WeightsManifestConfig, url);
  const net = new faceapi.FaceLandmark68Net();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  net.loadFromWeightMap(weights as any);
  return wrapLandmarkNet(
    net as unknown as FaceApiLandmarkNet,
    faceapi.NetInput as unknown as new (inputs: tf.Tensor3D[], batch: boolean) => unknown,
  );
}
