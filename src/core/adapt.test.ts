import { describe, expect, it } from 'vitest';
import {
  applyProjection,
  compareAdaptation,
  enrolledClasses,
  projectUnit,
  shrinkageScales,
  symmetricEigen,
  withinClassDeviations,
  type LinearProjection,
} from './adapt';
import type { EvaluationPerson } from './enrolment-curve';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('symmetricEigen', () => {
  it('decomposes [[2, 1], [1, 2]] into 3 along (1, 1)/√2 and 1 along (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    const s = Math.SQRT1_2;
    expect(Math.abs(vectors[0]!)).toBeCloseTo(s, 12);
    expect(vectors[1]! / vectors[0]!).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[2]!)).toBeCloseTo(s, 12);
    expect(vectors[3]! / vectors[2]!).toBeCloseTo(-1, 12);
  });

  it('sorts a diagonal matrix descending and refuses a non-symmetric one', () => {
    expect(Array.from(symmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], 3).values)).toEqual([5, 3, 1]);
    expect(() => symmetricEigen([1, 2, 0, 1], 2)).toThrow(/symmetric/);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/2 × 2/);
  });
});

describe('withinClassDeviations', () => {
  it('subtracts each person’s mean of unit embeddings; one-image people add nothing', () => {
    // Person A: (0.6, ±0.8) → mean (0.6, 0); B: (−3, ±4) normalises to (−0.6, ±0.8) → mean (−0.6, 0).
    const data = withinClassDeviations([[v(0.6, 0.8), v(0.6, -0.8)], [v(-3, 4), v(-3, -4)], [v(1, 0)]]);
    expect(data).toMatchObject({ dim: 2, images: 4, people: 2 });
    const rows = Array.from(data.deviations, (x) => Math.round(x * 1e6) / 1e6);
    expect(rows).toEqual([0, 0.8, 0, -0.8, 0, 0.8, 0, -0.8]);
  });

  it('refuses data with no spread to learn from', () => {
    expect(() => withinClassDeviations([[v(1, 0)], [v(0, 1)]])).toThrow(/two or more/);
  });
});

describe('shrinkageScales', () => {
  it('keeps √(λ / (λ + σ)) of each direction', () => {
    const s = shrinkageScales([0.64, 0], 0.32);
    expect(s[0]).toBeCloseTo(Math.sqrt(1 / 3), 6);
    expect(s[1]).toBe(1);
    expect(() => shrinkageScales([1], 0)).toThrow(/positive/);
  });
});

describe('applyProjection', () => {
  // Shrinks the y axis to √(1/3) of its length; x is untouched.
  const p: LinearProjection = { dim: 2, basis: v(0, 1), scales: v(Math.sqrt(1 / 3)) };

  it('shrinks the basis direction and leaves the rest', () => {
    const out = applyProjection(p, v(0.6, 0.8));
    expect(out[0]).toBeCloseTo(0.6, 6);
    expect(out[1]).toBeCloseTo(0.8 * Math.sqrt(1 / 3), 6);
  });

  it('normalises after projecting: (0.6, 0.4619) / 0.7572 = (0.7924, 0.6100)', () => {
    const out = projectUnit(p, v(0.6, 0.8));
    expect(out[0]).toBeCloseTo(0.79241, 4);
    expect(out[1]).toBeCloseTo(0.60999, 4);
  });

  it('refuses mismatched dimensions and a vector mapped to zero', () => {
    expect(() => applyProjection(p, v(1, 0, 0))).toThrow(/dimensions/);
    expect(() => projectUnit({ dim: 2, basis: v(0, 1), scales: v(0) }, v(0, 1))).toThrow(/zero/);
  });
});

describe('enrolledClasses', () => {
  it('hands a fit the first `size` enrolled embeddings and never a probe', () => {
    const probe = v(9, 9);
    const people: EvaluationPerson[] = [
      { person: 'A', enrolment: [v(1, 0), v(0.8, 0.6), v(0.6, 0.8)], probes: [probe] },
      { person: 'B', enrolment: [], probes: [v(0, 1)] },
    ];
    const classes = enrolledClasses(people, 2);
    expect(classes).toHaveLength(1);
    expect(classes[0]).toEqual([v(1, 0), v(0.8, 0.6)]);
    expect(classes.flat()).not.toContain(probe);
  });
});

describe('compareAdaptation', () => {
  it('counts top-1 before and after on the same probes, and the probes that flipped', () => {
    // Dropping z: A's probe (0.6, 0, 0.8) is nearer B (0, 0.6, 0.8) before (0.72 < 0.8 squared
    // distance) and lands on A after; B's probe is right either way.
    const people: EvaluationPerson[] = [
      { person: 'A', enrolment: [v(1, 0, 0)], probes: [v(0.6, 0, 0.8)] },
      { person: 'B', enrolment: [v(0, 0.6, 0.8)], probes: [v(0, 1, 0)] },
    ];
    const dropZ: LinearProjection = { dim: 3, basis: v(0, 0, 1), scales: v(0) };
    const result = compareAdaptation(people, 1, dropZ);
    expect(result.before).toMatchObject({ tested: 2, correct: 1, top1: 0.5 });
    expect(result.after).toMatchObject({ tested: 2, correct: 2, top1: 1 });
    expect(result.gained).toBe(1);
    expect(result.lost).toBe(0);
    expect(result.after.ci95[0]).toBeGreaterThan(0);
    expect(result.after.ci95[1]).toBe(1);
  });

  it('counts a probe the projection breaks as lost', () => {
    // A (1, 0.1) and B (0.1, 1); A's probe (0.9, 0.44) is right before. Keeping 1 % of x, every
    // vector turns toward y: the probe (0.02, 1.00) is then nearer B (0.001, 1) than A (0.10, 0.99).
    const people: EvaluationPerson[] = [
      { person: 'A', enrolment: [v(1, 0.1)], probes: [v(0.9, 0.44)] },
      { person: 'B', enrolment: [v(0.1, 1)], probes: [] },
    ];
    const shrinkX: LinearProjection = { dim: 2, basis: v(1, 0), scales: v(0.01) };
    const result = compareAdaptation(people, 1, shrinkX);
    expect(result.before.correct).toBe(1);
    expect(result.after.correct).toBe(0);
    expect(result).toMatchObject({ gained: 0, lost: 1 });
  });
});
