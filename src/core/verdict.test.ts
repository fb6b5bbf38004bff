import { describe, expect, it } from 'vitest';
import { accepts, pairVerdict, uncalibrated, verdictOf, type ComparisonThresholds } from './verdict';

describe('accepts and verdictOf', () => {
  it('at the threshold is a match; beyond it or NaN is not', () => {
    expect(accepts(0.5, 0.5)).toBe(true);
    expect(accepts(0.50001, 0.5)).toBe(false);
    expect(accepts(Number.NaN, 2)).toBe(false);
  });

  it('no prediction or too far is "No match", else right or wrong', () => {
    expect(verdictOf({ truePerson: 'A', predicted: 'A', distance: 0.4 }, 0.5)).toBe('correct');
    expect(verdictOf({ truePerson: 'A', predicted: 'B', distance: 0.4 }, 0.5)).toBe('wrong');
    expect(verdictOf({ truePerson: 'A', predicted: 'A', distance: 0.6 }, 0.5)).toBe('no-match');
    expect(verdictOf({ truePerson: 'A', predicted: null, distance: 0 }, 0.5)).toBe('no-match');
  });
});

describe('pairVerdict', () => {
  const t: ComparisonThresholds = {
    average: 1.05,
    image: 1.03,
    pair: 1.2,
    pairSure: 1.11,
    pairDifferent: 1.35,
  };

  it('same up to the sure band, different only beyond the different band, not sure between', () => {
    expect(pairVerdict(0.7, t)).toBe('same');
    expect(pairVerdict(1.11, t)).toBe('same');
    // Between the old 1:N threshold and the pair threshold: never "different".
    expect(pairVerdict(1.064, t)).toBe('same');
    expect(pairVerdict(1.15, t)).toBe('not-sure');
    expect(pairVerdict(1.35, t)).toBe('not-sure');
    expect(pairVerdict(1.36, t)).toBe('different');
  });

  it('a NaN distance is neither same nor different', () => {
    expect(pairVerdict(Number.NaN, t)).toBe('not-sure');
  });

  it('an uncalibrated model has one threshold for everything and no "not sure" band', () => {
    const one = uncalibrated(0.9);
    expect(one).toEqual({ average: 0.9, image: 0.9, pair: 0.9, pairSure: 0.9, pairDifferent: 0.9 });
    expect(pairVerdict(0.9, one)).toBe('same');
    expect(pairVerdict(0.91, one)).toBe('different');
  });
});
