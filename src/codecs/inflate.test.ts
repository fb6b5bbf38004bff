import { constants, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Inflater } from './inflate';

/** Bytes with structure (repeats near and far) and noise, so every code path is taken. */
function sample(n: number, seed = 1) {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i > 300 && s % 3 === 0 ? out[i - 1 - (s % 300)]! : s % 7 === 0 ? (s >> 8) & 255 : i & 63;
  }
  return out;
}

function inflate(data: Uint8Array, piece: number) {
  const parts: Uint8Array[] = [];
  const inflater = new Inflater((bytes) => parts.push(Uint8Array.from(bytes)));
  for (let at = 0; at < data.length; at += piece) inflater.push(data.subarray(at, at + piece));
  inflater.finish();
  return Buffer.concat(parts);
}

describe('Inflater', () => {
  // 28 inflations of 300 KB, one byte at a time for some: 3-7 s on this shared 2-core machine.
  it(
    "inflates zlib's stored, fixed and dynamic blocks, pushed in pieces of any size",
    { timeout: 60_000 },
    () => {
      const plain = sample(300_000);
      for (const options of [
        { level: 0 },
        { level: 1 },
        { level: 6 },
        { level: 9 },
        { level: 6, strategy: constants.Z_FIXED },
        { level: 6, strategy: constants.Z_HUFFMAN_ONLY },
        { level: 6, strategy: constants.Z_RLE },
      ])
        for (const piece of [1, 7, 4096, 1 << 20]) {
          const got = inflate(deflateSync(plain, options), piece);
          expect([options, piece, got.equals(Buffer.from(plain))]).toEqual([options, piece, true]);
        }
    },
  );

  it('inflates empty and tiny streams', () => {
    for (const plain of [new Uint8Array(0), Uint8Array.of(7), new Uint8Array(70_000)])
      expect(inflate(deflateSync(plain), 3).equals(Buffer.from(plain))).toBe(true);
  });

  it('throws on a truncated stream and on data that is not zlib', () => {
    const data = deflateSync(sample(50_000));
    expect(() => inflate(data.subarray(0, data.length >> 1), 1000)).toThrow('ends before its last block');
    expect(() => inflate(Buffer.from('<html>not zlib</html>'), 1000)).toThrow('not a zlib stream');
  });
});
