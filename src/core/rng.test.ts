import { describe, expect, it } from 'vitest';
import { deriveSeed, hashSeed, mulberry32, partialShuffle, shuffle } from './rng';

/** A fake source that replays fixed numbers, for hand-traced shuffles. */
function replay(...values: number[]): () => number {
  let i = 0;
  return () => {
    const v = values[i++];
    if (v === undefined) throw new Error('replay ran out of values');
    return v;
  };
}

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // Values from the original public-domain mulberry32 (bryc), seed 42 and 0.
    const r = mulberry32(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const r0 = mulberry32(0);
    expect([r0(), r0()]).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });

  it('is reproducible and seed-dependent', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = mulberry32(123);
    const bins = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      if (!(x >= 0 && x < 1)) outOfRange++;
      else bins[Math.floor(x * 10)]!++;
    }
    expect(outOfRange).toBe(0);
    for (const count of bins) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('treats seeds as 32-bit integers', () => {
    expect(mulberry32(2 ** 32 + 5)()).toBe(mulberry32(5)());
  });
});

describe('hashSeed', () => {
  it('gives the published FNV-1a 32-bit values', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, including astral characters', () => {
    expect(hashSeed('é')).toBe(0x1e9de8c1);
    expect(hashSeed('日本')).toBe(0x9f26ee51);
    expect(hashSeed('😀')).toBe(0x33a29608);
  });

  it('is an unsigned 32-bit integer', () => {
    for (const s of ['x', 'Amber Heard', 'George W Bush']) {
      const h = hashSeed(s);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('deriveSeed', () => {
  it('combines seed and key', () => {
    expect(deriveSeed(42, 'Amber Heard')).toBe(0x87f31997);
    expect(deriveSeed(42, 'Amber Heard')).not.toBe(deriveSeed(43, 'Amber Heard'));
    expect(deriveSeed(42, 'Amber Heard')).not.toBe(deriveSeed(42, 'Amber Hear'));
  });
});

describe('shuffle', () => {
  it('follows Fisher–Yates step by step (hand-traced)', () => {
    // i=0: j=0+floor(0.9*4)=3 -> d b c a; i=1: j=1 -> same; i=2: j=2+floor(0.5*2)=3 -> d b a c
    expect(shuffle(['a', 'b', 'c', 'd'], replay(0.9, 0, 0.5))).toEqual(['d', 'b', 'a', 'c']);
  });

  it('returns a new array, leaving the input alone', () => {
    const items = [1, 2, 3, 4, 5];
    const out = shuffle(items, mulberry32(1));
    expect(out).not.toBe(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect([...out].sort()).toEqual(items);
  });

  it('handles empty and single-item input without drawing', () => {
    expect(shuffle([], replay())).toEqual([]);
    expect(shuffle(['x'], replay())).toEqual(['x']);
  });

  it('is reproducible from a seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(items, mulberry32(9))).toEqual(shuffle(items, mulberry32(9)));
    expect(shuffle(items, mulberry32(9))).not.toEqual(shuffle(items, mulberry32(10)));
  });

  it('puts each item first about equally often', () => {
    const counts = [0, 0, 0, 0];
    const r = mulberry32(5);
    for (let t = 0; t < 8000; t++) counts[shuffle([0, 1, 2, 3], r)[0]!]!++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});

describe('partialShuffle', () => {
  it('only shuffles the first n slots and its prefix equals the full shuffle prefix', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const part = items.slice();
    partialShuffle(part, 3, mulberry32(4));
    expect(part.slice(0, 3)).toEqual(shuffle(items, mulberry32(4)).slice(0, 3));
    expect([...part].sort((a, b) => a - b)).toEqual(items);
  });
});
