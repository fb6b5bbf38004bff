/**
 * An image's size from its file header, without decoding it: JPEG (SOF, with the EXIF orientation),
 * PNG (IHDR, eXIf), WebP (VP8, VP8L, VP8X and its EXIF chunk), GIF and BMP.
 */
export interface ImageHeader {
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp';
  /** As stored, before the orientation is applied. */
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number;
}

/** The size as the image is shown: orientations 5..8 swap width and height. */
export function orientedSize(header: ImageHeader): { width: number; height: number } {
  return header.orientation >= 5
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}

export type HeaderRead =
  | { kind: 'header'; header: ImageHeader }
  /** The size lies beyond the bytes given: read at least this many from the start and ask again. */
  | { kind: 'more'; bytes: number }
  | { kind: 'unknown' };

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

export interface HeaderOptions {
  /**
   * Read a WebP's EXIF orientation (default true). Its EXIF chunk usually follows the image data, so
   * reading it means reading the whole file; pass false where the orientation would not be applied.
   */
  webpOrientation?: boolean;
}

/** Reads the header from the first bytes of a file; asks for more when they are not enough. */
export function readImageHeader(bytes: Uint8Array, options: HeaderOptions = {}): HeaderRead {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes, v);
  if (n >= 8 && ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) return readPng(bytes, v);
  if (n >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return readWebp(bytes, v, options.webpOrientation ?? true);
  if (n >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    if (n < 10) return { kind: 'more', bytes: 10 };
    return header('gif', v.getUint16(6, true), v.getUint16(8, true), 1);
  }
  if (n >= 2 && ascii(bytes, 0, 2) === 'BM') {
    if (n < 26) return { kind: 'more', bytes: 26 };
    return header('bmp', Math.abs(v.getInt32(18, true)), Math.abs(v.getInt32(22, true)), 1);
  }
  return { kind: 'unknown' };
}

function header(
  format: ImageHeader['format'],
  width: number,
  height: number,
  orientation: number,
): HeaderRead {
  if (!(width > 0 && height > 0)) return { kind: 'unknown' };
  return { kind: 'header', header: { format, width, height, orientation } };
}

/** SOF0..15 except DHT (C4), JPG (C8) and DAC (CC): each carries the frame's size. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function readJpeg(b: Uint8Array, v: DataView): HeaderRead {
  let at = 2;
  let orientation = 1;
  for (;;) {
    if (at + 4 > b.length) return { kind: 'more', bytes: at + 4 };
    if (b[at] !== 0xff) return { kind: 'unknown' };
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { kind: 'unknown' }; // no frame before the scan
    const length = v.getUint16(at + 2);
    if (length < 2) return { kind: 'unknown' };
    if (isSof(marker)) {
      if (at + 9 > b.length) return { kind: 'more', bytes: at + 9 };
      return header('jpeg', v.getUint16(at + 7), v.getUint16(at + 5), orientation);
    }
    if (marker === 0xe1) {
      if (at + 2 + length > b.length) return { kind: 'more', bytes: at + 2 + length };
      if (ascii(b, at + 4, 6) === 'Exif\0\0')
        orientation = exifOrientation(b, at + 10, length - 8) ?? orientation;
    }
    at += 2 + length;
  }
}

/** The orientation tag (0x0112) of IFD0 in a TIFF structure at `start`; undefined when absent or bad. */
export function exifOrientation(b: Uint8Array, start: number, length: number): number | undefined {
  if (length < 8 || start + length > b.length) return undefined;
  const v = new DataView(b.buffer, b.byteOffset + start, length);
  const order = ascii(b, start, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  if (v.getUint16(2, le) !== 42) return undefined;
  const ifd = v.getUint32(4, le);
  if (ifd + 2 > length) return undefined;
  const entries = v.getUint16(ifd, le);
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > length) return undefined;
    if (v.getUint16(e, le) !== 0x0112) continue;
    const value = v.getUint16(e + 8, le);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

function readPng(b: Uint8Array, v: DataView): HeaderRead {
  if (b.length < 24) return { kind: 'more', bytes: 24 };
  if (ascii(b, 12, 4) !== 'IHDR') return { kind: 'unknown' };
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  // eXIf may carry an orientation; it must come before the image data.
  let at = 8;
  for (;;) {
    if (at + 8 > b.length) return { kind: 'more', bytes: at + 8 };
    const length = v.getUint32(at);
    const type = ascii(b, at + 4, 4);
    if (type === 'IDAT' || type === 'IEND') return header('png', width, height, 1);
    if (type === 'eXIf') {
      if (at + 8 + length > b.length) return { kind: 'more', bytes: at + 8 + length };
      return header('png', width, height, exifOrientation(b, at + 8, length) ?? 1);
    }
    at += 12 + length;
  }
}

function readWebp(b: Uint8Array, v: DataView, withOrientation: boolean): HeaderRead {
  if (b.length < 30) return { kind: 'more', bytes: 30 };
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ')
    return header('webp', v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff, 1);
  if (chunk === 'VP8L') {
    const bits = v.getUint32(21, true);
    return header('webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, 1);
  }
  if (chunk !== 'VP8X') return { kind: 'unknown' };
  const width = (b[24]! | (b[25]! << 8) | (b[26]! << 16)) + 1;
  const height = (b[27]! | (b[28]! << 8) | (b[29]! << 16)) + 1;
  if ((b[20]! & 0x08) === 0 || !withOrientation) return header('webp', width, height, 1); // no EXIF flag
  let at = 12;
  for (;;) {
    if (at + 8 > b.length) return { kind: 'more', bytes: at + 8 };
    const type = ascii(b, at, 4);
    const length = v.getUint32(at + 4, true);
    if (type === 'EXIF') {
      if (at + 8 + length > b.length) return { kind: 'more', bytes: at + 8 + length };
      // Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
      const skip = ascii(b, at + 8, 6) === 'Exif\0\0' ? 6 : 0;
      return header('webp', width, height, exifOrientation(b, at + 8 + skip, length - skip) ?? 1);
    }
    at += 8 + length + (length & 1);
  }
}
