import * as tf from '@tensorflow/tfjs';
import { LikenessError } from '../core/errors';
import { cachedFetch } from '../storage/model-files';
import { loadConvGraph } from './conv-graph';
import type { EmbedderSpec } from './models';
import type { Normalization } from './engine-protocol';

/**
 * One way of showing a face to the model: as it is, or mirrored. A flip model's embedding is the unit
 * mean of both; enrolment images need only the plain view (docs/performance.md), probes need both.
 */
export type View = 'plain' | 'mirror';

/** A face embedder: square face crops (0..255 floats) in, L2-normalised embeddings out. */
export interface Embedder {
  readonly spec: EmbedderSpec;
  /** The views whose unit mean is this model's embedding: both for a flip model, else the plain one. */
  readonly views: readonly View[];
  /**
   * faces: [N, S, S, 3] float32 in 0..255, S = spec.inputSize. Each view of each face, as unit rows:
   * [views.length × N, dim], view-major (all faces' first view, then all faces' second), from one
   * execute so the graph is walked once. The pipeline takes the unit mean of a face's views.
   */
  embedViews(faces: tf.Tensor4D, views: readonly View[]): tf.Tensor2D;
  /** As embedViews, before each row is scaled to unit length (its norm says how sure the model is). */
  forwardViews(faces: tf.Tensor4D, views: readonly View[]): tf.Tensor2D;
  dispose(): void;
}

type Forward = (input: tf.Tensor4D) => tf.Tensor2D;

export function normalizeInput(faces: tf.Tensor4D, normalization: Normalization): tf.Tensor4D {
  return tf.tidy(() => {
    switch (normalization) {
      case '0-255':
        return faces;
      case '0-1':
        return tf.div(faces, 255);
      case '-1-1':
        return tf.sub(tf.div(faces, 127.5), 1);
      case 'arcface':
        return tf.div(tf.sub(faces, 127), 128);
      case 'prewhiten': {
        // FaceNet's per-image standardisation: (x - mean) / max(std, 1/sqrt(size)).
        const { mean, variance } = tf.moments(faces, [1, 2, 3], true);
        const size = faces.shape[1] * faces.shape[2] * faces.shape[3];
        const std = tf.maximum(tf.sqrt(variance), 1 / Math.sqrt(size));
        return tf.div(tf.sub(faces, mean), std);
      }
    }
  });
}

/** Reduces any vector-shaped output ([N, D], [N, 1, 1, D], ...) to [N, D]; refuses anything else. */
export function toEmbeddingMatrix(output: tf.Tensor, batch: number): tf.Tensor2D {
  const dims = output.shape.slice(1).filter((d) => d !== 1);
  if (output.shape[0] !== batch || dims.length !== 1) {
    throw new LikenessError(
      'model-output-not-vector',
      `The model's output has shape [${output.shape.join(', ')}]; a face embedder must output one vector per face, [batch, D].`,
    );
  }
  return tf.reshape(output, [batch, dims[0]!]);
}

function pickGraphOutput(model: tf.GraphModel, spec: EmbedderSpec): Forward {
  const node = spec.outputNode;
  return (input) => {
    const out = node ? model.execute(input, node) : model.execute(input);
    const outputs = Array.isArray(out) ? out : [out];
    const chosen = node
      ? outputs[0]
      : (outputs.find((t) => t.rank === 2 && (t.shape[1] ?? 0) > 16) ?? outputs[0]);
    const result = toEmbeddingMatrix(chosen!, input.shape[0]);
    for (const t of outputs) if (t !== chosen) t.dispose();
    if (result !== chosen) chosen!.dispose();
    return result;
  };
}

/** Loads a model by spec. `source` overrides the URL with user-chosen files (custom models). */
export async function createEmbedder(spec: EmbedderSpec, source?: tf.io.IOHandler): Promise<Embedder> {
  let forward: Forward;
  let disposeModel: () => void;
  try {
    // A model that does not ship with the app is downloaded once, then read from its cache.
    const fetchFunc = spec.download ? cachedFetch : undefined;
    if (spec.format === 'conv-graph') {
      const model = await loadConvGraph(spec.url, fetchFunc);
      forward = (input) => model.predict(input);
      disposeModel = () => model.dispose();
    } else if (spec.format === 'graph') {
      const model = await tf.loadGraphModel(source ?? spec.url, { fetchFunc });
      forward = pickGraphOutput(model, spec);
      disposeModel = () => model.dispose();
    } else {
      const model = await tf.loadLayersModel(source ?? spec.url);
      forward = (input) => toEmbeddingMatrix(model.predict(input) as tf.Tensor, input.shape[0]);
      disposeModel = () => model.dispose();
    }
  } catch (error) {
    if (error instanceof LikenessError) throw error;
    throw new LikenessError('model-load-failed', `Could not load model "${spec.label}": ${String(error)}`);
  }

  const forwardViews = (faces: tf.Tensor4D, views: readonly View[]): tf.Tensor2D =>
    tf.tidy(() => {
      if (views.length === 0) throw new LikenessError('invalid-argument', 'No view to embed');
      const shade =
        spec.colour === 'grey' ? (tf.tile(tf.mean(faces, 3, true), [1, 1, 1, 3]) as tf.Tensor4D) : faces;
      const input = normalizeInput(shade, spec.normalization);
      const shown = views.map((v) => (v === 'plain' ? input : (tf.reverse(input, 2) as tf.Tensor4D)));
      return forward(shown.length === 1 ? shown[0]! : (tf.concat(shown, 0) as tf.Tensor4D));
    });

  return {
    spec,
    // Mirror test-time augmentation for a flip model: its embedding is the unit mean of both views.
    views: spec.flipAugment ? ['plain', 'mirror'] : ['plain'],
    forwardViews,
    embedViews(faces, views) {
      return tf.tidy(() => {
        const all = forwardViews(faces, views);
        return tf.div(all, tf.maximum(tf.norm(all, 2, 1, true), 1e-12)) as tf.Tensor2D;
      });
    },
    dispose: disposeModel,
  };
}
