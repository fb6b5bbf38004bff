import { describe, expect, it } from 'vitest';
import { mulberry32 } from './rng';
import {
  nearDuplicatePairs,
  rankSuspects,
  robustUpperCutoff,
  runToEnd,
  scoreLabels,
  type LabelScore,
} from './suspects';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('scoreLabels', () => {
  // A enrols (1,0), (1,0) and (0,1): leaving (0,1) out, A's average is (1,0), √2 away, while B's
  // average (0,1) is 0 away: a likely mislabelled image.
  const people = [
    { person: 'A', enrolled: [v(1, 0), v(1, 0), v(0, 1)], held: [v(0.6, 0.8)] },
    { person: 'B', enrolled: [v(0, 2)], held: [] },
  ];
  const { scores, toAverages, averages } = runToEnd(scoreLabels(people, 2));

  it('leave-one-out distance for enrolled images, full average for held-out ones', () => {
    const a3 = scores.find((s) => s.person === 0 && s.role === 'enrolled' && s.index === 2)!;
    expect(a3.ownDistance).toBeCloseTo(Math.SQRT2, 6);
    expect(a3.nearestOther).toBe(1);
    expect(a3.otherDistance).toBeCloseTo(0, 6);
    expect(a3.margin).toBeCloseTo(Math.SQRT2, 6);
    // Leaving one (1,0) out: the rest (1,0) + (0,1) averages to (1,1)/√2; |(1,0) − (.707,.707)|.
    const a1 = scores.find((s) => s.person === 0 && s.role === 'enrolled' && s.index === 0)!;
    expect(a1.ownDistance).toBeCloseTo(Math.sqrt(2 - Math.SQRT2), 6);
    // The held-out (0.6, 0.8) against A's full average (2,1)/√5 and B's (0,1).
    const held = scores.find((s) => s.person === 0 && s.role === 'held')!;
    const own = Math.hypot(0.6 - 2 / Math.sqrt(5), 0.8 - 1 / Math.sqrt(5));
    expect(held.ownDistance).toBeCloseTo(own, 6);
    expect(held.otherDistance).toBeCloseTo(Math.hypot(0.6, 0.2), 6);
  });

  it('a person with one enrolled image has no leave-one-out average', () => {
    const b = scores.find((s) => s.person === 1)!;
    expect(b.ownDistance).toBeNull();
    expect(b.margin).toBeNaN();
    expect(b.nearestOther).toBe(0);
  });

  it('yields progress per slice and scores every image', () => {
    const work = scoreLabels(people, 2);
    const steps: number[] = [];
    for (let s = work.next(); !s.done; s = work.next()) steps.push(s.value.done);
    expect(steps).toEqual([2, 4]);
    expect(scores).toHaveLength(5);
  });

  it("keeps every image's distance to every average for the duplicate search", () => {
    expect(averages).toBe(2);
    // The held-out (0.6, 0.8) is row 3: A's average (2,1)/√5, B's (0,1).
    expect(toAverages[3 * 2 + 1]).toBeCloseTo(Math.hypot(0.6, 0.2), 6);
  });
});

describe('rankSuspects', () => {
  const s = (ownDistance: number | null, otherDistance: number, index: number): LabelScore => ({
    person: 0,
    role: 'held',
    index,
    ownDistance,
    nearestOther: 1,
    otherDistance,
    margin: ownDistance === null ? Number.NaN : ownDistance - otherDistance,
  });

  it('nearer to another person, or far from their own; largest margin first', () => {
    const ranked = rankSuspects(
      [s(0.5, 1.2, 0), s(1.1, 0.9, 1), s(1.3, 1.35, 2), s(0.9, 0.8, 3), s(null, 1, 4)],
      1.2,
    );
    expect(ranked.map((x) => [x.index, x.reasons])).toEqual([
      [1, ['nearer-other']],
      [3, ['nearer-other']],
      [2, ['far-from-own']],
    ]);
  });

  it('robust cutoff: median + 3 · 1.4826 · MAD', () => {
    // median 3, deviations 2 1 0 1 97 → MAD 1.
    expect(robustUpperCutoff([1, 2, 3, 4, 100])).toBeCloseTo(3 + 3 * 1.4826, 9);
    expect(robustUpperCutoff([])).toBe(Infinity);
  });
});

/** rows × pivots distances. */
function pivotDistances(rows: Float32Array, dim: number, pivots: readonly number[][]): Float32Array {
  const n = rows.length / dim;
  return Float32Array.from({ length: n * pivots.length }, (_, x) => {
    const i = Math.floor(x / pivots.length);
    const p = pivots[x % pivots.length]!;
    return Math.hypot(...p.map((c, k) => c - rows[i * dim + k]!));
  });
}

describe('nearDuplicatePairs', () => {
  const unit = (xs: number[]) => {
    const n = Math.hypot(...xs);
    return xs.map((x) => x / n);
  };

  it('finds copies within and across people, not near neighbours', () => {
    // Rows 0, 1: one person (a slightly different photo at 0.3); row 2: row 0 re-encoded, filed
    // under someone else; row 3: far away; row 4: an exact copy of row 0.
    const rows = Float32Array.from([
      ...unit([1, 0, 0, 0]),
      ...unit([1, 0.3, 0, 0]),
      ...unit([1, 0.01, 0, 0]),
      ...unit([0, 0, 1, 0]),
      ...unit([1, 0, 0, 0]),
    ]);
    const pivots = [unit([1, 0.1, 0, 0]), [0, 0, 1, 0]];
    const pairs = runToEnd(nearDuplicatePairs(rows, 4, 0.05, pivotDistances(rows, 4, pivots), 2, 1));
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 4],
      [0, 2],
      [2, 4],
    ]);
    expect(pairs[0]!.distance).toBe(0);
    expect(pairs[1]!.distance).toBeCloseTo(0.01, 4);
  });

  it('returns exactly the brute-force pairs on clustered random data', () => {
    const rng = mulberry32(7);
    const dim = 32;
    const gauss = () => {
      const u = Math.max(rng(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    };
    const centres = Array.from({ length: 6 }, () => unit(Array.from({ length: dim }, gauss)));
    const list: number[][] = [];
    for (let i = 0; i < 300; i++) {
      const c = centres[i % 6]!;
      // Some rows are tight variations (near-duplicates), most are ordinary views of the centre.
      const spread = i % 17 === 0 ? 0.002 : 0.05;
      list.push(unit(c.map((x) => x + spread * gauss())));
    }
    const rows = Float32Array.from(list.flat());
    for (const threshold of [0.05, 0.12, 0.3]) {
      const brute: string[] = [];
      for (let a = 0; a < list.length; a++)
        for (let b = a + 1; b < list.length; b++) {
          let s = 0;
          for (let k = 0; k < dim; k++) s += (rows[a * dim + k]! - rows[b * dim + k]!) ** 2;
          if (Math.sqrt(s) <= threshold) brute.push(`${a}-${b}`);
        }
      expect(brute.length).toBeGreaterThan(0);
      const found = runToEnd(nearDuplicatePairs(rows, dim, threshold, pivotDistances(rows, dim, centres), 6));
      expect(found.map((p) => `${p.a}-${p.b}`).sort()).toEqual(brute.sort());
    }
  });

  it('rejects pivot distances of the wrong size', () => {
    expect(() => runToEnd(nearDuplicatePairs(new Float32Array(4), 2, 0.1, new Float32Array(3), 2))).toThrow(
      /Need 2 × 2 pivot distances/,
    );
  });
});
