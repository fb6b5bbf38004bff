/**
 * Whether a face is clear enough to group by: its size, the detector's score, and how sharp it is.
 * PhotoPrism ignores faces under 50 px and seeds clusters only from faces of 80 px or more; Ente
 * drops faces under a detection score of 0.8 or a Laplacian variance of 10 on its 112 px crops.
 * These thresholds were set on the development library (docs/library.md).
 */
export interface FaceQuality {
  /** The face's shorter side in pixels of the picture the detector saw. */
  size: number;
  /** The detector's score, 0..1. */
  score: number;
  /** Variance of the Laplacian of the aligned grey crop (see `sharpness`). */
  sharpness: number;
}

/** Each face found in a library is kept as a crop this many pixels square (about 5 KB as JPEG), for face grids. */
export const faceCropSize = 144;

// No score gate: on pins-dev (seed 7) a gate at 0.6 left out real faces, B-cubed F 0.90 against 0.94
// without it (docs/library.md).
export const trustedFace: FaceQuality = { size: 40, score: 0, sharpness: 20 };

export function isTrusted(face: FaceQuality, least: FaceQuality = trustedFace): boolean {
  return face.size >= least.size && face.score >= least.score && face.sharpness >= least.sharpness;
}

/**
 * The variance of the 4-neighbour Laplacian of a square RGB crop in grey (the mean of R, G and B):
 * a blurred or enlarged face has little fine detail, so a low variance.
 */
export function sharpness(rgb: ArrayLike<number>, size: number): number {
  const grey = new Float32Array(size * size);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgb[3 * i]! + rgb[3 * i + 1]! + rgb[3 * i + 2]!) / 3;
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      const l = grey[i - 1]! + grey[i + 1]! + grey[i - size]! + grey[i + size]! - 4 * grey[i]!;
      sum += l;
      squares += l * l;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return squares / count - mean * mean;
}
