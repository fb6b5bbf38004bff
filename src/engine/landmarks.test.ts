import { describe, expect, it } from 'vitest';
import { fivePointsFrom68, landmarkRegion } from './landmarks';

describe('fivePointsFrom68', () => {
  it('maps eye centres, nose tip and mouth corners from the region to image pixels', () => {
    const box = { x: 10, y: 20, width: 100, height: 100, score: 1 };
    const pts = Array.from({ length: 68 }, (_, i) => ({ x: i / 68, y: 0.5 }));
    const r = landmarkRegion(box);
    const five = fivePointsFrom68(pts, box);
    const eyeLeft = (36 + 41) / 2 / 68;
    expect(five[0]![0]).toBeCloseTo(r.x + eyeLeft * r.side, 6);
    expect(five[2]![0]).toBeCloseTo(r.x + (30 / 68) * r.side, 6);
    expect(five[4]![1]).toBeCloseTo(r.y + 0.5 * r.side, 6);
    expect(() => fivePointsFrom68(pts.slice(1), box)).toThrow(/68/);
  });
});
