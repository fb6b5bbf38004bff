import { describe, expect, it } from 'vitest';
import { pairDistances, verificationRoc } from './verification';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('pairDistances', () => {
  it('splits the 3 pairs of 3 images into genuine and impostor, on unit vectors', () => {
    const p = pairDistances([
      { person: 'A', embedding: v(2, 0) },
      { person: 'A', embedding: v(0, 3) },
      { person: 'B', embedding: v(-1, 0) },
    ]);
    // (1,0)-(0,1): √2; (1,0)-(-1,0): 2; (0,1)-(-1,0): √2.
    expect(p.genuine).toHaveLength(1);
    expect(p.genuine[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(p.impostor.map((d) => d.toFixed(6))).toEqual(['2.000000', Math.SQRT2.toFixed(6)]);
  });
});

describe('verificationRoc', () => {
  it('perfectly separated pairs give AUC 1 and EER 0', () => {
    const r = verificationRoc([
      { person: 'A', embedding: v(1, 0) },
      { person: 'A', embedding: v(1, 0.01) },
      { person: 'B', embedding: v(0, 1) },
      { person: 'B', embedding: v(0.01, 1) },
    ]);
    expect(r.genuine).toHaveLength(2);
    expect(r.impostor).toHaveLength(4);
    expect(r.auc).toBe(1);
    expect(r.eer).toBe(0);
    expect(r.roc[0]).toMatchObject({ far: 0, tpr: 0 });
    expect(r.roc.at(-1)).toMatchObject({ far: 1, tpr: 1 });
  });

  it('needs both kinds of pair', () => {
    expect(() =>
      verificationRoc([
        { person: 'A', embedding: v(1) },
        { person: 'B', embedding: v(1) },
      ]),
    ).toThrow(/same person/);
    expect(() =>
      verificationRoc([
        { person: 'A', embedding: v(1) },
        { person: 'A', embedding: v(1) },
      ]),
    ).toThrow(/different people/);
  });
});
