import { LikenessError } from './errors';

function assertSameDim(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) {
    throw new LikenessError('dimension-mismatch', `Vector dimensions differ: ${a.length} vs ${b.length}`);
  }
}

export function isFiniteVector(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]!)) return false;
  }
  return true;
}

export function dot(a: Float32Array, b: Float32Array): number {
  assertSameDim(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export function squaredEuclidean(a: Float32Array, b: Float32Array): number {
  assertSameDim(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

export function euclidean(a: Float32Array, b: Float32Array): number {
  return Math.sqrt(squaredEuclidean(a, b));
}

/** 1 / |v|, refusing vectors that have no direction (zero, NaN, Infinity, empty). */
function inverseNorm(v: Float32Array): number {
  const n = norm(v);
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new LikenessError('invalid-vector', `Cannot normalise a vector of norm ${n} (length ${v.length})`);
  }
  return 1 / n;
}

/** Scales v to unit length and returns the same array. */
export function l2NormalizeInPlace(v: Float32Array): Float32Array {
  const inv = inverseNorm(v);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * inv;
  return v;
}

/** A unit-length copy of v; v is left untouched. */
export function l2Normalize(v: Float32Array): Float32Array {
  return l2NormalizeInPlace(new Float32Array(v));
}

function assertNonEmpty(vectors: readonly Float32Array[]): number {
  const first = vectors[0];
  if (first === undefined) throw new LikenessError('invalid-argument', 'Need at least one vector');
  return first.length;
}

/** Element-wise arithmetic mean. */
export function mean(vectors: readonly Float32Array[]): Float32Array {
  const dim = assertNonEmpty(vectors);
  // Accumulate in doubles: float32 sums drift over thousands of embeddings.
  const sum = new Float64Array(dim);
  for (const v of vectors) {
    if (v.length !== dim) {
      throw new LikenessError('dimension-mismatch', `Vector dimensions differ: ${dim} vs ${v.length}`);
    }
    for (let i = 0; i < dim; i++) sum[i]! += v[i]!;
  }
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = sum[i]! / vectors.length;
  return out;
}

/**
 * The person's template: unit mean of unit embeddings. Normalising each embedding first gives
 * every image an equal vote, whatever its raw norm (which tracks image quality, not person).
 */
export function centroid(vectors: readonly Float32Array[]): Float32Array {
  const dim = assertNonEmpty(vectors);
  const sum = new Float64Array(dim);
  for (const v of vectors) {
    if (v.length !== dim) {
      throw new LikenessError('dimension-mismatch', `Vector dimensions differ: ${dim} vs ${v.length}`);
    }
    const inv = inverseNorm(v);
    for (let i = 0; i < dim; i++) sum[i]! += v[i]! * inv;
  }
  // The mean's scale is irrelevant once normalised, so normalise the sum directly.
  return l2NormalizeInPlace(Float32Array.from(sum));
}
