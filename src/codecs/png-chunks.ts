/**
 * A PNG decoded a row at a time and box-averaged to a smaller size as the rows arrive, so a 50 MP
 * PNG never exists at full size (200 MB as RGBA): Chromium's decoders, ImageDecoder's desired size
 * included, decode PNG and WebP whole (docs/performance.md). Pure: the caller inflates the IDAT
 * stream (codecs/inflate.ts) and pushes the inflated bytes to the row decoder (png-rows.ts).
 *
 * Every PNG the format allows: bit depths 1 to 16, grey, RGB, palette, grey + alpha and RGBA,
 * tRNS transparency, Adam7 interlacing. 16-bit samples keep their high byte. Colour profiles and
 * gamma are not applied (faces are found and embedded the same either way).
 */

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  interlaced: boolean;
}

export type PngEvent =
  | { type: 'header'; info: PngInfo }
  | { type: 'palette'; rgb: Uint8Array }
  | { type: 'transparency'; bytes: Uint8Array }
  /** Part of the zlib stream the IDAT chunks carry, in order. */
  | { type: 'data'; bytes: Uint8Array }
  | { type: 'end' };

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chunks read whole; every other one is skipped (IDAT is streamed). */
const kept = new Set(['IHDR', 'PLTE', 'tRNS']);

/** Splits a PNG file, pushed in pieces of any size, into the events the row decoder needs. CRCs are not checked. */
export class PngChunkReader {
  private state: 'signature' | 'head' | 'body' | 'crc' | 'done' = 'signature';
  private small = new Uint8Array(8);
  private have = 0;
  private type = '';
  private left = 0;
  private body: Uint8Array | null = null;
  private seenHeader = false;

  push(bytes: Uint8Array): PngEvent[] {
    const events: PngEvent[] = [];
    let at = 0;
    while (at < bytes.length && this.state !== 'done') {
      if (this.state === 'signature' || this.state === 'head' || this.state === 'crc') {
        const want = this.state === 'crc' ? 4 : 8;
        const n = Math.min(want - this.have, bytes.length - at);
        this.small.set(bytes.subarray(at, at + n), this.have);
        this.have += n;
        at += n;
        if (this.have < want) break;
        this.have = 0;
        if (this.state === 'signature') {
          if (signature.some((b, i) => this.small[i] !== b)) throw new Error('not a PNG file');
          this.state = 'head';
        } else if (this.state === 'crc') {
          this.state = 'head';
        } else {
          const v = new DataView(this.small.buffer);
          this.left = v.getUint32(0);
          this.type = String.fromCharCode(...this.small.subarray(4, 8));
          if (!this.seenHeader && this.type !== 'IHDR') throw new Error('PNG without IHDR first');
          this.body = kept.has(this.type) ? new Uint8Array(this.left) : null;
          this.state = 'body';
          if (this.left === 0) this.endChunk(events);
        }
        continue;
      }
      // body
      const n = Math.min(this.left, bytes.length - at);
      const piece = bytes.subarray(at, at + n);
      if (this.body) this.body.set(piece, this.body.length - this.left);
      else if (this.type === 'IDAT' && n > 0) events.push({ type: 'data', bytes: piece });
      this.left -= n;
      at += n;
      if (this.left === 0) this.endChunk(events);
    }
    return events;
  }

  private endChunk(events: PngEvent[]) {
    const body = this.body;
    this.body = null;
    this.state = 'crc';
    if (this.type === 'IHDR' && body) {
      if (body.length < 13) throw new Error('PNG header too short');
      const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
      const info: PngInfo = {
        width: v.getUint32(0),
        height: v.getUint32(4),
        bitDepth: body[8]!,
        colorType: body[9]!,
        interlaced: body[12] === 1,
      };
      checkInfo(info, body[10]!, body[11]!);
      this.seenHeader = true;
      events.push({ type: 'header', info });
    } else if (this.type === 'PLTE' && body) events.push({ type: 'palette', rgb: body });
    else if (this.type === 'tRNS' && body) events.push({ type: 'transparency', bytes: body });
    else if (this.type === 'IEND') {
      this.state = 'done';
      events.push({ type: 'end' });
    }
  }
}

const depths: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function checkInfo(info: PngInfo, compression: number, filter: number) {
  if (!(info.width > 0 && info.height > 0)) throw new Error('PNG with no pixels');
  if (!depths[info.colorType]?.includes(info.bitDepth))
    throw new Error(`PNG colour type ${info.colorType} at ${info.bitDepth} bits is not valid`);
  if (compression !== 0 || filter !== 0) throw new Error('PNG with an unknown compression or filter method');
}
