/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * Small, fast seeded PRNG. Splits and samples must be reproducible from a seed on any browser,
 * which Math.random cannot give.
 */
export function mulberry32(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit over the UTF-8 bytes of str, as an unsigned integer. */
export function hashSeed(str: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => {
    h = Math.imul(h ^ b, 0x01000193);
  };
  // Hashing UTF-8 (not UTF-16 code units) keeps the values equal to the published FNV-1a ones.
  for (const ch of str) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}

/**
 * A seed for one person: each person gets its own stream, so adding or removing a person never
 * changes anyone else's split.
 */
export function deriveSeed(seed: number, key: string): number {
  return hashSeed(`${seed}/${key}`);
}

/** Fisher–Yates on a copy, front to back, so the first n picks are also a uniform n-sample. */
export function shuffle<T>(items: readonly T[], rand: Random): T[] {
  const out = items.slice();
  partialShuffle(out, out.length, rand);
  return out;
}

/** Shuffles the first n slots of arr in place (the rest hold the unpicked items). */
export function partialShuffle<T>(arr: T[], n: number, rand: Random): void {
  const last = Math.min(n, arr.length - 1);
  for (let i = 0; i < last; i++) {
    const j = i + Math.floor(rand() * (arr.length - i));
    const tmp = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = tmp;
  }
}
