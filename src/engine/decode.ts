import { LikenessError } from '../core/errors';

/** Photos larger than this are downscaled on decode: faces need far fewer pixels, memory stays bounded. */
export const maxDecodeSide = 1280;

export interface Pixels {
  /** RGBA, row-major. */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Decodes an image file off the main thread. Throws LikenessError('decode-failed') with the reason. */
export async function decodeImage(blob: Blob, name = 'image'): Promise<Pixels> {
  if (blob.size === 0) throw new LikenessError('decode-failed', `${name} is an empty file`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new LikenessError(
      'decode-failed',
      `${name} could not be decoded as an image (corrupt or unsupported format)`,
    );
  }
  try {
    const scale = Math.min(1, maxDecodeSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new LikenessError('decode-failed', 'OffscreenCanvas 2D is not available in this browser');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

/** Encodes RGB bytes (HxWx3) as a small JPEG, for crops and thumbnails. */
export async function encodeRgb(
  rgb: Uint8Array | Int32Array,
  width: number,
  height: number,
  quality = 0.85,
): Promise<Blob> {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i]!;
    rgba[j + 1] = rgb[i + 1]!;
    rgba[j + 2] = rgb[i + 2]!;
    rgba[j + 3] = 255;
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new LikenessError('decode-failed', 'OffscreenCanvas 2D is not available in this browser');
  ctx.putImageData(new ImageData(rgba, width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality });
}
