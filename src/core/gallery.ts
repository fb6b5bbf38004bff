import { LikenessError } from './errors';
import { centroid, l2NormalizeInPlace } from './vector';

/**
 * One unit centroid per enrolled identity, packed row-major in a single Float32Array so matching is
 * one linear scan over contiguous memory (and the buffer can be transferred or stored as-is).
 */
export interface Gallery {
  readonly identities: readonly string[];
  /** identities.length × dim floats; row i is the unit centroid of identities[i]. */
  readonly centroids: Float32Array;
  readonly dim: number;
}

export interface EnrolledIdentity {
  identity: string;
  embeddings: readonly Float32Array[];
}

function assertUniqueNames(identities: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of identities) {
    if (seen.has(name)) throw new LikenessError('invalid-argument', `Identity "${name}" is enrolled twice`);
    seen.add(name);
  }
}

/** Builds the gallery from each identity's enrolment embeddings (any norm; they are normalised). */
export function buildGallery(enrolled: readonly EnrolledIdentity[]): Gallery {
  const identities = enrolled.map((e) => e.identity);
  assertUniqueNames(identities);
  const rows = enrolled.map((e) => {
    if (e.embeddings.length === 0) {
      throw new LikenessError('invalid-argument', `Identity "${e.identity}" has no enrolment embeddings`);
    }
    return centroid(e.embeddings);
  });
  const first = rows[0];
  if (first === undefined) throw new LikenessError('invalid-argument', 'Cannot build an empty gallery');
  const dim = first.length;
  const centroids = new Float32Array(rows.length * dim);
  rows.forEach((c, i) => {
    if (c.length !== dim) {
      throw new LikenessError(
        'dimension-mismatch',
        `Identity "${identities[i]}" has ${c.length}-d embeddings, expected ${dim}`,
      );
    }
    centroids.set(c, i * dim);
  });
  return { identities, centroids, dim };
}

/**
 * A gallery from stored parts (e.g. read back from IndexedDB). Copies and re-normalises every row,
 * because matching relies on unit centroids and stored data cannot be trusted to keep that promise.
 */
export function createGallery(identities: readonly string[], centroids: Float32Array, dim: number): Gallery {
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new LikenessError('invalid-argument', `Gallery dimension must be a positive integer, got ${dim}`);
  }
  if (centroids.length !== identities.length * dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Expected ${identities.length} × ${dim} = ${identities.length * dim} floats, got ${centroids.length}`,
    );
  }
  assertUniqueNames(identities);
  const copy = new Float32Array(centroids);
  for (let i = 0; i < identities.length; i++) {
    try {
      l2NormalizeInPlace(copy.subarray(i * dim, (i + 1) * dim));
    } catch (e) {
      throw new LikenessError('invalid-vector', `Centroid of "${identities[i]}" is not a valid vector`, {
        cause: e,
      });
    }
  }
  return { identities: [...identities], centroids: copy, dim };
}

/** A view (no copy) of one identity's centroid. */
export function galleryCentroid(gallery: Gallery, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= gallery.identities.length) {
    throw new LikenessError('invalid-argument', `No identity at index ${index}`);
  }
  return gallery.centroids.subarray(index * gallery.dim, (index + 1) * gallery.dim);
}

/**
 * A copy of the gallery with one identity's centroid rebuilt from these embeddings (for example
 * its enrolment plus a face added later). Other rows are untouched.
 */
export function withIdentityEmbeddings(
  gallery: Gallery,
  index: number,
  embeddings: readonly Float32Array[],
): Gallery {
  galleryCentroid(gallery, index);
  const row = centroid(embeddings);
  if (row.length !== gallery.dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Embeddings have ${row.length} dimensions, the gallery has ${gallery.dim}`,
    );
  }
  const centroids = new Float32Array(gallery.centroids);
  centroids.set(row, index * gallery.dim);
  return { identities: [...gallery.identities], centroids, dim: gallery.dim };
}
