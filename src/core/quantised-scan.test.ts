import { describe, expect, it } from 'vitest';
import { scanNearest } from './match';
import { QuantisedRows } from './quantised-scan';

function unitRows(n: number, dim: number, seed: number): Float32Array {
  let s = seed;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const rows = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    let sq = 0;
    for (let j = 0; j < dim; j++) {
      const v = rnd() + (r % 7 === 0 ? 0.3 : 0);
      rows[r * dim + j] = v;
      sq += v * v;
    }
    for (let j = 0; j < dim; j++) rows[r * dim + j]! /= Math.sqrt(sq);
  }
  return rows;
}

describe('QuantisedRows.nearest', () => {
  it('returns exactly what scanNearest returns (rows, distances, order)', () => {
    const dim = 100; // not a multiple of 16: rows are padded
    const rows = unitRows(3000, dim, 7);
    const search = QuantisedRows.from(rows, dim);
    expect(search.accelerated).toBe(true);
    for (let i = 0; i < 20; i++) {
      const probe = rows.slice(i * 97 * dim, (i * 97 + 1) * dim).map((v, j) => v + (j % 3) * 0.01);
      for (const k of [1, 5, 12]) expect(search.nearest(probe, k)).toEqual(scanNearest(rows, dim, probe, k));
    }
  });

  it('keeps the earlier row on exact ties, as scanNearest does', () => {
    const dim = 32;
    const rows = unitRows(2048, dim, 3);
    rows.copyWithin(1500 * dim, 10 * dim, 11 * dim); // row 1500 duplicates row 10
    const probe = rows.slice(10 * dim, 11 * dim);
    const got = QuantisedRows.from(rows, dim).nearest(probe, 2);
    expect(got).toEqual(scanNearest(rows, dim, probe, 2));
    expect(got.map((n) => n.index)).toEqual([10, 1500]);
  });

  it('falls back to the float scan for small databases and unusual k', () => {
    const dim = 16;
    const rows = unitRows(50, dim, 1);
    const probe = rows.slice(0, dim);
    expect(QuantisedRows.from(rows, dim).nearest(probe, 3)).toEqual(scanNearest(rows, dim, probe, 3));
    expect(() => QuantisedRows.from(new Float32Array(10), 3)).toThrow();
  });
});
