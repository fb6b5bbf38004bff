import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PngChunkReader } from './png-chunks';
import { PngRowDecoder } from './png-rows';
import { orientRgba, type Rgba } from './rgba';
import { decodePngScaled } from './png-decode';

const face = join(import.meta.dirname, '../sample-data/bbt/penny/penny1.png');

/** sharp's own decode of a PNG as 8-bit RGBA (its sRGB output of a 16-bit PNG is each sample's high byte). */
async function reference(png: Buffer): Promise<Rgba> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const out = new Uint8ClampedArray(n * 4);
  const c = info.channels;
  for (let i = 0; i < n; i++) {
    const s = (k: number) => data[i * c + k]!;
    const grey = c <= 2;
    out[i * 4] = s(0);
    out[i * 4 + 1] = grey ? s(0) : s(1);
    out[i * 4 + 2] = grey ? s(0) : s(2);
    out[i * 4 + 3] = c === 2 ? s(1) : c === 4 ? s(3) : 255;
  }
  return { data: out, width: info.width, height: info.height };
}

/** The box average the decoder promises: source x to floor(x · w / width), colour weighted by alpha. */
function boxAverage(src: Rgba, w: number, h: number): Rgba {
  const sums = new Float64Array(w * h * 4);
  const counts = new Float64Array(w * h);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const j = Math.floor((y * h) / src.height) * w + Math.floor((x * w) / src.width);
      const i = (y * src.width + x) * 4;
      const a = src.data[i + 3]!;
      for (let k = 0; k < 3; k++) sums[j * 4 + k] = sums[j * 4 + k]! + src.data[i + k]! * a;
      sums[j * 4 + 3] = sums[j * 4 + 3]! + a;
      counts[j] = counts[j]! + 1;
    }
  }
  const data = new Uint8ClampedArray(w * h * 4);
  for (let j = 0; j < w * h; j++) {
    const a = sums[j * 4 + 3]!;
    if (a === 0) continue;
    for (let k = 0; k < 3; k++) data[j * 4 + k] = Math.round(sums[j * 4 + k]! / a);
    data[j * 4 + 3] = Math.round(a / counts[j]!);
  }
  return { data, width: w, height: h };
}

/** Transparent pixels carry no colour (a browser's canvas gives them 0, 0, 0). */
const colourOfOpaque = (image: Rgba) => {
  const data = Uint8ClampedArray.from(image.data);
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 0) data.fill(0, i, i + 3);
  return { ...image, data };
};

const blob = (png: Buffer) => new Blob([new Uint8Array(png)]);

/** Every colour type and depth sharp writes, from a real face photo (about 150 px) with a soft alpha edge. */
async function kinds(): Promise<[string, Buffer][]> {
  const { width = 0, height = 0 } = await sharp(face).metadata();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/><ellipse cx="${width / 2}" cy="${height / 2}" rx="${width / 2.4}" ry="${height / 2.4}" fill="white"/></svg>`;
  const mask = await sharp(Buffer.from(svg)).blur(3).extractChannel(0).raw().toBuffer();
  const rgba = () =>
    sharp(face)
      .removeAlpha()
      .joinChannel(mask, { raw: { width, height, channels: 1 } });
  return [
    ['RGB 8', await sharp(face).removeAlpha().png().toBuffer()],
    ['RGB 8 interlaced', await sharp(face).removeAlpha().png({ progressive: true }).toBuffer()],
    ['RGBA 8', await rgba().png().toBuffer()],
    ['RGBA 8 interlaced', await rgba().png({ progressive: true }).toBuffer()],
    ['RGB 16', await sharp(face).removeAlpha().toColourspace('rgb16').png().toBuffer()],
    ['RGBA 16', await rgba().toColourspace('rgb16').png().toBuffer()],
    ['grey 8', await sharp(face).removeAlpha().toColourspace('b-w').png().toBuffer()],
    ['grey 16', await sharp(face).removeAlpha().toColourspace('grey16').png().toBuffer()],
    ['grey + alpha 8', await rgba().toColourspace('b-w').png().toBuffer()],
    ['palette 8', await sharp(face).removeAlpha().png({ palette: true }).toBuffer()],
    ['palette 8 with tRNS', await rgba().png({ palette: true }).toBuffer()],
    ['palette 4', await sharp(face).removeAlpha().png({ palette: true, colours: 16 }).toBuffer()],
    ['palette 2', await sharp(face).removeAlpha().png({ palette: true, colours: 4 }).toBuffer()],
    ['palette 1', await sharp(face).removeAlpha().png({ palette: true, colours: 2 }).toBuffer()],
    [
      'palette 4 interlaced',
      await sharp(face).png({ palette: true, colours: 16, progressive: true }).toBuffer(),
    ],
  ];
}

describe('decodePngScaled', () => {
  it('decodes every colour type, depth and interlacing to the pixels sharp decodes', async () => {
    for (const [kind, png] of await kinds()) {
      const want = await reference(png);
      const got = await decodePngScaled(blob(png), 10_000);
      expect([kind, got.width, got.height]).toEqual([kind, want.width, want.height]);
      const opaque = colourOfOpaque(want).data;
      const diff = got.data.findIndex((v, i) => v !== opaque[i]);
      expect([kind, diff]).toEqual([kind, -1]);
    }
  });

  it('box-averages each kind to the cap as its rows arrive', async () => {
    for (const [kind, png] of await kinds()) {
      const want = await reference(png);
      const got = await decodePngScaled(blob(png), 47);
      const long = Math.max(want.width, want.height);
      const w = Math.round((want.width * 47) / long);
      const h = Math.round((want.height * 47) / long);
      expect([kind, got.width, got.height]).toEqual([kind, w, h]);
      const box = boxAverage(want, w, h);
      const diff = got.data.findIndex((v, i) => v !== box.data[i]);
      expect([kind, diff]).toEqual([kind, -1]);
    }
  });

  it('comes close to sharp resizing a large photo to the same size', async () => {
    const png = await sharp(face).removeAlpha().resize(1500, 1500, { fit: 'inside' }).png().toBuffer();
    const got = await decodePngScaled(blob(png), 200);
    const { data, info } = await sharp(png)
      .resize(got.width, got.height, { kernel: 'linear' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([got.width, got.height]);
    let total = 0;
    for (let i = 0; i < data.length; i++) total += Math.abs(data[i]! - got.data[i]!);
    expect(total / data.length).toBeLessThan(2);
  });

  it('turns the pixels upright as the EXIF orientation says, as sharp does', async () => {
    const small = await sharp(face).removeAlpha().resize(37, 23, { fit: 'fill' }).png().toBuffer();
    const stored = await reference(small);
    for (let o = 1; o <= 8; o++) {
      const jpeg = await sharp(small).withMetadata({ orientation: o }).jpeg({ quality: 100 }).toBuffer();
      const decoded = await sharp(jpeg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const upright = await sharp(jpeg).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const got = orientRgba(
        { data: new Uint8ClampedArray(decoded.data), width: decoded.info.width, height: decoded.info.height },
        o,
      );
      expect([o, got.width, got.height]).toEqual([o, upright.info.width, upright.info.height]);
      expect(Buffer.from(got.data).equals(upright.data)).toBe(true);
    }
    expect(orientRgba(stored, 1)).toBe(stored);
  });

  it('reads chunks and rows split at any byte', async () => {
    const png = await sharp(face).removeAlpha().png({ progressive: true }).toBuffer();
    const reader = new PngChunkReader();
    const events = [];
    for (let at = 0; at < png.length; at += 7) events.push(...reader.push(png.subarray(at, at + 7)));
    const header = events.find((e) => e.type === 'header');
    if (header?.type !== 'header') throw new Error('no header');
    const data = Buffer.concat(events.flatMap((e) => (e.type === 'data' ? [e.bytes] : [])));
    expect(events.at(-1)?.type).toBe('end');
    const rows = new PngRowDecoder(header.info, header.info.width, header.info.height);
    const inflated = inflateSync(data);
    for (let at = 0; at < inflated.length; at += 5) rows.push(inflated.subarray(at, at + 5));
    const want = await reference(png);
    expect(Buffer.from(rows.finish().data).equals(Buffer.from(want.data))).toBe(true);
  });

  it('rejects a truncated PNG and a file that is not one', async () => {
    const png = await sharp(face).removeAlpha().png().toBuffer();
    await expect(decodePngScaled(blob(png.subarray(0, png.length >> 1)), 64)).rejects.toThrow();
    await expect(decodePngScaled(blob(Buffer.from('<html>not a png</html>')), 64)).rejects.toThrow(
      'not a PNG file',
    );
  });
});
