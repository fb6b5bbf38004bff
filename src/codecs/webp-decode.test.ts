import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { orientRgba, type Rgba } from './rgba';
import { WebpDecoderUnavailable, decodeWebpScaled } from './webp-decode';

const module = new WebAssembly.Module(readFileSync(join(import.meta.dirname, 'webp-scaled.wasm')));
const blob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]);
const face = join(import.meta.dirname, '../sample-data/bbt/penny/penny1.png');

/** A 3,000 × 2,000 photo: the face, upscaled, on a gradient, so that a misplaced row or column shows. */
let photoWebp: Promise<Buffer> | null = null;
function photo(): Promise<Buffer> {
  photoWebp ??= composePhoto().then((png) => sharp(png).webp({ quality: 85 }).toBuffer());
  return photoWebp;
}

async function composePhoto(): Promise<Buffer> {
  const [w, h] = [3000, 2000];
  const gradient = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      gradient[i] = (x * 255) / w;
      gradient[i + 1] = (y * 255) / h;
      gradient[i + 2] = 128;
    }
  const side = 1200;
  const overlay = await sharp(face).resize(side, side).toBuffer();
  return sharp(gradient, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: overlay, left: 900, top: 400 }])
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** sharp's decode of `file` resized to w × h, as RGBA. */
async function reference(file: Buffer, w: number, h: number): Promise<Rgba> {
  const data = await sharp(file).resize(w, h, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
  return { data: new Uint8ClampedArray(data), width: w, height: h };
}

function meanAbsDiff(a: Rgba, b: Rgba): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

describe('decodeWebpScaled', { timeout: 20_000 }, () => {
  it('decodes a large lossy WebP at the asked size, as sharp scales it', async () => {
    const file = await photo();
    const got = await decodeWebpScaled(blob(file), 1280, 1, module);
    expect(got).not.toBeNull();
    expect([got!.width, got!.height]).toEqual([1280, 853]);
    expect(meanAbsDiff(got!, await reference(file, 1280, 853))).toBeLessThan(2);
    // Opaque: every alpha is 255.
    expect(got!.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('never enlarges, and keeps the colours of a small one', async () => {
    const file = await sharp(face).webp({ quality: 90 }).toBuffer();
    const got = await decodeWebpScaled(blob(file), 1280, 1, module);
    expect([got!.width, got!.height]).toEqual([150, 150]);
    expect(meanAbsDiff(got!, await reference(file, 150, 150))).toBeLessThan(1);
  });

  it('applies the EXIF orientation it is given', async () => {
    const file = await photo();
    const upright = (await decodeWebpScaled(blob(file), 640, 1, module))!;
    for (const orientation of [3, 6, 8]) {
      const got = (await decodeWebpScaled(blob(file), 640, orientation, module))!;
      const want = orientRgba(upright, orientation);
      expect([got.width, got.height]).toEqual([want.width, want.height]);
      expect(Buffer.from(got.data.buffer).equals(Buffer.from(want.data.buffer))).toBe(true);
      expect([got.width, got.height]).toEqual(orientation >= 5 ? [427, 640] : [640, 427]);
    }
  });

  it('keeps the alpha of a lossy WebP with transparency', async () => {
    const rgba = Buffer.alloc(400 * 300 * 4);
    for (let i = 0; i < 400 * 300; i++) rgba.set([200, 40, 90, i % 400 < 200 ? 255 : 0], i * 4);
    const file = await sharp(rgba, { raw: { width: 400, height: 300, channels: 4 } })
      .webp({ quality: 90, alphaQuality: 100 })
      .toBuffer();
    const got = (await decodeWebpScaled(blob(file), 200, 1, module))!;
    expect([got.width, got.height]).toEqual([200, 150]);
    const alpha = (x: number, y: number) => got.data[(y * 200 + x) * 4 + 3];
    expect(alpha(10, 75)).toBe(255);
    expect(alpha(190, 75)).toBe(0);
    expect(Array.from(got.data.subarray((75 * 200 + 10) * 4, (75 * 200 + 10) * 4 + 3))).toEqual([
      expect.closeTo(200, -1),
      expect.closeTo(40, -1),
      expect.closeTo(90, -1),
    ]);
  });

  it('leaves a lossless WebP to the browser', async () => {
    const file = await sharp(face).webp({ lossless: true }).toBuffer();
    expect(await decodeWebpScaled(blob(file), 100, 1, module)).toBeNull();
  });

  it('says so when its decoder cannot be loaded, so that the caller can leave the file to the browser', async () => {
    // Node's fetch cannot read the file: URL the module is fetched from, as a browser offline cannot.
    const file = await sharp(face).webp({ quality: 90 }).toBuffer();
    await expect(decodeWebpScaled(blob(file), 100)).rejects.toBeInstanceOf(WebpDecoderUnavailable);
  });

  it('rejects a truncated or corrupt file with libwebp’s reason', async () => {
    const file = await photo();
    await expect(decodeWebpScaled(blob(file.subarray(0, 20)), 640, 1, module)).rejects.toThrow(
      /WebP decoder: not enough data/,
    );
    await expect(decodeWebpScaled(blob(file.subarray(0, file.length >> 1)), 640, 1, module)).rejects.toThrow(
      /WebP decoder: (not enough data|bitstream error)/,
    );
    const garbage = Buffer.from(file);
    garbage.fill(0x5a, 40);
    await expect(decodeWebpScaled(blob(garbage), 640, 1, module)).rejects.toThrow(/WebP decoder/);
  });
});
