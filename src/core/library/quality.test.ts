import { describe, expect, it } from 'vitest';
import { isTrusted, sharpness, trustedFace } from './quality';

/** A size × size RGB crop of grey values. */
const crop = (size: number, grey: (x: number, y: number) => number) =>
  Uint8Array.from({ length: size * size * 3 }, (_, i) =>
    grey(Math.floor(i / 3) % size, Math.floor(i / 3 / size)),
  );

describe('face quality', () => {
  it('finds a flat crop not sharp and a detailed one sharp', () => {
    expect(
      sharpness(
        crop(16, () => 100),
        16,
      ),
    ).toBe(0);
    const checker = sharpness(
      crop(16, (x, y) => ((x + y) % 2) * 255),
      16,
    );
    const smooth = sharpness(
      crop(16, (x) => x * 8),
      16,
    );
    expect(checker).toBeGreaterThan(smooth);
  });

  it('trusts a face only when it is large, certain and sharp enough', () => {
    expect(isTrusted(trustedFace)).toBe(true);
    expect(isTrusted({ ...trustedFace, size: trustedFace.size - 1 })).toBe(false);
    expect(isTrusted({ ...trustedFace, sharpness: 0 })).toBe(false);
  });
});
