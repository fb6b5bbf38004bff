import { describe, expect, it } from 'vitest';
import { accuracyVsEnrolmentSize, enrolmentSizesFor, type EvaluationPerson } from './enrolment-curve';

const v = (...xs: number[]) => Float32Array.from(xs);

// Two people in 2-d. A's first enrolment image is a bad one that points towards B.
const people: EvaluationPerson[] = [
  {
    person: 'A',
    enrolment: [v(0, 1), v(1, 0), v(1, 0.1)],
    probes: [v(1, 0.05), v(1, -0.1)],
  },
  {
    person: 'B',
    enrolment: [v(0, 1), v(0.1, 1)],
    probes: [v(0.05, 1), v(0.6, 0.8)],
  },
];

describe('enrolmentSizesFor', () => {
  it('keeps the sizes some person can serve, sorted and unique', () => {
    expect(enrolmentSizesFor(people, [10, 1, 3, 3, 2, 0])).toEqual([1, 2, 3]);
    expect(enrolmentSizesFor([], [1])).toEqual([]);
  });
});

describe('accuracyVsEnrolmentSize', () => {
  it('size 1: both centroids are (0,1), ties go to the first row, so only B-like probes land on A', () => {
    const [p] = accuracyVsEnrolmentSize(people, [1]);
    // A's centroid = B's centroid = (0,1); every probe's nearest is row 0 = A: A's 2 right, B's 2 wrong.
    expect(p).toMatchObject({ size: 1, tested: 4, correct: 2, top1: 0.5, people: 2, short: 0 });
    expect(p!.ci95[0]).toBeLessThan(0.5);
    expect(p!.ci95[1]).toBeGreaterThan(0.5);
  });

  it('more enrolment images fix the bad first one; short people enrol all they have', () => {
    const [, p3] = accuracyVsEnrolmentSize(people, [1, 3]);
    // A's centroid ∝ (0,1)+(1,0)+(0.995,0.0995) ≈ (0.83,0.46); B's ≈ (0.05,1).
    // (0.6,0.8): dot with A ≈ (0.498+0.368)/0.949 = 0.913, with B ≈ (0.03+0.8)/1.001 = 0.829 → A: wrong.
    expect(p3).toMatchObject({ size: 3, tested: 4, correct: 3, top1: 0.75, short: 1 });
  });

  it('a person without enrolment leaves the database but its probes still count as wrong', () => {
    const [p] = accuracyVsEnrolmentSize([people[0]!, { person: 'C', enrolment: [], probes: [v(1, 0)] }], [2]);
    expect(p).toMatchObject({ tested: 3, correct: 2, people: 1 });
  });

  it('rejects an empty evaluation and bad sizes', () => {
    expect(() => accuracyVsEnrolmentSize([], [1])).toThrow(/No people/);
    expect(() => accuracyVsEnrolmentSize(people, [0])).toThrow(/whole number/);
  });
});
