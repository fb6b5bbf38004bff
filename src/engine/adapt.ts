import * as tf from '@tensorflow/tfjs';
import {
  shrinkageScales,
  symmetricEigen,
  withinClassDeviations,
  type AdaptMethod,
  type LinearProjection,
} from '../core/adapt';
import { LikenessError } from '../core/errors';
import type { ProgressCallback } from './protocol';
import { throwIfCancelled, type EngineSession } from './session';

export interface AdaptFitOptions {
  method: AdaptMethod;
  /** λ = shrinkage × (mean within-class variance per dimension, trace(Σ_w) / dim). */
  shrinkage: number;
  /** Most eigen-directions kept (the rest of the data's span keeps its length). */
  maxRank: number;
  /** Subspace iterations (each one a progress step and a chance to cancel). */
  iterations: number;
  seed: number;
}

export const DEFAULT_ADAPT_OPTIONS: AdaptFitOptions = {
  method: 'within-class-whitening',
  shrinkage: 1,
  maxRank: 128,
  iterations: 6,
  seed: 42,
};

export interface AdaptFit {
  projection: LinearProjection;
  method: AdaptMethod;
  /** Images and people the fit saw: enrolled ones only. */
  images: number;
  people: number;
  rank: number;
  lambda: number;
  /** The largest within-class eigenvalues found (for display). */
  eigenvalues: number[];
}

/** Extra directions iterated beyond the rank kept: they make the kept ones converge faster. */
const OVERSAMPLE = 16;

/**
 * Columns of y (dim × m) made orthonormal: y·V·Λ^(-1/2) from the eigen-decomposition of yᵀy
 * (Cholesky-QR in its symmetric form; the m × m step runs in the pure core). Directions with no
 * length (y rank-deficient) are dropped.
 */
function orthonormalise(y: tf.Tensor2D): tf.Tensor2D {
  const m = y.shape[1];
  const gram = tf.tidy(() => tf.matMul(y, y, true, false));
  const g = gram.dataSync();
  gram.dispose();
  const { values, vectors } = symmetricEigen(g, m);
  const top = values[0] ?? 0;
  const keep: number[] = [];
  values.forEach((v, i) => {
    if (v > top * 1e-10 && v > 0) keep.push(i);
  });
  if (keep.length === 0) throw new LikenessError('invalid-argument', 'The enrolled images show no spread');
  const w = new Float32Array(m * keep.length);
  keep.forEach((col, j) => {
    const s = 1 / Math.sqrt(values[col]!);
    for (let r = 0; r < m; r++) w[r * keep.length + j] = vectors[col * m + r]! * s;
  });
  return tf.tidy(() => tf.matMul(y, tf.tensor2d(w, [m, keep.length])));
}

/**
 * Fits the projection on the enrolled embeddings of each person (never on probes). Within-class
 * scatter Σ_w = ZᵀZ / N from the deviations Z; its leading eigen-directions come from a seeded
 * subspace iteration (tfjs for the dim-sized products, a small Jacobi step in the core for the
 * rest), so the cost stays O(N·dim·k) whatever the model's dimension.
 */
export async function fitProjection(
  classes: readonly (readonly Float32Array[])[],
  options: AdaptFitOptions,
  hooks: { onProgress?: (done: number, total: number) => void; checkpoint?: () => void } = {},
): Promise<AdaptFit> {
  const data = withinClassDeviations(classes);
  const { dim, images, people } = data;
  const rankLimit = Math.min(images - people, dim, Math.max(1, Math.floor(options.maxRank)));
  if (rankLimit < 1) throw new LikenessError('invalid-argument', 'Adapting needs more enrolled images');
  const width = Math.min(rankLimit + OVERSAMPLE, images - people, dim);
  const total = options.iterations + 1;
  const z = tf.tensor2d(data.deviations, [images, dim]);
  let q: tf.Tensor2D | null = null;
  try {
    // Σ_w·Q without forming the dim × dim matrix: Zᵀ(Z·Q) / N.
    const scatterTimes = (m: tf.Tensor2D): tf.Tensor2D =>
      tf.tidy(() => tf.matMul(z, tf.matMul(z, m), true, false).div(images));
    const trace = tf.tidy(() => z.square().sum().div(images).dataSync()[0]!);
    q = tf.tidy(() => orthonormalise(tf.randomNormal([dim, width], 0, 1, 'float32', options.seed)));
    for (let i = 0; i < options.iterations; i++) {
      hooks.checkpoint?.();
      const y = scatterTimes(q);
      q.dispose();
      q = null;
      try {
        q = orthonormalise(y);
      } finally {
        y.dispose();
      }
      hooks.onProgress?.(i + 1, total);
      // Let a cancel message reach the worker between iterations.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    hooks.checkpoint?.();
    // Rayleigh–Ritz: the eigenpairs of Qᵀ Σ_w Q give the eigen-directions of Σ_w in span(Q).
    const k = q.shape[1];
    const small = tf.tidy(() => tf.matMul(q!, scatterTimes(q!), true, false));
    const { values, vectors } = symmetricEigen(small.dataSync(), k);
    small.dispose();
    const rank = Math.min(rankLimit, values.filter((v) => v > 0).length);
    const picked = new Float32Array(k * rank);
    for (let j = 0; j < rank; j++) for (let r = 0; r < k; r++) picked[r * rank + j] = vectors[j * k + r]!;
    const basis = tf.tidy(() => tf.matMul(q!, tf.tensor2d(picked, [k, rank])).transpose());
    const basisData = basis.dataSync() as Float32Array;
    basis.dispose();
    const eigenvalues = Array.from(values.subarray(0, rank));
    const lambda = (options.shrinkage * trace) / dim;
    hooks.onProgress?.(total, total);
    return {
      projection: {
        dim,
        basis: new Float32Array(basisData),
        scales: shrinkageScales(eigenvalues, lambda),
      },
      method: options.method,
      images,
      people,
      rank,
      lambda,
      eigenvalues: eigenvalues.slice(0, 10),
    };
  } finally {
    z.dispose();
    q?.dispose();
  }
}

/** Fits "adapt to your people" on enrolled embeddings only (the caller never sends probes). */
export async function fitAdaptation(
  session: EngineSession,
  jobId: string,
  classes: Float32Array[][],
  options: Partial<AdaptFitOptions>,
  onProgress?: ProgressCallback,
): Promise<AdaptFit> {
  try {
    return await fitProjection(
      classes,
      { ...DEFAULT_ADAPT_OPTIONS, ...options },
      {
        onProgress: (done, total) => onProgress?.(done, total, 0),
        checkpoint: () => throwIfCancelled(session, jobId),
      },
    );
  } finally {
    session.cancelled.delete(jobId);
  }
}
