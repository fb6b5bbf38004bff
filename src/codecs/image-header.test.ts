import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { orientedSize, readImageHeader, type HeaderRead } from './image-header';

const raw = (width: number, height: number) =>
  sharp(Buffer.alloc(width * height * 3, 90), { raw: { width, height, channels: 3 } });

function header(read: HeaderRead) {
  if (read.kind !== 'header') throw new Error(`no header: ${JSON.stringify(read)}`);
  return read.header;
}

describe('readImageHeader', () => {
  it('reads the size of baseline, progressive, greyscale and CMYK JPEGs', async () => {
    for (const file of [
      await raw(301, 199).jpeg().toBuffer(),
      await raw(301, 199).jpeg({ progressive: true }).toBuffer(),
      await raw(301, 199).toColourspace('b-w').jpeg().toBuffer(),
      await raw(301, 199).toColourspace('cmyk').jpeg().toBuffer(),
    ])
      expect(header(readImageHeader(file))).toEqual({
        format: 'jpeg',
        width: 301,
        height: 199,
        orientation: 1,
      });
  });

  it('reads the EXIF orientation and swaps the shown size for 5..8', async () => {
    for (const orientation of [1, 3, 6, 8]) {
      const file = await raw(300, 200).jpeg().withMetadata({ orientation }).toBuffer();
      const h = header(readImageHeader(file));
      expect(h.orientation).toBe(orientation);
      expect(orientedSize(h)).toEqual(
        orientation >= 5 ? { width: 200, height: 300 } : { width: 300, height: 200 },
      );
    }
  });

  it('reads PNG, WebP (lossy, lossless, extended with EXIF) and GIF', async () => {
    expect(header(readImageHeader(await raw(640, 480).png().toBuffer()))).toMatchObject({
      format: 'png',
      width: 640,
      height: 480,
    });
    expect(header(readImageHeader(await raw(641, 481).webp().toBuffer()))).toMatchObject({
      format: 'webp',
      width: 641,
      height: 481,
    });
    expect(header(readImageHeader(await raw(642, 482).webp({ lossless: true }).toBuffer()))).toMatchObject({
      format: 'webp',
      width: 642,
      height: 482,
    });
    const exifWebp = await raw(643, 483).webp().withMetadata({ orientation: 6 }).toBuffer();
    expect(header(readImageHeader(exifWebp))).toEqual({
      format: 'webp',
      width: 643,
      height: 483,
      orientation: 6,
    });
    // Without its orientation, from the first 64 bytes (the EXIF chunk follows the image data).
    expect(readImageHeader(exifWebp.subarray(0, 64), { webpOrientation: false })).toEqual({
      kind: 'header',
      header: { format: 'webp', width: 643, height: 483, orientation: 1 },
    });
    expect(readImageHeader(exifWebp.subarray(0, 64))).toMatchObject({ kind: 'more' });
    expect(header(readImageHeader(await raw(64, 48).gif().toBuffer()))).toMatchObject({
      format: 'gif',
      width: 64,
      height: 48,
    });
  });

  it('asks for more bytes when the frame header lies beyond them, and gives up on other data', async () => {
    const file = await raw(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    // As the decoder does: read more until the frame header is in.
    let want = 10;
    let read = readImageHeader(file.subarray(0, want));
    const asked: number[] = [];
    while (read.kind === 'more') {
      asked.push(read.bytes);
      want = read.bytes;
      read = readImageHeader(file.subarray(0, want));
    }
    expect(asked.length).toBeGreaterThan(1);
    expect(header(read)).toEqual({ format: 'jpeg', width: 300, height: 200, orientation: 6 });
    expect(readImageHeader(new TextEncoder().encode('not an image at all')).kind).toBe('unknown');
    expect(readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 7, 7])).kind).toBe('unknown');
  });
});
