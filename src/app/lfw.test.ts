import { describe, expect, it } from 'vitest';
import { atCalibratedThresholds } from './lfw';

describe('atCalibratedThresholds', () => {
  // arcface-mbf-grey: pair 1.20, "Same person" up to 1.11, "Different people" beyond 1.35.
  const scored = [
    { fold: 0, same: true, distance: 0.8 },
    { fold: 0, same: true, distance: 1.15 },
    { fold: 0, same: true, distance: 1.4 },
    { fold: 0, same: true, distance: null },
    { fold: 0, same: false, distance: 1.19 },
    { fold: 0, same: false, distance: 1.3 },
    { fold: 0, same: false, distance: 1.5 },
    { fold: 0, same: false, distance: 1.6 },
  ];

  it('calls a pair the same at the model’s pair threshold; a pair without a face never is', () => {
    const { atDefault } = atCalibratedThresholds(scored, 'arcface-mbf-grey');
    expect(atDefault).toEqual({ threshold: 1.2, sameSaidSame: 2 / 4, differentSaidSame: 1 / 4 });
  });

  it('counts each kind of pair by Compare’s three bands', () => {
    expect(atCalibratedThresholds(scored, 'arcface-mbf-grey').bands).toEqual({
      samePairs: { same: 1, 'not-sure': 1, different: 1, missing: 1 },
      differentPairs: { same: 0, 'not-sure': 2, different: 2, missing: 0 },
    });
  });
});
