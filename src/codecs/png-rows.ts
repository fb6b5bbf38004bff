import type { PngInfo } from './png-chunks';
import type { Rgba } from './rgba';

const channelsOf: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7: x start, y start, x step, y step of each pass. */
const adam7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Unfilters the inflated rows of one PNG and adds each pixel to the output pixel whose box it falls
 * in (source x maps to floor(x · outWidth / width)), colour weighted by alpha. Memory: two rows of
 * the file, plus the sums of one output row (all of them when interlaced, since passes revisit rows).
 */
export class PngRowDecoder {
  readonly out: Rgba;
  private readonly channels: number;
  private readonly bpp: number;
  private palette = new Uint8Array(256 * 4).fill(255);
  private key: number[] | null = null;
  private passes: { x0: number; y0: number; dx: number; dy: number; width: number; rows: number }[];
  private pass = 0;
  private row = 0;
  private cur: Uint8Array;
  private prev: Uint8Array;
  private filled = 0;
  private readonly xmap: Int32Array;
  private readonly sums: Uint32Array | Float64Array;
  private readonly counts: Uint32Array;
  /** The output row the sums hold (not interlaced), -1 before the first. */
  private sumRow = -1;
  private finished = false;

  constructor(
    readonly info: PngInfo,
    outWidth: number,
    outHeight: number,
  ) {
    const { width, height, bitDepth, colorType } = info;
    this.channels = channelsOf[colorType]!;
    this.bpp = Math.max(1, (this.channels * bitDepth) >> 3);
    this.passes = (info.interlaced ? adam7 : [[0, 0, 1, 1] as const])
      .map(([x0, y0, dx, dy]) => ({
        x0,
        y0,
        dx,
        dy,
        width: Math.max(0, Math.ceil((width - x0) / dx)),
        rows: Math.max(0, Math.ceil((height - y0) / dy)),
      }))
      .filter((p) => p.width > 0 && p.rows > 0);
    const rowBytes = Math.ceil((width * this.channels * bitDepth) / 8);
    this.cur = new Uint8Array(rowBytes + 1);
    this.prev = new Uint8Array(rowBytes + 1);
    this.out = { data: new Uint8ClampedArray(outWidth * outHeight * 4), width: outWidth, height: outHeight };
    this.xmap = new Int32Array(width);
    for (let x = 0; x < width; x++) this.xmap[x] = Math.floor((x * outWidth) / width);
    const held = info.interlaced ? outHeight : 1;
    // Premultiplied sums reach 255² per pixel of a box: exact in 32 bits for boxes under 66,000 pixels.
    const box = Math.ceil(width / outWidth) * Math.ceil(height / outHeight);
    this.sums = box < 66_000 ? new Uint32Array(outWidth * held * 4) : new Float64Array(outWidth * held * 4);
    this.counts = new Uint32Array(outWidth * held);
  }

  setPalette(rgb: Uint8Array) {
    for (let i = 0; i < Math.min(256, Math.floor(rgb.length / 3)); i++) {
      this.palette[i * 4] = rgb[i * 3]!;
      this.palette[i * 4 + 1] = rgb[i * 3 + 1]!;
      this.palette[i * 4 + 2] = rgb[i * 3 + 2]!;
    }
  }

  setTransparency(bytes: Uint8Array) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.info.colorType === 3) {
      for (let i = 0; i < Math.min(256, bytes.length); i++) this.palette[i * 4 + 3] = bytes[i]!;
    } else if (this.info.colorType === 0 && bytes.length >= 2) this.key = [v.getUint16(0)];
    else if (this.info.colorType === 2 && bytes.length >= 6)
      this.key = [v.getUint16(0), v.getUint16(2), v.getUint16(4)];
  }

  /** Inflated bytes, in order, in pieces of any size. */
  push(bytes: Uint8Array) {
    let at = 0;
    while (at < bytes.length) {
      const p = this.passes[this.pass];
      if (!p) return; // trailing bytes after the last row are ignored, as browsers do
      const need = Math.ceil((p.width * this.channels * this.info.bitDepth) / 8) + 1;
      const n = Math.min(need - this.filled, bytes.length - at);
      this.cur.set(bytes.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled < need) return;
      this.filled = 0;
      this.unfilter(need);
      this.addRow(p, p.y0 + this.row * p.dy);
      [this.cur, this.prev] = [this.prev, this.cur];
      if (++this.row === p.rows) {
        this.row = 0;
        this.pass++;
        this.prev.fill(0);
      }
    }
  }

  /** The output, once every row has arrived; throws when the image data stopped short. */
  finish(): Rgba {
    if (this.pass < this.passes.length) throw new Error('PNG image data ends before its last row');
    if (!this.finished) {
      this.finished = true;
      if (this.info.interlaced) for (let y = 0; y < this.out.height; y++) this.flush(y, y);
      else if (this.sumRow >= 0) this.flush(this.sumRow, 0);
    }
    return this.out;
  }

  private unfilter(n: number) {
    const c = this.cur;
    const p = this.prev;
    const bpp = this.bpp;
    const filter = c[0];
    // Byte i of the row is at i + 1; the byte a pixel to the left is at i + 1 - bpp.
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let i = 1 + bpp; i < n; i++) c[i] = (c[i]! + c[i - bpp]!) & 255;
        break;
      case 2:
        for (let i = 1; i < n; i++) c[i] = (c[i]! + p[i]!) & 255;
        break;
      case 3:
        for (let i = 1; i < n; i++) c[i] = (c[i]! + (((i > bpp ? c[i - bpp]! : 0) + p[i]!) >> 1)) & 255;
        break;
      case 4:
        for (let i = 1; i < n; i++) {
          const a = i > bpp ? c[i - bpp]! : 0;
          const b = p[i]!;
          const d = i > bpp ? p[i - bpp]! : 0;
          const pa = Math.abs(b - d);
          const pb = Math.abs(a - d);
          const pc = Math.abs(a + b - 2 * d);
          c[i] = (c[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : d)) & 255;
        }
        break;
      default:
        throw new Error(`PNG row filter ${filter} is not valid`);
    }
  }

  private addRow(p: { x0: number; dx: number; width: number }, y: number) {
    const { width: outW, height: outH } = this.out;
    const oy = Math.floor((y * outH) / this.info.height);
    let base: number;
    if (this.info.interlaced) base = oy * outW;
    else {
      if (oy !== this.sumRow) {
        if (this.sumRow >= 0) this.flush(this.sumRow, 0);
        this.sumRow = oy;
      }
      base = 0;
    }
    const { bitDepth, colorType } = this.info;
    const row = this.cur;
    const sums = this.sums;
    const counts = this.counts;
    const xmap = this.xmap;
    const pal = this.palette;
    const key = this.key;
    const wide = bitDepth === 16;
    const step = wide ? 2 : 1;
    const ch = this.channels;
    if (bitDepth === 8 && (colorType === 6 || (colorType === 2 && !key))) {
      // The common case, without the general loop's branches: 8-bit RGB or RGBA.
      for (let i = 0, o = 1; i < p.width; i++, o += ch) {
        const a = ch === 4 ? row[o + 3]! : 255;
        const s = (base + xmap[p.x0 + i * p.dx]!) * 4;
        sums[s] = sums[s]! + row[o]! * a;
        sums[s + 1] = sums[s + 1]! + row[o + 1]! * a;
        sums[s + 2] = sums[s + 2]! + row[o + 2]! * a;
        sums[s + 3] = sums[s + 3]! + a;
        counts[s >> 2] = counts[s >> 2]! + 1;
      }
      return;
    }
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 255;
    for (let i = 0; i < p.width; i++) {
      if (bitDepth < 8) {
        const bit = i * bitDepth;
        const v = (row[1 + (bit >> 3)]! >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
        if (colorType === 3) {
          r = pal[v * 4]!;
          g = pal[v * 4 + 1]!;
          b = pal[v * 4 + 2]!;
          a = pal[v * 4 + 3]!;
        } else {
          r = g = b = Math.round((v * 255) / ((1 << bitDepth) - 1));
          a = key && key[0] === v ? 0 : 255;
        }
      } else {
        const o = 1 + i * ch * step;
        if (colorType === 3) {
          const v = row[o]!;
          r = pal[v * 4]!;
          g = pal[v * 4 + 1]!;
          b = pal[v * 4 + 2]!;
          a = pal[v * 4 + 3]!;
        } else if (ch <= 2) {
          r = g = b = row[o]!;
          if (ch === 2) a = row[o + step]!;
          else if (key) a = (wide ? (row[o]! << 8) | row[o + 1]! : row[o]!) === key[0] ? 0 : 255;
        } else {
          r = row[o]!;
          g = row[o + step]!;
          b = row[o + 2 * step]!;
          if (ch === 4) a = row[o + 3 * step]!;
          else if (key) {
            const same = wide
              ? ((row[o]! << 8) | row[o + 1]!) === key[0] &&
                ((row[o + 2]! << 8) | row[o + 3]!) === key[1] &&
                ((row[o + 4]! << 8) | row[o + 5]!) === key[2]
              : r === key[0] && g === key[1] && b === key[2];
            a = same ? 0 : 255;
          }
        }
      }
      const j = base + xmap[p.x0 + i * p.dx]!;
      const s = j * 4;
      sums[s] = sums[s]! + r * a;
      sums[s + 1] = sums[s + 1]! + g * a;
      sums[s + 2] = sums[s + 2]! + b * a;
      sums[s + 3] = sums[s + 3]! + a;
      counts[j] = counts[j]! + 1;
    }
  }

  /** Writes output row `y` from the sums at row `held` and clears them. */
  private flush(y: number, held: number) {
    const w = this.out.width;
    const data = this.out.data;
    const sums = this.sums;
    for (let x = 0; x < w; x++) {
      const j = held * w + x;
      const s = j * 4;
      const o = (y * w + x) * 4;
      const alpha = sums[s + 3]!;
      const n = this.counts[j]!;
      if (alpha > 0 && n > 0) {
        data[o] = Math.round(sums[s]! / alpha);
        data[o + 1] = Math.round(sums[s + 1]! / alpha);
        data[o + 2] = Math.round(sums[s + 2]! / alpha);
        data[o + 3] = Math.round(alpha / n);
      }
      sums[s] = sums[s + 1] = sums[s + 2] = sums[s + 3] = 0;
      this.counts[j] = 0;
    }
  }
}
