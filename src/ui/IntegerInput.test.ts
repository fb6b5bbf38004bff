import { describe, expect, it } from 'vitest';
import { clampInteger } from './IntegerInput';

describe('clampInteger', () => {
  it('floors and keeps the value within its bounds', () => {
    expect(clampInteger('7.9', 1, 1, 50)).toBe(7);
    expect(clampInteger('-3', 1, 1)).toBe(1);
    expect(clampInteger('80', 1, 1, 50)).toBe(50);
  });

  it('uses the fallback for empty, zero or unparsable text', () => {
    expect(clampInteger('', 1, 1)).toBe(1);
    expect(clampInteger('abc', 0, 0)).toBe(0);
    expect(clampInteger('0', 1, 1)).toBe(1);
  });

  it('leaves a field without bounds unclamped, as the seed fields are', () => {
    expect(clampInteger('-12.5', 0)).toBe(-13);
    expect(clampInteger('', 0)).toBe(0);
  });
});
