import { describe, expect, it } from 'vitest';
import { bestThreshold, crossValidate, lfwImagePath, parsePairs, type ScoredPair } from './lfw-pairs';

describe('parsePairs', () => {
  it('reads folds of same-person then different-person lines, with tabs, CRLF and blank lines', () => {
    const text = '2\t1\r\nAnn\t1\t2\r\n\r\n  Ann 1   Bob 3 \r\nBob 1 2\nCid 4\tDee 12\n\n';
    const file = parsePairs(text);
    expect(file.folds).toBe(2);
    expect(file.perFold).toBe(1);
    expect(file.pairs).toEqual([
      { fold: 0, same: true, a: { name: 'Ann', number: 1 }, b: { name: 'Ann', number: 2 }, line: 2 },
      { fold: 0, same: false, a: { name: 'Ann', number: 1 }, b: { name: 'Bob', number: 3 }, line: 4 },
      { fold: 1, same: true, a: { name: 'Bob', number: 1 }, b: { name: 'Bob', number: 2 }, line: 5 },
      { fold: 1, same: false, a: { name: 'Cid', number: 4 }, b: { name: 'Dee', number: 12 }, line: 6 },
    ]);
  });

  it('names the line of a malformed header', () => {
    expect(() => parsePairs('')).toThrow(/empty/);
    expect(() => parsePairs('\n10\n')).toThrow(/line 2: the first line must be/);
    expect(() => parsePairs('10 x\n')).toThrow(
      /line 1: The number of pairs per fold must be a whole number ≥ 1, not “x”/,
    );
    expect(() => parsePairs('0 300\n')).toThrow(/line 1: The number of folds/);
  });

  it('names the line where a pair has the wrong shape for its place', () => {
    // Line 3 should be the different-person pair of fold 1.
    expect(() => parsePairs('1 1\nAnn 1 2\nBob 1 2\n')).toThrow(
      /line 3: expected “Name1 n1 Name2 n2” \(fold 1, different-person pair 1 of 1\), got 3 fields/,
    );
    expect(() => parsePairs('1 1\nAnn 1 Bob 2\nBob 1 Cid 2\n')).toThrow(
      /line 2: expected “Name n1 n2” \(fold 1, same-person pair 1 of 1\), got 4 fields/,
    );
    expect(() => parsePairs('1 1\nAnn 1 two\nAnn 1 Bob 1\n')).toThrow(/line 2: An image number .* “two”/);
    expect(() => parsePairs('1 1\nAnn 0 1\nAnn 1 Bob 1\n')).toThrow(/line 2: An image number/);
    expect(() => parsePairs('1 1\n../x 1 2\nAnn 1 Bob 1\n')).toThrow(
      /line 2: “..\/x” is not a person's folder name/,
    );
  });

  it('says how many pair lines the header promised', () => {
    expect(() => parsePairs('1 2\nAnn 1 2\nBob 1 2\nAnn 1 Bob 1\n')).toThrow(
      /line 4: 1 folds × \(2 same \+ 2 different\) means 4 pair lines, but the file has 3/,
    );
    expect(() => parsePairs('1 1\nAnn 1 2\nAnn 1 Bob 1\nCid 1 2\n')).toThrow(/line 4: .*but the file has 3/);
  });
});

describe('lfwImagePath', () => {
  it('pads the image number to 4 digits', () => {
    expect(lfwImagePath({ name: 'Allen_Iverson', number: 2 })).toBe('Allen_Iverson/Allen_Iverson_0002.jpg');
    expect(lfwImagePath({ name: 'George_W_Bush', number: 530 })).toBe('George_W_Bush/George_W_Bush_0530.jpg');
  });
});

const s = (distance: number) => ({ same: true, distance });
const d = (distance: number) => ({ same: false, distance });

describe('bestThreshold', () => {
  it('puts the threshold midway across the gap of separable pairs', () => {
    // Candidates: below all 2/4, 0.3 → 3/4, 0.5 → 4/4, 0.75 → 3/4, 0.9 → 2/4.
    const t = bestThreshold([d(0.9), s(0.2), d(0.6), s(0.4)]);
    expect(t.threshold).toBeCloseTo(0.5, 12);
    expect(t.accuracy).toBe(1);
  });

  it('breaks ties with the middle best candidate', () => {
    // 0.15, 0.35 and 0.55 all give 4/6.
    const t = bestThreshold([s(0.1), d(0.2), s(0.3), d(0.4), s(0.5), d(0.6)]);
    expect(t.threshold).toBeCloseTo(0.35, 12);
    expect(t.accuracy).toBeCloseTo(4 / 6, 12);
    // 0.25 and 0.45 both give 3/4: the lower one.
    expect(bestThreshold([s(0.2), d(0.3), s(0.4), d(0.5)]).threshold).toBeCloseTo(0.25, 12);
  });

  it('never splits equal distances, and can accept all or none', () => {
    // 0.5 same and 0.5 different fall on the same side: below both 2/3, 0.7 → 2/3, 0.9 → 1/3.
    const t = bestThreshold([s(0.5), d(0.5), d(0.9)]);
    expect(t.threshold).toBeLessThan(0.5);
    expect(t.accuracy).toBeCloseTo(2 / 3, 12);
    expect(bestThreshold([s(0.3), s(0.8)])).toEqual({ threshold: 0.8, accuracy: 1 });
    expect(bestThreshold([d(0.3), d(0.8)]).threshold).toBeLessThan(0.3);
    expect(() => bestThreshold([])).toThrow(/No scored pairs/);
  });
});

describe('crossValidate', () => {
  const folds: ScoredPair[] = [
    { fold: 0, same: true, distance: 0.1 },
    { fold: 0, same: false, distance: 0.9 },
    { fold: 1, same: true, distance: 0.3 },
    { fold: 1, same: false, distance: 0.7 },
    { fold: 2, same: true, distance: 0.8 },
    { fold: 2, same: false, distance: 0.6 },
  ];

  it('chooses each threshold on the other folds and scores the held-out one', () => {
    // Fold 1 out: {.3S .6D .7D .8S} → 0.45 (3/4); scores 2/2.
    // Fold 2 out: {.1S .6D .8S .9D} → 0.35 and 0.85 tie at 3/4, the lower; scores 2/2.
    // Fold 3 out: {.1S .3S .7D .9D} → 0.5 (4/4); .8 same is rejected: 1/2.
    const r = crossValidate(folds, 3);
    expect(r.folds.map((f) => f.threshold)).toEqual([0.45, 0.35, 0.5].map((x) => expect.closeTo(x, 12)));
    expect(r.folds.map((f) => f.trainAccuracy)).toEqual([0.75, 0.75, 1]);
    expect(r.folds.map((f) => f.accuracy)).toEqual([1, 1, 0.5]);
    expect(r.accuracy).toBeCloseTo(5 / 6, 12);
    // Deviations 1/6, 1/6, −1/3: squares sum to 1/6, over n − 1 = 2 → variance 1/12.
    expect(r.std).toBeCloseTo(Math.sqrt(1 / 12), 12);
    expect(r.standardError).toBeCloseTo(Math.sqrt(1 / 12) / Math.sqrt(3), 12);
    expect(r.pairs).toBe(6);
    expect(r.missing).toBe(0);
    expect(r.accuracyExcludingMissing).toBeCloseTo(5 / 6, 12);
  });

  it('counts a pair without a distance as wrong and never trains on it', () => {
    const r = crossValidate([...folds, { fold: 2, same: true, distance: null }], 3);
    expect(r.folds.map((f) => f.threshold)).toEqual([0.45, 0.35, 0.5].map((x) => expect.closeTo(x, 12)));
    expect(r.folds[2]).toMatchObject({ accuracy: 1 / 3, pairs: 3, missing: 1 });
    expect(r.accuracy).toBeCloseTo((1 + 1 + 1 / 3) / 3, 12);
    expect(r.accuracyExcludingMissing).toBeCloseTo(5 / 6, 12);
    expect(r.missing).toBe(1);
    expect(r.pairs).toBe(7);
  });

  it('refuses fewer than 2 folds, empty folds and pairs outside the folds', () => {
    expect(() => crossValidate(folds, 1)).toThrow(/at least 2 folds/);
    expect(() => crossValidate(folds, 4)).toThrow(/Fold 4 has no pairs/);
    expect(() => crossValidate([...folds, { fold: 3, same: true, distance: 0 }], 3)).toThrow(/outside 0–2/);
  });
});
