import { describe, expect, it } from 'vitest';
import { LikenessError } from './errors';
import { formatEta, formatPercent, median, percentile } from './stats';

describe('percentile', () => {
  const sorted = [10, 20, 30, 40, 50];

  it('interpolates between ranks (hand-computed)', () => {
    expect(percentile(sorted, 0)).toBe(10);
    expect(percentile(sorted, 100)).toBe(50);
    expect(percentile(sorted, 50)).toBe(30);
    // rank = 0.25 · 4 = 1 -> 20; rank = 0.9 · 4 = 3.6 -> 40 + 0.6 · 10 = 46
    expect(percentile(sorted, 25)).toBe(20);
    expect(percentile(sorted, 90)).toBeCloseTo(46, 12);
    // two values: rank 0.1 -> 1 + 0.1 · (3 - 1)
    expect(percentile([1, 3], 10)).toBeCloseTo(1.2, 12);
  });

  it('works on typed arrays and single values', () => {
    expect(percentile(Float32Array.from([0.5, 1.5]), 50)).toBe(1);
    expect(percentile([7], 33)).toBe(7);
  });

  it('is NaN for no values and keeps Infinity exact', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([1, Infinity], 100)).toBe(Infinity);
  });

  it('rejects p outside [0, 100]', () => {
    expect(() => percentile(sorted, -1)).toThrow(LikenessError);
    expect(() => percentile(sorted, 101)).toThrow(LikenessError);
    expect(() => percentile(sorted, NaN)).toThrow(LikenessError);
  });
});

describe('median', () => {
  it('sorts first and averages the middle pair', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 2, 33, 4])).toBe(7);
    expect(median([-5])).toBe(-5);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('formatPercent', () => {
  it('shows one decimal and a spaced percent sign', () => {
    expect(formatPercent(0.97333)).toBe('97.3 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0)).toBe('0.0 %');
  });
});

describe('formatEta', () => {
  it.each([
    [0, '0 s'],
    [0.2, '1 s'],
    [45, '45 s'],
    [59.5, '1 min 00 s'],
    [125, '2 min 05 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h 00 min'],
    [3725, '1 h 03 min'],
    [90000, '25 h 00 min'],
  ])('%d s → %s', (s, text) => {
    expect(formatEta(s)).toBe(text);
  });

  it.each([NaN, Infinity, -1])('%d is unknown', (s) => {
    expect(formatEta(s)).toBe('—');
  });
});
