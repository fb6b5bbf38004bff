/**
 * Where to look for faces of every size, and how to merge what each look finds. Pure geometry: no
 * tfjs, so it is unit-tested in Node.
 *
 * Measured on pins-dev faces pasted on grey (docs/models.md, "Every face"): the short-range detector
 * (128 px input) finds faces whose crop spans at least a quarter of what it sees; the full-range one
 * (192 px) those from about 1/16 to 2/3 of it. Looking at the whole picture with both, and at tiles
 * of it with the full-range one, finds a face wherever it is, at whatever size.
 */
import type { Box } from './blazeface';

/** A face spanning 1/12 of what the full-range detector sees (16 px of its 192) is found reliably. */
const fullRangeReach = 12;
/** Smallest face crop, in decoded pixels, the tiles are sized for. */
export const minFaceSide = 36;
/** Tiles overlap by half, so every face up to half a tile lies wholly inside one. */
const tileOverlap = 0.5;

/**
 * Square tiles covering a width × height picture, each the size at which a `minFaceSide` face is
 * still found, overlapping by half. Empty when the whole picture, seen at once, already finds it.
 */
export function faceTiles(width: number, height: number, minFace = minFaceSide): Box[] {
  return tileGrid(width, height, Math.round(minFace * fullRangeReach));
}

/**
 * Tiles for the short-range detector: twice the full-range tiles' side, so faces too large for
 * those (over about half a tile) but under a quarter of the whole picture are seen close up.
 */
export function closeUpTiles(width: number, height: number, minFace = minFaceSide): Box[] {
  return tileGrid(width, height, Math.round(2 * minFace * fullRangeReach));
}

/** Square tiles of `side` (cut to the picture) overlapping by half; none when the picture fits in one. */
export function tileGrid(width: number, height: number, side: number): Box[] {
  if (Math.max(width, height) <= side) return [];
  const step = Math.round(side * (1 - tileOverlap));
  const starts = (length: number) => {
    if (length <= side) return [0];
    const n = Math.ceil((length - side) / step) + 1;
    // Spread evenly so the last tile ends at the edge.
    return Array.from({ length: n }, (_, i) => Math.round((i * (length - side)) / (n - 1)));
  };
  const tiles: Box[] = [];
  for (const y of starts(height)) {
    for (const x of starts(width)) tiles.push([x, y, Math.min(side, width), Math.min(side, height)]);
  }
  return tiles;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

function intersection(a: Box, b: Box): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
}

/**
 * One face seen twice: boxes that overlap (IoU above `iouThreshold`), or one mostly inside the
 * other (a face cut by a tile's edge, or found at two scales with different margins).
 */
export function sameFace(a: Box, b: Box, iouThreshold = 0.3): boolean {
  if (iou(a, b) > iouThreshold) return true;
  const smaller = Math.min(a[2] * a[3], b[2] * b[3]);
  return smaller > 0 && intersection(a, b) / smaller > 0.6;
}

/**
 * Merges detections from several looks, in priority order: a later one is kept only when it is
 * not a face already kept. Within a look, higher scores come first (detectFaces' order).
 */
export function mergeLooks<T extends { box: Box }>(looks: readonly (readonly T[])[], maxFaces: number): T[] {
  const kept: T[] = [];
  for (const look of looks) {
    for (const face of look) {
      if (kept.length >= maxFaces) return kept;
      if (kept.every((k) => !sameFace(k.box, face.box))) kept.push(face);
    }
  }
  return kept;
}
