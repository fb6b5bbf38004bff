import { LikenessError } from '../errors';
import type { KnnGraph } from './knn';

/**
 * Grouping faces into people over a k-nearest-neighbour graph, with the user's decisions as
 * constraints. Every method links faces through the graph's edges, most similar first, as
 * union-find (Kruskal) does, and never merges two groups that would then hold:
 * - two faces of one photo (one person is not twice in a photo);
 * - faces the user put with two different people;
 * - a face the user said is not a person, with that person.
 * Faces the user put with a person start as one group, and in a first pass faces link only to those
 * people ("photos added later are grouped against the named people first"); then all link.
 *
 * - 'link': single linkage at a similarity threshold (Ente's greedy linking, in the best order).
 * - 'centroid': as 'link', but two groups merge only if their mean faces are also similar enough,
 *   which stops chains of look-alikes.
 * - 'dbscan': DBSCAN over the graph (Immich, PhotoPrism): faces with at least `minNeighbours`
 *   neighbours within the threshold are core faces, which link; the others join their nearest core.
 */
export type GroupingMethod = 'link' | 'centroid' | 'dbscan';

export interface FaceTable {
  /** Each face's photo (equal numbers for faces of one photo). */
  photo: Int32Array;
  /** 1 where the face is clear enough to form groups; others are grouped only by the user. */
  trusted: Uint8Array;
  /** The person (index) the user put the face with, -1 for none. */
  person: Int32Array;
  /** Persons each face was said not to be. */
  notPerson?: ReadonlyMap<number, readonly number[]>;
}

export interface GroupingOptions {
  method: GroupingMethod;
  /** The least cosine similarity of an edge that may link two faces. */
  link: number;
  /** 'centroid': the least cosine similarity of two groups' mean faces for them to merge. */
  centroid?: number;
  /** 'dbscan': neighbours within `link` that make a face a core face. */
  minNeighbours?: number;
  /** A group of fewer faces, with no person, is dissolved: its faces stay ungrouped. */
  minSize: number;
}

/**
 * The grouping the app uses, and the neighbour graph it needs: `k` neighbours per face, none less
 * similar than `minSimilarity`. Chosen by measurement on the development library (docs/library.md).
 */
export const libraryGrouping: GroupingOptions & { k: number; minSimilarity: number } = {
  // Three pins-dev libraries (seed 7; seed 42, 1,044 and 218 photos): B-cubed precision 0.982,
  // 0.987, 1.0 and F 0.938, 0.952, 0.950. A centroid gate of 0.45 gave F 0.944, 0.954, 0.967 but
  // precision 0.968 on the largest (look-alikes merged); plain 'link' at 0.45, precision 0.891 to 0.986.
  method: 'centroid',
  link: 0.45,
  centroid: 0.48,
  minSize: 2,
  k: 16,
  minSimilarity: 0.3,
};

export interface Grouping {
  /** Each face's group, 0 the largest; -1 for a face in no group. */
  group: Int32Array;
  groups: number;
  /** Each group's person (from the user's decisions), -1 for none. */
  personOf: Int32Array;
}

/** Union-find over faces, each root holding its group's photos, person, rejections and size. */
class Groups {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  readonly person: Int32Array;
  readonly photos: (Set<number> | null)[];
  readonly notPerson: (Set<number> | null)[];
  readonly sums: (Float32Array | null)[];

  constructor(
    table: FaceTable,
    private readonly vectors: Float32Array | null,
    private readonly dim: number,
  ) {
    const n = table.photo.length;
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
    this.person = Int32Array.from(table.person);
    this.photos = Array.from({ length: n }, (_, i) => new Set([table.photo[i]!]));
    this.notPerson = Array.from({ length: n }, (_, i) => {
      const not = table.notPerson?.get(i);
      return not?.length ? new Set(not) : null;
    });
    this.sums = Array.from({ length: n }, () => null);
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** The sum of a group's vectors ('centroid'), made on first use. */
  sum(root: number): Float32Array {
    let s = this.sums[root];
    if (!s) {
      s = this.vectors!.slice(root * this.dim, (root + 1) * this.dim);
      this.sums[root] = s;
    }
    return s;
  }

  /** Whether two groups may become one. */
  compatible(a: number, b: number): boolean {
    const pa = this.person[a]!;
    const pb = this.person[b]!;
    if (pa >= 0 && pb >= 0 && pa !== pb) return false;
    if (pa >= 0 && this.notPerson[b]?.has(pa)) return false;
    if (pb >= 0 && this.notPerson[a]?.has(pb)) return false;
    const [small, large] = this.photos[a]!.size < this.photos[b]!.size ? [a, b] : [b, a];
    for (const p of this.photos[small]!) if (this.photos[large]!.has(p)) return false;
    return true;
  }

  /** Cosine similarity of two groups' mean faces. */
  meanSimilarity(a: number, b: number): number {
    const sa = this.sum(a);
    const sb = this.sum(b);
    let d = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < this.dim; i++) {
      d += sa[i]! * sb[i]!;
      na += sa[i]! * sa[i]!;
      nb += sb[i]! * sb[i]!;
    }
    return d / Math.sqrt(na * nb);
  }

  union(a: number, b: number): number {
    const [root, child] = this.size[a]! >= this.size[b]! ? [a, b] : [b, a];
    this.parent[child] = root;
    this.size[root] = this.size[root]! + this.size[child]!;
    if (this.person[root]! < 0) this.person[root] = this.person[child]!;
    const [big, small] =
      this.photos[root]!.size >= this.photos[child]!.size
        ? [this.photos[root]!, this.photos[child]!]
        : [this.photos[child]!, this.photos[root]!];
    for (const p of small) big.add(p);
    this.photos[root] = big;
    this.photos[child] = null;
    const notChild = this.notPerson[child];
    if (notChild) {
      const into = (this.notPerson[root] ??= new Set());
      for (const p of notChild) into.add(p);
      this.notPerson[child] = null;
    }
    if (this.vectors && (this.sums[root] || this.sums[child])) {
      const s = this.sum(root);
      const t = this.sum(child);
      for (let i = 0; i < this.dim; i++) s[i] = s[i]! + t[i]!;
      this.sums[child] = null;
    }
    return root;
  }
}

/** Edges of the graph at or above `link`, most similar first, as parallel arrays. */
function sortedEdges(graph: KnnGraph, link: number, usable: (i: number) => boolean) {
  const from: number[] = [];
  const to: number[] = [];
  const sim: number[] = [];
  for (let i = 0; i < graph.n; i++) {
    if (!usable(i)) continue;
    for (let slot = i * graph.k; slot < (i + 1) * graph.k; slot++) {
      const j = graph.neighbours[slot]!;
      const s = graph.similarities[slot]!;
      if (j < 0 || s < link) break;
      if (!usable(j)) continue;
      from.push(i);
      to.push(j);
      sim.push(s);
    }
  }
  const order = Uint32Array.from(sim.keys()).sort((a, b) => sim[b]! - sim[a]! || a - b);
  return { from, to, sim, order };
}

export function groupFaces(
  graph: KnnGraph,
  table: FaceTable,
  options: GroupingOptions,
  vectors: Float32Array | null = null,
): Grouping {
  const n = table.photo.length;
  if (graph.n !== n || table.trusted.length !== n || table.person.length !== n)
    throw new LikenessError('invalid-argument', 'The neighbour graph and the face table differ in size');
  if (options.method === 'centroid' && (!vectors || vectors.length % Math.max(1, n) !== 0))
    throw new LikenessError('invalid-argument', "'centroid' grouping needs the faces' vectors");
  const dim = vectors && n > 0 ? vectors.length / n : 0;
  const groups = new Groups(table, options.method === 'centroid' ? vectors : null, dim);
  const confirmed = (i: number) => table.person[i]! >= 0;
  const usable = (i: number) => table.trusted[i] === 1 || confirmed(i);

  // The user's people, each one group to start with.
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = table.person[i]!;
    if (p < 0) continue;
    const other = first.get(p);
    if (other === undefined) first.set(p, i);
    else groups.union(groups.find(other), groups.find(i));
  }

  const { from, to, order } = sortedEdges(graph, options.link, usable);
  const isCore =
    options.method === 'dbscan'
      ? coreFaces(graph, options.link, options.minNeighbours ?? 3, usable, confirmed)
      : null;
  const link = (i: number, j: number, onlyToPeople: boolean) => {
    const a = groups.find(i);
    const b = groups.find(j);
    if (a === b) return;
    if (onlyToPeople && groups.person[a]! < 0 && groups.person[b]! < 0) return;
    if (!groups.compatible(a, b)) return;
    if (options.method === 'centroid' && groups.meanSimilarity(a, b) < (options.centroid ?? -1)) return;
    groups.union(a, b);
  };
  for (const onlyToPeople of first.size > 0 ? [true, false] : [false]) {
    for (const e of order) {
      const i = from[e]!;
      const j = to[e]!;
      if (isCore && !(isCore[i] && isCore[j])) continue;
      link(i, j, onlyToPeople);
    }
  }
  if (isCore) {
    // Border faces join the group of their most similar core neighbour that can take them.
    for (const e of order) {
      const i = from[e]!;
      const j = to[e]!;
      if (isCore[i] || !isCore[j] || groups.size[groups.find(i)]! > 1) continue;
      link(i, j, false);
    }
  }
  return labelGroups(groups, n, options.minSize);
}

/** DBSCAN's core faces: usable faces with at least `minNeighbours` usable neighbours within `link`. */
function coreFaces(
  graph: KnnGraph,
  link: number,
  minNeighbours: number,
  usable: (i: number) => boolean,
  confirmed: (i: number) => boolean,
): Uint8Array {
  const core = new Uint8Array(graph.n);
  for (let i = 0; i < graph.n; i++) {
    if (!usable(i)) continue;
    let count = 0;
    for (let slot = i * graph.k; slot < (i + 1) * graph.k; slot++) {
      const j = graph.neighbours[slot]!;
      if (j < 0 || graph.similarities[slot]! < link) break;
      if (usable(j)) count++;
    }
    core[i] = count >= minNeighbours || confirmed(i) ? 1 : 0;
  }
  return core;
}

/** Numbers the groups that stay, largest first (ties by their first face). */
function labelGroups(groups: Groups, n: number, minSize: number): Grouping {
  const roots = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = groups.find(i);
    const members = roots.get(r);
    if (members) members.push(i);
    else roots.set(r, [i]);
  }
  const kept = [...roots.entries()]
    .filter(([r, members]) => groups.person[r]! >= 0 || (members.length >= minSize && members.length > 1))
    .sort((a, b) => b[1].length - a[1].length || a[1][0]! - b[1][0]!);
  const group = new Int32Array(n).fill(-1);
  const personOf = new Int32Array(kept.length);
  kept.forEach(([r, members], g) => {
    for (const i of members) group[i] = g;
    personOf[g] = groups.person[r]!;
  });
  return { group, groups: kept.length, personOf };
}
