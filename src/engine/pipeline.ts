import * as tf from '@tensorflow/tfjs';
import { LikenessError } from '../core/errors';
import type { Pixels } from '../codecs/decode';
import { centroid } from '../core/vector';
import type { Embedder, View } from './embedder';
import type { CropMode, FaceBox, StageTimings } from './engine-protocol';

/** Where a face is in a photo, with optional landmarks used for alignment. */
export interface DetectedFace {
  box: FaceBox;
  /** [x, y] pixels: right eye, left eye (as seen in the image: subject's right is image left), nose, mouth. */
  landmarks: [number, number][];
}

export interface DetectOptions {
  /**
   * Also look at overlapping tiles, for faces down to about 36 px in a large picture (a group photo,
   * a wide camera frame). Without it, the full-range model looks at the whole picture unless the
   * short-range one found a portrait-sized face: faces down to about 1/12 of its longer side.
   */
  everyFace?: boolean;
}

export interface FaceLocator {
  /** Every face found: the photo of one person embeds the most prominent, a snapshot every one. */
  detectAll(image: tf.Tensor3D, options?: DetectOptions): Promise<DetectedFace[]>;
  /** The face with the five ArcFace points (eyes, nose tip, mouth corners) as its landmarks. */
  fivePoints(image: tf.Tensor3D, face: DetectedFace): Promise<DetectedFace>;
  /** The face that a photo of one person is of, among those detectAll found. */
  mostProminent(faces: DetectedFace[]): DetectedFace | null;
  /**
   * Cuts a square face crop (float 0..255) of `size` pixels, aligned when landmarks allow, the aligned
   * face zoomed out by `alignZoom` (the model's own; the locator's default when omitted).
   */
  crop(
    image: tf.Tensor3D,
    face: DetectedFace,
    mode: 'detect' | 'align',
    size: number,
    alignZoom?: number,
  ): tf.Tensor3D;
  dispose(): void;
}

/** A box in pixels as fractions of the image it is in. */
export function relativeBox(box: FaceBox, image: { width: number; height: number }) {
  return {
    x: box.x / image.width,
    y: box.y / image.height,
    width: box.width / image.width,
    height: box.height / image.height,
  };
}

export function pixelsToTensor(pixels: Pixels): tf.Tensor3D {
  // fromPixels drops alpha as it converts: one int32 RGB copy (12 bytes a pixel) where an int32 RGBA
  // tensor and its RGB slice took 28, the largest share of the engine's memory for one photo.
  const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  return tf.browser.fromPixels({ data, width: pixels.width, height: pixels.height }, 3);
}

export interface FaceResult {
  /** The unit mean of the views embedded (the model's own embedding when they are its own views). */
  embedding: Float32Array;
  /** Each view embedded, unit length. */
  views: Partial<Record<View, Float32Array>>;
  box: FaceBox | null;
  /** The crop the model saw, as RGB bytes (size x size x 3). */
  crop: Uint8Array | null;
  /** Faces found in the photo (the most prominent one was embedded); null for 'whole'. */
  faces: number | null;
  timings: Omit<StageTimings, 'decode'>;
}

const now = () => performance.now();

/** The face with the landmarks the model aligns on: five points for a five-point model, else the detector's. */
async function withModelLandmarks(
  locator: FaceLocator,
  image: tf.Tensor3D,
  face: DetectedFace,
  mode: CropMode,
  embedder: Embedder,
): Promise<DetectedFace> {
  return mode === 'align' && embedder.spec.landmarks === 'five-point'
    ? locator.fivePoints(image, face)
    : face;
}

interface LocatedCrop {
  /** The square face crop (float 0..255) the model embeds; the caller disposes it. */
  crop: tf.Tensor3D;
  face: DetectedFace | null;
  faces: number | null;
  detectMs: number;
  alignMs: number;
}

/** Finds the most prominent face and cuts it out exactly as the model is fed (or resizes the whole photo). */
async function locateAndCrop(
  image: tf.Tensor3D,
  embedder: Embedder,
  locator: FaceLocator | null,
  mode: CropMode,
): Promise<LocatedCrop> {
  const size = embedder.spec.inputSize;
  const t0 = now();
  let face: DetectedFace | null = null;
  let faces: number | null = null;
  if (mode !== 'whole') {
    if (!locator) throw new LikenessError('model-load-failed', 'The face detector is not loaded');
    const found = await locator.detectAll(image);
    faces = found.length;
    const prominent = locator.mostProminent(found);
    if (!prominent) throw new LikenessError('no-face', 'No face was found in this image');
    face = await withModelLandmarks(locator, image, prominent, mode, embedder);
  }
  const t1 = now();
  const crop =
    face && mode !== 'whole'
      ? locator!.crop(image, face, mode, size, embedder.spec.alignZoom)
      : tf.tidy(
          () => tf.image.resizeBilinear(tf.cast(image, 'float32'), [size, size], false, true) as tf.Tensor3D,
        );
  return { crop, face, faces, detectMs: t1 - t0, alignMs: now() - t1 };
}

/**
 * Locates, crops and embeds the face in one decoded image, in the given views (the model's own when
 * omitted). `whole` embeds the photo as it is (right for tight face crops such as PINS).
 */
export async function embedFace(
  pixels: Pixels,
  embedder: Embedder,
  locator: FaceLocator | null,
  mode: CropMode,
  withCrop: boolean,
  views: readonly View[] = embedder.views,
): Promise<FaceResult> {
  const image = pixelsToTensor(pixels);
  try {
    const { crop, face, faces, detectMs, alignMs } = await locateAndCrop(image, embedder, locator, mode);
    const t2 = now();
    try {
      const embedded = await embedOne(embedder, crop, views);
      const cropBytes = withCrop ? await cropToBytes(crop) : null;
      return {
        ...embedded,
        box: face?.box ?? null,
        crop: cropBytes,
        faces,
        timings: { detect: detectMs, align: alignMs, embed: now() - t2 },
      };
    } finally {
      crop.dispose();
    }
  } finally {
    image.dispose();
  }
}

/**
 * The face crop `embedFace` feeds the model (its plain view), as RGB bytes (size × size × 3), without
 * embedding it: what a detail view shows as "the face the model saw".
 */
export async function cropFace(
  pixels: Pixels,
  embedder: Embedder,
  locator: FaceLocator | null,
  mode: CropMode,
): Promise<{ crop: Uint8Array; size: number; box: FaceBox | null; faces: number | null }> {
  const image = pixelsToTensor(pixels);
  try {
    const { crop, face, faces } = await locateAndCrop(image, embedder, locator, mode);
    try {
      return { crop: await cropToBytes(crop), size: embedder.spec.inputSize, box: face?.box ?? null, faces };
    } finally {
      crop.dispose();
    }
  } finally {
    image.dispose();
  }
}

/** One face crop (S×S×3, 0..255) to a unit embedding per view, all read back at once, and their unit mean. */
async function embedOne(
  embedder: Embedder,
  crop: tf.Tensor3D,
  views: readonly View[],
): Promise<Pick<FaceResult, 'embedding' | 'views'>> {
  const embedded = tf.tidy(() => embedder.embedViews(tf.expandDims(crop, 0) as tf.Tensor4D, views));
  const data = (await embedded.data()) as Float32Array;
  embedded.dispose();
  const dim = data.length / views.length;
  const each = views.map((_, i) => data.slice(i * dim, (i + 1) * dim));
  return { embedding: centroid(each), views: Object.fromEntries(views.map((v, i) => [v, each[i]])) };
}

async function cropToBytes(crop: tf.Tensor3D): Promise<Uint8Array> {
  const bytes = tf.tidy(() => tf.cast(tf.clipByValue(tf.round(crop), 0, 255), 'int32'));
  const data = await bytes.data();
  bytes.dispose();
  return Uint8Array.from(data);
}

export interface LocatedFaceResult {
  embedding: Float32Array;
  box: FaceBox;
  crop: Uint8Array | null;
  /** The face with some of its surroundings (the box, 1.4 times), RGB bytes, when asked for. */
  boxCrop?: Uint8Array;
}

/**
 * Finds every face in one decoded image and embeds each. A database built from whole photos
 * ('whole') still needs each face cut out here, so it gets the detection box crop.
 */
export async function embedEveryFace(
  pixels: Pixels,
  embedder: Embedder,
  locator: FaceLocator,
  mode: CropMode,
  withCrops: boolean,
  onFace?: (done: number, total: number) => void,
  /** Also cut each face's box crop, this many pixels square (a library's face grids). */
  boxCropSize?: number,
): Promise<{ faces: LocatedFaceResult[]; timings: Omit<StageTimings, 'decode'> }> {
  const size = embedder.spec.inputSize;
  const cropMode = mode === 'whole' ? 'detect' : mode;
  const image = pixelsToTensor(pixels);
  const timings = { detect: 0, align: 0, embed: 0 };
  try {
    const t0 = now();
    const found = await locator.detectAll(image, { everyFace: true });
    timings.detect = now() - t0;
    const faces: LocatedFaceResult[] = [];
    for (const detected of found) {
      const t1 = now();
      const face = await withModelLandmarks(locator, image, detected, cropMode, embedder);
      const crop = locator.crop(image, face, cropMode, size, embedder.spec.alignZoom);
      const t2 = now();
      try {
        const { embedding } = await embedOne(embedder, crop, embedder.views);
        const located: LocatedFaceResult = {
          embedding,
          box: face.box,
          crop: withCrops ? await cropToBytes(crop) : null,
        };
        if (boxCropSize) {
          const around = locator.crop(image, face, 'detect', boxCropSize);
          located.boxCrop = await cropToBytes(around).finally(() => around.dispose());
        }
        faces.push(located);
      } finally {
        crop.dispose();
      }
      timings.align += t2 - t1;
      timings.embed += now() - t2;
      onFace?.(faces.length, found.length);
    }
    return { faces, timings };
  } finally {
    image.dispose();
  }
}
