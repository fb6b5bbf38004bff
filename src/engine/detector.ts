import * as tf from '@tensorflow/tfjs';
import { alignFace, ARCFACE_TEMPLATE, cropBox, scaleTemplate } from './align';
import { createDetector, detectFaces, type FaceDetection } from './blazeface';
import { fivePointLocator, loadLandmarkNet, ARCFACE_5_POINT, type FivePointLocator } from './landmarks';
import { detectorUrl, landmarkUrl } from './models';
import type { DetectedFace, FaceLocator } from './pipeline';

/**
 * Tuned on pins-mini, bbt and lfw-strangers (docs/models.md): a 25 % margin lets the
 * detector find faces in tight crops; the aligned face is zoomed out 1.3x so faceres
 * sees forehead and chin as it was trained to, with edge pixels filling any border.
 */
const detectionPadding = 0.25;
const boxScale = 1.4;
const alignZoom = 1.3;

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

export async function createFaceLocator(): Promise<
  FaceLocator & { detectAll(image: tf.Tensor3D): Promise<DetectedFace[]> }
> {
  const detector = createDetector(await tf.loadGraphModel(detectorUrl));
  // The 68-point net is loaded the first time a model that aligns on five points asks for it.
  let landmarkNet: Promise<{ locate: FivePointLocator; dispose(): void }> | null = null;
  const landmarks = () =>
    (landmarkNet ??= loadLandmarkNet(landmarkUrl).then((net) => ({
      locate: fivePointLocator(net),
      dispose: () => net.dispose(),
    })));
  const detectAll = async (image: tf.Tensor3D) =>
    (await detectFaces(detector, image, { padding: detectionPadding })).map(toDetectedFace);
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
      detector.model.dispose();
      void landmarkNet?.then((net) => net.dispose());
    },
  };
}
