import { LikenessError } from '../errors';

/**
 * A k-nearest-neighbour graph of n unit vectors: row i holds i's k most similar others (cosine
 * similarity, most similar first), -1 where fewer than k were at least `minSimilarity`.
 */
export interface KnnGraph {
  n: number;
  k: number;
  /** n × k face indices, -1 for an empty slot. */
  neighbours: Int32Array;
  /** n × k cosine similarities, -Infinity for an empty slot. */
  similarities: Float32Array;
}

export function emptyGraph(n: number, k: number): KnnGraph {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(k) && k >= 1))
    throw new LikenessError('invalid-argument', `A neighbour graph needs n ≥ 0 and k ≥ 1, not ${n} and ${k}`);
  return {
    n,
    k,
    neighbours: new Int32Array(n * k).fill(-1),
    similarities: new Float32Array(n * k).fill(-Infinity),
  };
}

/** Offers j as a neighbour of i at similarity s; kept when it beats i's k-th (rows stay sorted). */
export function offer(graph: KnnGraph, i: number, j: number, s: number): void {
  const { k, neighbours, similarities } = graph;
  const row = i * k;
  if (!(s > similarities[row + k - 1]!)) return;
  let p = row + k - 1;
  while (p > row && similarities[p - 1]! < s) {
    similarities[p] = similarities[p - 1]!;
    neighbours[p] = neighbours[p - 1]!;
    p--;
  }
  similarities[p] = s;
  neighbours[p] = j;
}

/**
 * Offers every pair of a block of similarities: rows `rowStart…` against columns `colStart…`
 * (`sims` is rows × cols, row-major), to both ends when `symmetric` (a block above the diagonal
 * stands for its mirror too). A face is never its own neighbour; pairs under `minSimilarity` are
 * skipped before any comparison with the row's k-th.
 */
export function offerBlock(
  graph: KnnGraph,
  sims: Float32Array,
  rowStart: number,
  rows: number,
  colStart: number,
  cols: number,
  minSimilarity: number,
  symmetric: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const i = rowStart + r;
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const s = sims[base + c]!;
      if (s < minSimilarity) continue;
      const j = colStart + c;
      if (j === i) continue;
      offer(graph, i, j, s);
      if (symmetric) offer(graph, j, i, s);
    }
  }
}

/**
 * The graph of a subset of n faces (`indices[i]` is the subset's face i) as a graph of all n: faces
 * outside the subset have no neighbours.
 */
export function expandGraph(sub: KnnGraph, indices: ArrayLike<number>, n: number): KnnGraph {
  const graph = emptyGraph(n, sub.k);
  for (let i = 0; i < sub.n; i++) {
    const row = indices[i]! * sub.k;
    for (let slot = 0; slot < sub.k; slot++) {
      const j = sub.neighbours[i * sub.k + slot]!;
      if (j < 0) break;
      graph.neighbours[row + slot] = indices[j]!;
      graph.similarities[row + slot] = sub.similarities[i * sub.k + slot]!;
    }
  }
  return graph;
}

/** Merges graphs of the same faces, each from part of the pairs (one per worker), into the first. */
export function mergeGraphs(into: KnnGraph, ...parts: KnnGraph[]): KnnGraph {
  for (const part of parts) {
    if (part.n !== into.n || part.k !== into.k)
      throw new LikenessError('invalid-argument', 'Neighbour graphs of different shapes cannot be merged');
    for (let p = 0; p < part.neighbours.length; p++) {
      const j = part.neighbours[p]!;
      if (j >= 0) offer(into, Math.floor(p / part.k), j, part.similarities[p]!);
    }
  }
  return into;
}

/**
 * The exact graph by plain loops: the reference the engine's blocked matrix products are checked
 * against, and enough for a few hundred faces. `vectors` is n × dim, unit rows.
 */
export function exactKnn(vectors: Float32Array, dim: number, k: number, minSimilarity = -Infinity): KnnGraph {
  const n = vectors.length / dim;
  if (!Number.isInteger(n))
    throw new LikenessError('dimension-mismatch', `${vectors.length} numbers are not rows of ${dim}`);
  const graph = emptyGraph(n, k);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += vectors[i * dim + d]! * vectors[j * dim + d]!;
      if (s < minSimilarity) continue;
      offer(graph, i, j, s);
      offer(graph, j, i, s);
    }
  }
  return graph;
}

/**
 * The pairs of row blocks of an n × n similarity matrix on or above the diagonal, as [rowBlock,
 * colBlock] starts: each pair is computed once and offered both ways. Dealt round-robin over
 * `parts` workers, biggest first, so each gets about the same work.
 */
export function blockPairs(n: number, block: number, parts = 1): [number, number][][] {
  const starts: number[] = [];
  for (let s = 0; s < n; s += block) starts.push(s);
  const pairs: [number, number][] = [];
  for (let a = 0; a < starts.length; a++)
    for (let b = a; b < starts.length; b++) pairs.push([starts[a]!, starts[b]!]);
  const out: [number, number][][] = Array.from({ length: Math.max(1, parts) }, () => []);
  pairs.forEach((pair, i) => out[i % out.length]!.push(pair));
  return out;
}

/** Cosine similarity ↔ Euclidean distance between unit vectors: d² = 2 − 2s. */
export const similarityOfDistance = (d: number): number => 1 - (d * d) / 2;
export const distanceOfSimilarity = (s: number): number => Math.sqrt(Math.max(0, 2 - 2 * s));
