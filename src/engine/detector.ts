import * as tf from '@tensorflow/tfjs';
import { alignFace, ARCFACE_TEMPLATE, cropBox, scaleTemplate } from './align';
import { createDetector, detectFaces, type Detector, type FaceDetection } from './blazeface';
import { closeUpTiles, faceTiles, mergeLooks } from './face-pyramid';
import { fivePointLocator, loadLandmarkNet, ARCFACE_5_POINT, type FivePointLocator } from './landmarks';
import { detectorUrl, fullRangeDetectorUrl, landmarkUrl } from './models';
import type { DetectedFace, DetectOptions, FaceLocator } from './pipeline';

/**
 * Tuned on pins-mini, bbt and lfw-strangers (docs/models.md): a 25 % margin lets the
 * detector find faces in tight crops; the aligned face is zoomed out 1.3x so faceres
 * sees forehead and chin as it was trained to, with edge pixels filling any border.
 */
const detectionPadding = 0.25;
const boxScale = 1.4;
const alignZoom = 1.3;
/** A face this share of the picture's longer side makes it a portrait (docs/models.md, "Every face"). */
const portraitFace = 0.4;
/** More faces than a group photo holds; the snapshot embeds each one. */
const maxFaces = 64;

function toDetectedFace(d: FaceDetection): DetectedFace {
  return {
    box: { x: d.box[0], y: d.box[1], width: d.box[2], height: d.box[3], score: d.score },
    landmarks: d.keypoints.slice(0, 4),
  };
}

/** The most prominent face: the largest box, score breaking ties. */
export function mostProminent(faces: DetectedFace[]): DetectedFace | null {
  let best: DetectedFace | null = null;
  for (const f of faces) {
    const area = f.box.width * f.box.height;
    if (
      !best ||
      area > best.box.width * best.box.height * 1.2 ||
      (area >= best.box.width * best.box.height * 0.8 && f.box.score > best.box.score)
    )
      best = f;
  }
  return best;
}

/**
 * Every face in the picture, near or far: the short-range detector on the whole picture (a margin
 * added, for tight crops) first, as it was tuned on; then, unless that found a portrait-sized face
 * (for one-face photos), the full-range one on the whole picture (faces down to about 1/12 of it); with
 * `everyFace` also the short-range one on large overlapping tiles (faces of a quarter to a half of
 * the picture, tight crops among them) and the full-range one on small ones (faces down to
 * `minFaceSide` pixels). A face found by an earlier look keeps that look's place; one not found by
 * the first look is seen again close up (`closeUp`).
 */
export async function detectEveryScale(
  short: Detector,
  full: Detector,
  image: tf.Tensor3D,
  options: DetectOptions = {},
): Promise<FaceDetection[]> {
  const [height, width] = image.shape;
  const looks: FaceDetection[][] = [await detectFaces(short, image, { padding: detectionPadding, maxFaces })];
  // One face per photo (enrolment, Recognise): a portrait (a face over 0.4 of the picture's longer
  // side: every PINS photo, where the least is 0.53) settles it, at a quarter of the cost; any other
  // picture may hold more faces than the short-range model sees, and they are counted.
  const largest = Math.max(0, ...looks[0]!.map((d) => Math.max(d.box[2], d.box[3])));
  if (options.everyFace || largest < portraitFace * Math.max(width, height))
    looks.push(await detectFaces(full, image, { maxFaces }));
  if (options.everyFace) {
    for (const region of closeUpTiles(width, height)) {
      looks.push(await detectFaces(short, image, { region, padding: detectionPadding, maxFaces }));
    }
    for (const region of faceTiles(width, height)) {
      looks.push(await detectFaces(full, image, { region, maxFaces }));
    }
  }
  const merged = mergeLooks(looks, maxFaces);
  const fromShort = new Set(looks[0]);
  const refined: FaceDetection[] = [];
  for (const face of merged) refined.push(fromShort.has(face) ? face : await closeUp(short, image, face));
  return refined;
}

/**
 * A face another look found, seen again by the short-range detector in a square twice its size
 * around it, as it sees a face crop: the box and keypoints the landmark net and alignment were tuned
 * on (the full-range model's boxes run about 6 % wider and 6 % higher, and coarser when the face was
 * small in what it saw). Kept as it was when the close look finds nothing at its centre.
 */
async function closeUp(short: Detector, image: tf.Tensor3D, face: FaceDetection): Promise<FaceDetection> {
  const [height, width] = image.shape;
  const [x, y, w, h] = face.box;
  const side = Math.floor(Math.min(Math.max(w, h) * 2, width, height));
  const left = Math.min(Math.max(0, Math.round(x + w / 2 - side / 2)), width - side);
  const top = Math.min(Math.max(0, Math.round(y + h / 2 - side / 2)), height - side);
  const region: [number, number, number, number] = [left, top, side, side];
  const [again] = (
    await detectFaces(short, image, { region, padding: detectionPadding, maxFaces: 4 })
  ).filter((d) => {
    const ax = d.box[0] + d.box[2] / 2;
    const ay = d.box[1] + d.box[3] / 2;
    return ax >= x && ax <= x + w && ay >= y && ay <= y + h;
  });
  return again ?? face;
}

export async function createFaceLocator(): Promise<FaceLocator> {
  const [short, full] = (
    await Promise.all([tf.loadGraphModel(detectorUrl), tf.loadGraphModel(fullRangeDetectorUrl)])
  ).map(createDetector) as [Detector, Detector];
  // The 68-point net is loaded the first time a model that aligns on five points asks for it.
  let landmarkNet: Promise<{ locate: FivePointLocator; dispose(): void }> | null = null;
  const landmarks = () =>
    (landmarkNet ??= loadLandmarkNet(landmarkUrl).then((net) => ({
      locate: fivePointLocator(net),
      dispose: () => net.dispose(),
    })));
  const detectAll = async (image: tf.Tensor3D, options?: DetectOptions) =>
    (await detectEveryScale(short, full, image, options)).map(toDetectedFace);
  return {
    detectAll,
    mostProminent,
    async fivePoints(image, face) {
      return { ...face, landmarks: await (await landmarks()).locate(image, face.box) };
    },
    crop(image, face, mode, size, zoom = alignZoom) {
      if (mode === 'align' && face.landmarks.length === 5) {
        return alignFace(image, face.landmarks, scaleTemplate(ARCFACE_5_POINT, zoom), size, 'nearest');
      }
      if (mode === 'align' && face.landmarks.length >= 4) {
        return alignFace(image, face.landmarks, scaleTemplate(ARCFACE_TEMPLATE, zoom), size, 'nearest');
      }
      const { x, y, width, height } = face.box;
      return cropBox(image, [x, y, width, height], boxScale, size);
    },
    dispose() {
      short.model.dispose();
      full.model.dispose();
      void landmarkNet?.then((net) => net.dispose());
    },
  };
}
