import { describe, expect, it } from 'vitest';
import type { Box } from './blazeface';
import { faceTiles, mergeLooks, minFaceSide, sameFace } from './face-pyramid';

const covers = (tiles: Box[], face: Box) =>
  tiles.some(
    ([x, y, w, h]) =>
      face[0] >= x && face[1] >= y && face[0] + face[2] <= x + w && face[1] + face[3] <= y + h,
  );

describe('faceTiles', () => {
  it('needs no tiles when the whole picture already finds the smallest face', () => {
    expect(faceTiles(400, 300)).toEqual([]);
    expect(faceTiles(minFaceSide * 12, 100)).toEqual([]);
  });

  it('covers a large picture edge to edge with overlapping tiles of one size', () => {
    const tiles = faceTiles(1280, 720);
    const side = minFaceSide * 12;
    expect(tiles.length).toBe(15);
    for (const [x, y, w, h] of tiles) {
      expect([w, h]).toEqual([side, side]);
      expect(x + w).toBeLessThanOrEqual(1280);
      expect(y + h).toBeLessThanOrEqual(720);
    }
    expect(Math.max(...tiles.map(([x, , w]) => x + w))).toBe(1280);
    expect(Math.max(...tiles.map(([, y, , h]) => y + h))).toBe(720);
  });

  it('puts every face up to half a tile wholly inside one tile, wherever it is', () => {
    const tiles = faceTiles(1280, 720);
    const half = (minFaceSide * 12) / 2;
    for (let x = 0; x + half <= 1280; x += 37)
      for (let y = 0; y + half <= 720; y += 41) expect(covers(tiles, [x, y, half, half])).toBe(true);
  });

  it('tiles a long strip in one row', () => {
    const tiles = faceTiles(1280, 320);
    expect(new Set(tiles.map(([, y]) => y))).toEqual(new Set([0]));
    expect(tiles.every(([, , , h]) => h === 320)).toBe(true);
  });
});

describe('mergeLooks', () => {
  const face = (box: Box, score = 0.9) => ({ box, score });

  it('keeps the earlier look of a face seen twice, and every other face', () => {
    const short = [face([100, 100, 200, 200])];
    const full = [face([110, 95, 190, 210]), face([500, 100, 60, 60])];
    expect(mergeLooks([short, full], 10)).toEqual([short[0], full[1]]);
  });

  it('drops a face cut by a tile edge when the whole face was found', () => {
    const whole = face([300, 300, 60, 60]);
    const cut = face([300, 300, 30, 58]);
    expect(sameFace(whole.box, cut.box)).toBe(true);
    expect(mergeLooks([[whole], [cut]], 10)).toEqual([whole]);
  });

  it('keeps two faces side by side and stops at maxFaces', () => {
    const a = face([0, 0, 50, 50]);
    const b = face([52, 0, 50, 50]);
    const c = face([104, 0, 50, 50]);
    expect(mergeLooks([[a, b], [c]], 10)).toEqual([a, b, c]);
    expect(mergeLooks([[a, b], [c]], 2)).toEqual([a, b]);
  });
});
