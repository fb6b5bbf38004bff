import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { LikenessError } from '../core/errors';
import { emptyGraph, offerBlock, type KnnGraph } from '../core/library/knn';
import type { KnnPart, ProgressCallback } from './engine-protocol';
import { throwIfCancelled, type EngineSession } from './session';

/**
 * Part of an exact k-nearest-neighbour graph by blocked matrix products: each pair of row blocks
 * (A, B) gives B·Aᵀ, read back and offered to both ends of every pair (core/library/knn.ts). On WASM
 * a product without transposes runs through XNNPACK, which packs its right-hand side once per
 * tensor: so Aᵀ is made once per row block and reused for every B (a transposed product takes
 * tfjs's plain loops instead, 5 to 10 times slower here). On WebGL the same products run on the GPU.
 * On WASM each product is read in place on the WASM heap (`typedArrayFromHeap`, the view tfjs's own
 * kernels use) rather than copied out by `data()`: a 2,048² block took 173 ms instead of 214 to 250.
 */
export async function knnPart(
  session: EngineSession,
  jobId: string,
  part: KnnPart,
  onProgress?: ProgressCallback,
): Promise<KnnGraph> {
  const { vectors, dim, k, minSimilarity, block, pairs } = part;
  const n = vectors.length / dim;
  if (!Number.isInteger(n))
    throw new LikenessError('dimension-mismatch', `${vectors.length} numbers are not rows of ${dim}`);
  const graph = emptyGraph(n, k);
  const rowsOf = (start: number) =>
    tf.tensor2d(vectors.slice(start * dim, Math.min(n, start + block) * dim), [
      Math.min(block, n - start),
      dim,
    ]);
  let weightsOf = -1;
  let weights: tf.Tensor2D | null = null;
  try {
    for (let p = 0; p < pairs.length; p++) {
      throwIfCancelled(session, jobId);
      const [a, b] = pairs[p]!;
      if (!weights || weightsOf !== a) {
        weights?.dispose();
        weights = tf.tidy(() => tf.transpose(rowsOf(a)));
        weightsOf = a;
      }
      const rows = rowsOf(b);
      const product = tf.matMul(rows, weights);
      rows.dispose();
      const sims = (
        tf.getBackend() === 'wasm'
          ? (tf.backend() as BackendWasm).typedArrayFromHeap(product)
          : await product.data()
      ) as Float32Array;
      const [cols, width] = [Math.min(block, n - b), Math.min(block, n - a)];
      offerBlock(graph, sims, b, cols, a, width, minSimilarity, a !== b);
      product.dispose();
      onProgress?.(p + 1, pairs.length, 0);
    }
  } finally {
    (weights as tf.Tensor2D | null)?.dispose();
    session.cancelled.delete(jobId);
  }
  return graph;
}
