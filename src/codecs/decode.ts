import { LikenessError } from '../core/errors';
import { orientedSize, readImageHeader, type ImageHeader } from './image-header';
import type { Rgba } from './rgba';
import { decodePngScaled } from './png-decode';
import { WebpDecoderUnavailable, decodeWebpScaled } from './webp-decode';

/**
 * Photos are decoded at most this long on their longer side (a large JPEG at 3/4 to all of it, since
 * its decoder scales by eighths). A face the detector can find fills at least about a fifth of the
 * picture, so it keeps 192 to 256 px: 1.7 to 2.3 times the 112 px aligned crop (eyes 35 px apart in
 * it). Memory stays bounded: with a 50 MP photo the engine's renderer peaks about 20 to 45 MB above
 * idle (scripts/bench-decode-memory.mjs, docs/performance.md), most of it the pipeline's copies of
 * the 1 MP decoded photo, so 1,920 (2.25 times the pixels) would risk the 64 MB budget.
 */
export const maxDecodeSide = 1280;

/** Header bytes read before decoding: SOF usually lies in the first few KB, after EXIF and ICC. */
const headerProbeBytes = 64 * 1024;
const headerMaxBytes = 16 * 1024 * 1024;

/**
 * A 2 × 1 lossy WebP whose EXIF says orientation 6 (a quarter turn): 1 × 2 where a browser applies it.
 * Chromium 156 does not apply a WebP's EXIF orientation (createImageBitmap, <img>), so the app's own
 * decoders must not either, or a large WebP would come out turned while a small one and the photo the
 * user sees are not.
 */
const exif6Webp =
  'UklGRvgAAABXRUJQVlA4WAoAAAAIAAAAAQAAAAAAVlA4IBgAAABQAQCdASoCAAEAAsBMJaQABHQAAORAAABFWElGugAAAEV4aWYAAElJKgAIAAAABgASAQMAAQAAAAYAAAAaAQUAAQAAAFYAAAAbAQUAAQAAAF4AAAAoAQMAAQAAAAIAAAATAgMAAQAAAAEAAABphwQAAQAAAGYAAAAAAAAAOGMAAOgDAAA4YwAA6AMAAAYAAJAHAAQAAAAwMjEwAZEHAAQAAAABAgMAAKAHAAQAAAAwMTAwAaADAAEAAAD//wAAAqAEAAEAAAACAAAAA6AEAAEAAAABAAAAAAAAAA==';

let webpOrientation: Promise<boolean> | null = null;

/** Whether this browser turns a WebP as its EXIF orientation says (asked once, with exif6Webp). */
export function browserOrientsWebp(): Promise<boolean> {
  webpOrientation ??= (async () => {
    const bytes = Uint8Array.from(atob(exif6Webp), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/webp' }));
    const turned = bitmap.height > bitmap.width;
    bitmap.close();
    return turned;
  })().catch(() => false);
  return webpOrientation;
}

/**
 * The file's header as this browser shows the image, or null for a format it cannot read. A WebP's
 * EXIF orientation is read only where the browser applies it (browserOrientsWebp), since it usually
 * lies at the end of the file.
 */
export async function probeImageHeader(blob: Blob): Promise<ImageHeader | null> {
  const options = { webpOrientation: await browserOrientsWebp() };
  let want = Math.min(blob.size, headerProbeBytes);
  for (;;) {
    const read = readImageHeader(new Uint8Array(await blob.slice(0, want).arrayBuffer()), options);
    if (read.kind === 'header') return read.header;
    if (read.kind === 'unknown' || read.bytes > Math.min(blob.size, headerMaxBytes)) return null;
    want = Math.min(blob.size, Math.max(read.bytes, want * 4));
  }
}

/** PNGs and WebPs of more pixels than this (4 MP, 16 MB as RGBA) go to the app's own scaling decoders. */
export const streamAbovePixels = 4_000_000;

export interface DecodedBitmap {
  /**
   * At most `maxSide` on its longer side (a large JPEG at least `minFraction` of it, a large PNG or WebP
   * just that), oriented as its EXIF says.
   */
  bitmap: ImageBitmap;
  /** The photo's own size, oriented. */
  width: number;
  height: number;
}

/**
 * Decodes to at most `maxSide` on the longer side without a full-size bitmap where the browser allows.
 * createImageBitmap's resize options alone do not: Chromium decodes a 50 MP JPEG whole (200 MB) and
 * then scales it. A JPEG larger than `maxSide` goes through WebCodecs' ImageDecoder instead, whose
 * desired size makes the JPEG decoder itself scale by n/8; the frame is drawn at most `maxSide` long
 * (a 50 MP photo comes out 1,083 px long). Chromium decodes PNG and WebP whole whatever size
 * ImageDecoder is asked for, so a large PNG is read as a stream and box-averaged row by row to
 * `maxSide` (png-decode.ts), and a large lossy WebP is decoded by libwebp in WebAssembly, which
 * scales as it decodes (webp-decode.ts). Other formats, lossless WebPs (which libwebp, too, holds
 * whole) and JPEGs in browsers without ImageDecoder are decoded whole and resized. Orientation
 * follows EXIF on every path as the browser shows the file (a WebP's only where it applies it).
 */
export async function decodeBitmap(
  blob: Blob,
  maxSide: number,
  resizeQuality: ResizeQuality = 'high',
  /** How much of `maxSide` a large JPEG may lose to the decoder's eighths (less memory for less detail). */
  minFraction = 1,
): Promise<DecodedBitmap> {
  const header = await probeImageHeader(blob).catch(() => null);
  const size = header && orientedSize(header);
  if (!header || !size || Math.max(size.width, size.height) <= maxSide) {
    const bitmap = await createImageBitmap(blob);
    return { bitmap, width: bitmap.width, height: bitmap.height };
  }
  const long = Math.max(size.width, size.height);
  if (header.format === 'jpeg' && typeof ImageDecoder !== 'undefined') {
    // Chromium's JPEG decoder scales by the largest n/8 whose pixels fit the desired area. Ask for the
    // smallest n that keeps `minFraction` of `maxSide`: the frame is then about the bitmap's size (a
    // 50 MP photo decodes at 1/8, 1,083 px), never a full-size intermediate.
    const n = Math.min(8, Math.max(1, Math.ceil((8 * minFraction * maxSide) / long)));
    const decoder = new ImageDecoder({
      data: blob.stream(),
      type: 'image/jpeg',
      desiredWidth: Math.ceil((header.width * n) / 8),
      desiredHeight: Math.ceil((header.height * n) / 8),
    });
    try {
      const { image } = await decoder.decode();
      try {
        // Drawn as displayed (rotation applied): createImageBitmap's resize of a rotated frame gave a
        // 101 × 80 thumbnail for a 150 × 190 EXIF-6 photo here.
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
  // Streamed only where a whole decode would cost more than `streamAbovePixels` (16 MB of RGBA): below
  // that the browser's own decoder is faster and stays inside the 64 MB bound anyway. These decoders
  // can hit any size, so they take the smallest a JPEG may come out at: every later copy of the photo
  // (the engine's tensors among them) is then no larger than a large JPEG's.
  const side = Math.max(1, Math.round(maxSide * minFraction));
  const scaled = await decodeScaled(blob, header, side);
  if (scaled) {
    const { data, width, height } = scaled;
    return { bitmap: await createImageBitmap(new ImageData(data, width, height)), ...size };
  }
  // Only the width is given, so that the browser keeps the aspect ratio whatever it makes of the orientation.
  const resizeWidth = Math.max(1, Math.round((size.width * maxSide) / long));
  return { bitmap: await createImageBitmap(blob, { resizeWidth, resizeQuality }), ...size };
}

/** A large PNG or WebP through the app's own scaling decoders; null where the browser decodes it. */
async function decodeScaled(blob: Blob, header: ImageHeader, side: number): Promise<Rgba | null> {
  if (header.width * header.height <= streamAbovePixels) return null;
  if (header.format === 'png') return decodePngScaled(blob, side, header.orientation);
  if (header.format !== 'webp') return null;
  // Without its decoder (offline before the service worker cached it), the browser decodes it whole.
  return decodeWebpScaled(blob, side, header.orientation).catch((error: unknown) => {
    if (error instanceof WebpDecoderUnavailable) return null;
    throw error;
  });
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
    ({ bitmap } = await decodeBitmap(blob, maxDecodeSide, 'high', 0.75));
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
