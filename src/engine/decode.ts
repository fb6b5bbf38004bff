import { LikenessError } from '../core/errors';
import { orientedSize, readImageHeader, type ImageHeader } from '../core/image-header';

/**
 * Photos are decoded at most this long on their longer side. A face the detector can find fills at
 * least about a fifth of the picture, so at 1,280 it is at least 256 px across: more than twice the
 * 112 px aligned crop (the eyes 35 px apart in it), and more than the 224 px of the largest model.
 * Memory stays bounded: the engine holds each decoded pixel about ten times over (bitmap, canvas,
 * RGBA bytes, int32 and float tensors), so 1,280 × 853 keeps the rise within 64 MB and 1,920 × 1,280
 * would not (docs/performance.md).
 */
export const maxDecodeSide = 1280;

/** Header bytes read before decoding: SOF usually lies in the first few KB, after EXIF and ICC. */
const headerProbeBytes = 64 * 1024;
const headerMaxBytes = 16 * 1024 * 1024;

/** The file's header, or null for a format it cannot read. */
export async function probeImageHeader(blob: Blob): Promise<ImageHeader | null> {
  let want = Math.min(blob.size, headerProbeBytes);
  for (;;) {
    const read = readImageHeader(new Uint8Array(await blob.slice(0, want).arrayBuffer()));
    if (read.kind === 'header') return read.header;
    if (read.kind === 'unknown' || read.bytes > Math.min(blob.size, headerMaxBytes)) return null;
    want = Math.min(blob.size, Math.max(read.bytes, want * 4));
  }
}

export interface DecodedBitmap {
  /** At most `maxSide` on its longer side, oriented as the file's EXIF says. */
  bitmap: ImageBitmap;
  /** The photo's own size, oriented. */
  width: number;
  height: number;
}

/**
 * Decodes to at most `maxSide` on the longer side without a full-size bitmap where the browser allows.
 * createImageBitmap's resize options alone do not: Chromium decodes a 50 MP JPEG whole (200 MB) and
 * then scales it. A JPEG larger than `maxSide` goes through WebCodecs' ImageDecoder instead, whose
 * desired size makes the JPEG decoder itself scale by n/8 (to between 1 and 2 times `maxSide`); the
 * frame is then drawn at `maxSide`. Other formats, and browsers without ImageDecoder, are decoded
 * whole and resized. Orientation follows EXIF on both paths.
 */
export async function decodeBitmap(
  blob: Blob,
  maxSide: number,
  resizeQuality: ResizeQuality = 'high',
): Promise<DecodedBitmap> {
  const header = await probeImageHeader(blob).catch(() => null);
  const size = header && orientedSize(header);
  if (!header || !size || Math.max(size.width, size.height) <= maxSide) {
    const bitmap = await createImageBitmap(blob);
    return { bitmap, width: bitmap.width, height: bitmap.height };
  }
  const long = Math.max(size.width, size.height);
  if (header.format === 'jpeg' && typeof ImageDecoder !== 'undefined') {
    const scale = Math.min(1, (2 * maxSide) / long);
    const decoder = new ImageDecoder({
      data: blob.stream(),
      type: 'image/jpeg',
      desiredWidth: Math.max(1, Math.round(header.width * scale)),
      desiredHeight: Math.max(1, Math.round(header.height * scale)),
    });
    try {
      const { image } = await decoder.decode();
      try {
        // Drawn rather than passed to createImageBitmap's resize, which sizes a rotated frame by its
        // coded (unrotated) aspect in a worker; drawImage draws the frame as displayed.
        const k = Math.min(1, maxSide / Math.max(image.displayWidth, image.displayHeight));
        const canvas = new OffscreenCanvas(
          Math.max(1, Math.round(image.displayWidth * k)),
          Math.max(1, Math.round(image.displayHeight * k)),
        );
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('OffscreenCanvas 2D is not available');
        ctx.imageSmoothingQuality = resizeQuality === 'pixelated' ? 'low' : resizeQuality;
        ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
        return { bitmap: canvas.transferToImageBitmap(), ...size };
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  }
  // Only the width is given, so that the browser keeps the aspect ratio whatever it makes of the orientation.
  const resizeWidth = Math.max(1, Math.round((size.width * maxSide) / long));
  return { bitmap: await createImageBitmap(blob, { resizeWidth, resizeQuality }), ...size };
}

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
    ({ bitmap } = await decodeBitmap(blob, maxDecodeSide));
  } catch {
    throw new LikenessError(
      'decode-failed',
      `${name} could not be decoded as an image (corrupt or unsupported format)`,
    );
  }
  try {
    // A bitmap already at its size is drawn 1:1; one whose header was unreadable is scaled here.
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
