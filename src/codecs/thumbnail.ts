import { decodeBitmap } from './decode';

/** Thumbnails are this long on their longer side: sharp in a grid cell, about 4 KB each. */
export const thumbLongSide = 128;

export interface Thumbnail {
  thumb: Blob;
  /** The original image's size. */
  width: number;
  height: number;
}

/**
 * Decodes an image at thumbnail size (a large JPEG never as a full-size bitmap) and encodes a small
 * JPEG of it, oriented as its EXIF says.
 */
export async function makeThumbnail(blob: Blob): Promise<Thumbnail> {
  const { bitmap, width, height } = await decodeBitmap(blob, thumbLongSide, 'medium');
  let canvas: OffscreenCanvas;
  try {
    const scale = Math.min(1, thumbLongSide / Math.max(bitmap.width, bitmap.height));
    canvas = new OffscreenCanvas(
      Math.max(1, Math.round(bitmap.width * scale)),
      Math.max(1, Math.round(bitmap.height * scale)),
    );
    // A CPU-backed canvas: with a GPU one every convertToBlob would read back from the GPU process.
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('OffscreenCanvas 2D is not available');
    ctx.imageSmoothingQuality = 'medium';
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  } finally {
    bitmap.close();
  }
  return { thumb: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 }), width, height };
}
