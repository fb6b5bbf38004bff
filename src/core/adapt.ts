import { enrolAt, type EvaluationPerson } from './enrolment-curve';
import { LikenessError } from './errors';
import { createDatabase } from './database';
import { createMatcher } from './matcher';
import { wilsonInterval } from './metrics';
import { isFiniteVector, l2Normalize, l2NormalizeInPlace, norm } from './vector';

/**
 * "Adapt to your people": a linear map learned from the enrolled images only.
 *
 * The map shrinks the directions in which one person's own photos differ from each other (pose,
 * light, expression), so that what is left is more about who it is:
 *
 *   P·x = x − Σₖ (1 − sₖ) uₖ (uₖ·x)
 *
 * with orthonormal uₖ (eigenvectors of the within-class scatter Σ_w) and sₖ = √(λ / (λ + σₖ)) for
 * eigenvalue σₖ. That is the shrunk within-class whitening (Σ_w + λI)^(-1/2), scaled by √λ: the
 * scale is irrelevant because every projected vector is L2-normalised, and every direction outside
 * the basis (where the enrolled images show no spread) keeps its length.
 */
export interface LinearProjection {
  dim: number;
  /** k × dim, row-major; orthonormal rows. */
  basis: Float32Array;
  /** k factors in (0, 1]: how much of each basis direction is kept. */
  scales: Float32Array;
}

/** The one method kept (see docs/adapt.md for the variants measured against it). */
export type AdaptMethod = 'within-class-whitening';

/** The within-class deviations of every enrolled image: what the projection is fitted on. */
export interface WithinClassData {
  /** N × dim, row-major: each unit embedding minus its own person's mean of unit embeddings. */
  deviations: Float32Array;
  dim: number;
  /** Images that contributed (people with one image only contribute none: they show no spread). */
  images: number;
  people: number;
}

/**
 * What a fit may see: each person's first `size` enrolled embeddings (the database's own images).
 * Probes are not part of the result, whatever the caller does with it.
 */
export function enrolledClasses(people: readonly EvaluationPerson[], size: number): Float32Array[][] {
  return people.filter((i) => i.enrolment.length > 0).map((i) => i.enrolment.slice(0, size));
}

/**
 * Unit-normalises each enrolled embedding and subtracts its own person's mean. Only enrolment
 * embeddings go in: the caller never passes probes, and this function has no way to reach them.
 */
export function withinClassDeviations(classes: readonly (readonly Float32Array[])[]): WithinClassData {
  const used = classes.filter((c) => c.length >= 2);
  const dim = classes.find((c) => c.length > 0)?.[0]?.length ?? 0;
  if (used.length === 0 || dim === 0) {
    throw new LikenessError(
      'invalid-argument',
      'Adapting needs at least one person with two or more enrolled images',
    );
  }
  const images = used.reduce((n, c) => n + c.length, 0);
  const deviations = new Float32Array(images * dim);
  let row = 0;
  for (const embeddings of used) {
    const units = embeddings.map((e) => {
      if (e.length !== dim)
        throw new LikenessError(
          'dimension-mismatch',
          `Embedding has ${e.length} dimensions, expected ${dim}`,
        );
      return l2Normalize(e);
    });
    const mean = new Float64Array(dim);
    for (const u of units) for (let i = 0; i < dim; i++) mean[i]! += u[i]! / units.length;
    for (const u of units) {
      const o = row * dim;
      for (let i = 0; i < dim; i++) deviations[o + i] = u[i]! - mean[i]!;
      row++;
    }
  }
  return { deviations, dim, images, people: used.length };
}

/**
 * Eigen-decomposition of a small symmetric n × n matrix (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching unit eigenvectors as the rows of `vectors`.
 * O(n³) per sweep: meant for the k × k Rayleigh–Ritz step (k ≤ a few hundred), not for 1024 × 1024.
 */
export function symmetricEigen(
  matrix: ArrayLike<number>,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  if (!Number.isInteger(n) || n < 0 || matrix.length !== n * n) {
    throw new LikenessError('dimension-mismatch', `Expected ${n} × ${n} numbers, got ${matrix.length}`);
  }
  const a = Float64Array.from(matrix);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (
        !Number.isFinite(a[i * n + j]!) ||
        Math.abs(a[i * n + j]! - a[j * n + i]!) > 1e-6 * (1 + Math.abs(a[i * n + j]!))
      ) {
        throw new LikenessError('invalid-argument', 'The matrix is not symmetric and finite');
      }
    }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  const tolerance = 1e-24 * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    if (off <= tolerance) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((col, row) => {
    for (let k = 0; k < n; k++) vectors[row * n + k] = v[k * n + col]!;
  });
  return { values, vectors };
}

/**
 * How much of each eigen-direction the projection keeps: √(λ / (λ + σ)), so a direction with no
 * within-class spread keeps all of its length and one with spread σ ≫ λ almost none.
 */
export function shrinkageScales(eigenvalues: ArrayLike<number>, lambda: number): Float32Array {
  if (!(lambda > 0) || !Number.isFinite(lambda))
    throw new LikenessError('invalid-argument', `Shrinkage must be positive, got ${lambda}`);
  return Float32Array.from(eigenvalues, (sigma) => {
    if (!(sigma >= 0)) throw new LikenessError('invalid-argument', `Eigenvalue ${sigma} is negative`);
    return Math.sqrt(lambda / (lambda + sigma));
  });
}

function assertProjection(p: LinearProjection): number {
  const k = p.scales.length;
  if (!Number.isInteger(p.dim) || p.dim <= 0 || p.basis.length !== k * p.dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `A ${k}-direction projection needs ${k} × ${p.dim} numbers`,
    );
  }
  return k;
}

/** P·v (not normalised). */
export function applyProjection(p: LinearProjection, v: Float32Array): Float32Array {
  const k = assertProjection(p);
  if (v.length !== p.dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `Vector has ${v.length} dimensions, the projection ${p.dim}`,
    );
  }
  const out = new Float32Array(v);
  for (let r = 0; r < k; r++) {
    const o = r * p.dim;
    let c = 0;
    for (let i = 0; i < p.dim; i++) c += p.basis[o + i]! * v[i]!;
    c *= 1 - p.scales[r]!;
    for (let i = 0; i < p.dim; i++) out[i] = out[i]! - c * p.basis[o + i]!;
  }
  return out;
}

/** P·v, L2-normalised: what matching compares after adapting. */
export function projectUnit(p: LinearProjection, v: Float32Array): Float32Array {
  const out = applyProjection(p, v);
  if (!(norm(out) > 0) || !isFiniteVector(out)) {
    throw new LikenessError('invalid-vector', 'The projection maps this embedding to zero');
  }
  return l2NormalizeInPlace(out);
}

export interface AdaptAccuracy {
  tested: number;
  correct: number;
  top1: number;
  ci95: [number, number];
}

export interface AdaptComparison {
  before: AdaptAccuracy;
  after: AdaptAccuracy;
  /** Probes wrong before and right after. */
  gained: number;
  /** Probes right before and wrong after. */
  lost: number;
}

const accuracy = (correct: number, tested: number): AdaptAccuracy => ({
  tested,
  correct,
  top1: tested === 0 ? 0 : correct / tested,
  ci95: wilsonInterval(correct, tested),
});

/**
 * Nearest-average top-1 on the same split before and after the projection, probe by probe. The
 * database's averages are built exactly as without adapting (unit mean of the first `size` enrolled
 * unit embeddings) and then projected and normalised; so is every probe.
 */
export function compareAdaptation(
  people: readonly EvaluationPerson[],
  size: number,
  projection: LinearProjection,
): AdaptComparison {
  const plain = enrolAt(people, size);
  const rows = new Float32Array(plain.centroids.length);
  for (let i = 0; i < plain.people.length; i++) {
    const c = plain.centroids.subarray(i * plain.dim, (i + 1) * plain.dim);
    rows.set(projectUnit(projection, c), i * plain.dim);
  }
  const adapted = createDatabase(plain.people, rows, plain.dim);
  const matchPlain = createMatcher('average', plain);
  const matchAdapted = createMatcher('average', adapted);
  let tested = 0;
  let before = 0;
  let after = 0;
  let gained = 0;
  let lost = 0;
  for (const person of people) {
    for (const probe of person.probes) {
      tested++;
      const rightBefore = matchPlain.match(probe).best.person === person.person;
      const rightAfter = matchAdapted.match(projectUnit(projection, probe)).best.person === person.person;
      if (rightBefore) before++;
      if (rightAfter) after++;
      if (rightAfter && !rightBefore) gained++;
      if (rightBefore && !rightAfter) lost++;
    }
  }
  return { before: accuracy(before, tested), after: accuracy(after, tested), gained, lost };
}
