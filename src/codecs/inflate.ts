/**
 * A streaming zlib inflater (RFC 1950/1951) that allocates nothing per chunk: input is taken in
 * pieces of any size, output goes through one 64 KB window and is handed out as views of it. The
 * browser's DecompressionStream makes a new buffer for every chunk in and out, and for a 50 MP PNG
 * (270 MB through it) that garbage outgrew the decode budget before the collector freed it.
 * Resumable through a generator that pauses whenever it needs more input. The Adler-32 is not checked.
 *
 * Hand-written because no library measured held the bound: fflate 0.8's streaming Unzlib inflates
 * each push whole into one growing buffer, so a flat 50 MP PNG (200 MB of pixels in 194 KB of zlib)
 * raised array-buffer memory by 422 MB when pushed 256 KB at a time, 111 MB at 16 KB and 37.5 MB at
 * 4 KB, against 0.5 MB here (Node 20); and in Chromium an import of the 50 MP photo-like PNG of
 * scripts/bench-decode-memory.mjs did not finish within its 60 s with fflate at 4 or 16 KB pushes,
 * where this one took 10 s (docs/performance.md).
 */

const WINDOW = 1 << 16;
const MASK = WINDOW - 1;
/** Output is handed out once this much is pending (a back-reference reaches at most 32 KB back). */
const FLUSH_AT = 1 << 15;
const FAST_BITS = 10;

const lengthBase = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const distBase = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const distExtra = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: a lookup of the first FAST_BITS bits, and counts and symbols for longer codes. */
interface Huffman {
  /** (symbol << 4) | length, or 0 for a code longer than FAST_BITS. */
  fast: Int32Array;
  counts: Uint16Array;
  symbols: Uint16Array;
}

function buildHuffman(lengths: ArrayLike<number>, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offsets[i] = offsets[i - 1]! + counts[i - 1]!;
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i]) symbols[offsets[lengths[i]!]!++] = i;
  const fast = new Int32Array(1 << FAST_BITS);
  let code = 0;
  let k = 0;
  for (let len = 1; len < 16; len++) {
    for (let j = 0; j < counts[len]!; j++, k++) {
      if (len <= FAST_BITS) {
        let reversed = 0;
        for (let b = 0; b < len; b++) reversed |= ((code >> b) & 1) << (len - 1 - b);
        for (let e = reversed; e < 1 << FAST_BITS; e += 1 << len) fast[e] = (symbols[k]! << 4) | len;
      }
      code++;
    }
    code <<= 1;
  }
  return { fast, counts, symbols };
}

const fixedLengths = new Uint8Array(288);
fixedLengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
const fixedLitLen = buildHuffman(fixedLengths, 288);
const fixedDist = buildHuffman(new Uint8Array(30).fill(5), 30);

export class Inflater {
  private readonly window = new Uint8Array(WINDOW);
  private pos = 0;
  private pending = 0;
  private input: Uint8Array = new Uint8Array(0);
  private at = 0;
  private ended = false;
  private bits = 0;
  private count = 0;
  private done = false;
  private readonly run: Generator<void, void, void>;

  /** `onData` gets each piece of output as a view that is valid only until it returns. */
  constructor(private readonly onData: (bytes: Uint8Array) => void) {
    this.run = this.inflate();
  }

  /** More of the zlib stream; throws on data that is not one. */
  push(bytes: Uint8Array) {
    if (this.done) return; // bytes after the end of the stream are ignored
    this.input = bytes;
    this.at = 0;
    this.step();
  }

  /** The stream has no more bytes: throws when it stopped before its last block. */
  finish() {
    if (!this.done) {
      this.ended = true;
      this.input = new Uint8Array(0);
      this.at = 0;
      this.step();
    }
    if (!this.done) throw new Error('compressed data ends before its last block');
  }

  private step() {
    if (this.run.next().done) {
      this.done = true;
      this.flush();
    }
  }

  private flush() {
    if (this.pending === 0) return;
    const start = (this.pos - this.pending) & MASK;
    if (start + this.pending <= WINDOW) this.onData(this.window.subarray(start, start + this.pending));
    else {
      this.onData(this.window.subarray(start));
      this.onData(this.window.subarray(0, this.pos));
    }
    this.pending = 0;
  }

  /** Takes `n` (at most 16) bits, least significant first; `needBits` must have made them available. */
  private take(n: number): number {
    const v = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.count -= n;
    return v;
  }

  /** Loads input bytes until `n` bits are held or the input runs out; true when they are. */
  private fill(n: number): boolean {
    while (this.count < n) {
      if (this.at >= this.input.length) return false;
      this.bits |= this.input[this.at++]! << this.count;
      this.count += 8;
    }
    return true;
  }

  private *needBits(n: number): Generator<void, void, void> {
    while (!this.fill(n)) {
      if (this.ended) throw new Error('compressed data ends before its last block');
      yield;
    }
  }

  /** The next symbol when its code is in the fast table and its bits are here, else -1 (no allocation). */
  private quick(h: Huffman): number {
    if (!this.fill(FAST_BITS) && this.count === 0) return -1;
    const e = h.fast[this.bits & ((1 << FAST_BITS) - 1)]!;
    const len = e & 15;
    if (e === 0 || len > this.count) return -1;
    this.take(len);
    return e >> 4;
  }

  private *symbol(h: Huffman): Generator<void, number, void> {
    // Fast path: the code's first FAST_BITS bits index the table.
    if (this.fill(FAST_BITS) || this.count > 0) {
      const e = h.fast[this.bits & ((1 << FAST_BITS) - 1)]!;
      const len = e & 15;
      if (e !== 0 && len <= this.count) {
        this.take(len);
        return e >> 4;
      }
    }
    // A longer code, or too few bits left: one bit at a time (canonical order).
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      if (!this.fill(1)) yield* this.needBits(1);
      code |= this.take(1);
      const c = h.counts[len]!;
      if (code - first < c) return h.symbols[index + code - first]!;
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    throw new Error('invalid Huffman code in compressed data');
  }

  private put(b: number) {
    this.window[this.pos] = b;
    this.pos = (this.pos + 1) & MASK;
    if (++this.pending >= FLUSH_AT) this.flush();
  }

  private *inflate(): Generator<void, void, void> {
    yield* this.needBits(16);
    const cmf = this.take(8);
    const flg = this.take(8);
    if ((cmf & 15) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 32)
      throw new Error('not a zlib stream (bad header)');
    let last = false;
    while (!last) {
      yield* this.needBits(3);
      last = this.take(1) === 1;
      const type = this.take(2);
      if (type === 0) {
        this.take(this.count & 7); // to the byte boundary
        yield* this.needBits(16);
        const len = this.take(16);
        yield* this.needBits(16);
        if ((this.take(16) ^ 0xffff) !== len) throw new Error('stored block length is corrupt');
        for (let i = 0; i < len; i++) {
          if (!this.fill(8)) yield* this.needBits(8);
          this.put(this.take(8));
        }
        continue;
      }
      if (type === 3) throw new Error('invalid block type in compressed data');
      let litLen = fixedLitLen;
      let dist = fixedDist;
      if (type === 2) {
        yield* this.needBits(14);
        const hlit = this.take(5) + 257;
        const hdist = this.take(5) + 1;
        const hclen = this.take(4) + 4;
        const clen = new Uint8Array(19);
        for (let i = 0; i < hclen; i++) {
          yield* this.needBits(3);
          clen[codeLengthOrder[i]!] = this.take(3);
        }
        const clCode = buildHuffman(clen, 19);
        const lengths = new Uint8Array(hlit + hdist);
        for (let i = 0; i < hlit + hdist;) {
          const sym = yield* this.symbol(clCode);
          if (sym < 16) lengths[i++] = sym;
          else {
            let repeat: number;
            let value = 0;
            if (sym === 16) {
              if (i === 0) throw new Error('code length repeat with nothing before it');
              value = lengths[i - 1]!;
              yield* this.needBits(2);
              repeat = 3 + this.take(2);
            } else if (sym === 17) {
              yield* this.needBits(3);
              repeat = 3 + this.take(3);
            } else {
              yield* this.needBits(7);
              repeat = 11 + this.take(7);
            }
            if (i + repeat > hlit + hdist) throw new Error('code lengths overrun');
            lengths.fill(value, i, i + repeat);
            i += repeat;
          }
        }
        litLen = buildHuffman(lengths.subarray(0, hlit), hlit);
        dist = buildHuffman(lengths.subarray(hlit), hdist);
      }
      for (;;) {
        let sym = this.quick(litLen);
        if (sym < 0) sym = yield* this.symbol(litLen);
        if (sym < 256) {
          this.put(sym);
          continue;
        }
        if (sym === 256) break;
        const li = sym - 257;
        if (li >= 29) throw new Error('invalid length code in compressed data');
        if (!this.fill(lengthExtra[li]!)) yield* this.needBits(lengthExtra[li]!);
        const length = lengthBase[li]! + this.take(lengthExtra[li]!);
        let di = this.quick(dist);
        if (di < 0) di = yield* this.symbol(dist);
        if (di >= 30) throw new Error('invalid distance code in compressed data');
        if (!this.fill(distExtra[di]!)) yield* this.needBits(distExtra[di]!);
        const distance = distBase[di]! + this.take(distExtra[di]!);
        for (let i = 0; i < length; i++) this.put(this.window[(this.pos - distance) & MASK]!);
      }
    }
  }
}
