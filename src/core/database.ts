import { LikenessError } from './errors';
import { centroid, l2NormalizeInPlace } from './vector';

/**
 * One unit centroid per enrolled person, packed row-major in a single Float32Array so matching is
 * one linear scan over contiguous memory (and the buffer can be transferred or stored as-is).
 */
export interface FaceDatabase {
  readonly people: readonly string[];
  /** people.length × dim floats; row i is the unit centroid of people[i]. */
  readonly centroids: Float32Array;
  readonly dim: number;
}

export interface EnrolledPerson {
  person: string;
  embeddings: readonly Float32Array[];
}

function assertUniqueNames(people: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of people) {
    if (seen.has(name)) throw new LikenessError('invalid-argument', `Person "${name}" is enrolled twice`);
    seen.add(name);
  }
}

/** Builds the database from each person's enrolment embeddings (any norm; they are normalised). */
export function buildDatabase(enrolled: readonly EnrolledPerson[]): FaceDatabase {
  const people = enrolled.map((e) => e.person);
  assertUniqueNames(people);
  const rows = enrolled.map((e) => {
    if (e.embeddings.length === 0) {
      throw new LikenessError('invalid-argument', `Person "${e.person}" has no enrolment embeddings`);
    }
    return centroid(e.embeddings);
  });
  const first = rows[0];
  if (first === undefined) throw new LikenessError('invalid-argument', 'Cannot build an empty database');
  const dim = first.length;
  const centroids = new Float32Array(rows.length * dim);
  rows.forEach((c, i) => {
    if (c.length !== dim) {
      throw new LikenessError(
        'dimension-mismatch',
        `Person "${people[i]}" has ${c.length}-d embeddings, expected ${dim}`,
      );
    }
    centroids.set(c, i * dim);
  });
  return { people, centroids, dim };
}

/**
 * A database from stored parts (e.g. read back from IndexedDB). Copies and re-normalises every row,
 * because matching relies on unit centroids and stored data cannot be trusted to keep that promise.
 */
export function createDatabase(
  people: readonly string[],
  centroids: Float32Array,
  dim: number,
): FaceDatabase {
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new LikenessError('invalid-argument', `Database dimension must be a positive integer, got ${dim}`);
  }
  if (centroids.length !== people.length * dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Expected ${people.length} × ${dim} = ${people.length * dim} floats, got ${centroids.length}`,
    );
  }
  assertUniqueNames(people);
  const copy = new Float32Array(centroids);
  for (let i = 0; i < people.length; i++) {
    try {
      l2NormalizeInPlace(copy.subarray(i * dim, (i + 1) * dim));
    } catch (e) {
      throw new LikenessError('invalid-vector', `Centroid of "${people[i]}" is not a valid vector`, {
        cause: e,
      });
    }
  }
  return { people: [...people], centroids: copy, dim };
}

/** A view (no copy) of one person's centroid. */
export function databaseCentroid(database: FaceDatabase, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= database.people.length) {
    throw new LikenessError('invalid-argument', `No person at index ${index}`);
  }
  return database.centroids.subarray(index * database.dim, (index + 1) * database.dim);
}

/**
 * A copy of the database with one person's centroid rebuilt from these embeddings (for example
 * its enrolment plus a face added later). Other rows are untouched.
 */
export function withPersonEmbeddings(
  database: FaceDatabase,
  index: number,
  embeddings: readonly Float32Array[],
): FaceDatabase {
  databaseCentroid(database, index);
  const row = centroid(embeddings);
  if (row.length !== database.dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Embeddings have ${row.length} dimensions, the database has ${database.dim}`,
    );
  }
  const centroids = new Float32Array(database.centroids);
  centroids.set(row, index * database.dim);
  return { people: [...database.people], centroids, dim: database.dim };
}
