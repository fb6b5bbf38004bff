/**
 * Runs a conv-graph (conv-graph-format.ts) with tfjs: each conv is one tf.fused.conv2d or
 * tf.fused.depthwiseConv2d with its bias and PReLU, so WASM runs it on XNNPACK and WebGL in one
 * shader per layer. The weights live in tensors until dispose().
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvGraph } from './conv-graph-format';

export interface ConvGraphModel {
  /** [N, H, W, C] float32, already normalised as the model expects → [N, D] */
  predict(input: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

export function buildConvGraph(graph: ConvGraph, weights: ArrayBuffer): ConvGraphModel {
  if (graph.format !== 'likeness-conv-graph' || graph.version !== 1) {
    throw new Error(
      `Not a conv-graph version 1 file (format ${String(graph.format)}, version ${String(graph.version)})`,
    );
  }
  const consts = new Map<string, tf.Tensor>();
  for (const w of graph.weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.offset + size * 4 > weights.byteLength)
      throw new Error(`conv-graph: weight ${w.name} lies past the end of the weights file`);
    consts.set(w.name, tf.tensor(new Float32Array(weights, w.offset, size), w.shape, 'float32'));
  }
  const weight = (name: string) => {
    const t = consts.get(name);
    if (!t) throw new Error(`conv-graph: no weight ${name}`);
    return t;
  };

  return {
    predict(input) {
      return tf.tidy(() => {
        const values = new Map<string, tf.Tensor>([[graph.input, input]]);
        const get = (name: string) => {
          const t = values.get(name);
          if (!t) throw new Error(`conv-graph: ${name} is used before it is computed`);
          return t;
        };
        for (const node of graph.nodes) {
          switch (node.op) {
            case 'conv': {
              const [t, b, l, r] = node.pads;
              // Symmetric padding as a number (every conv kernel takes it); anything else padded first.
              const symmetric = t === b && b === l && l === r;
              const x = get(node.input) as tf.Tensor4D;
              const args = {
                x: symmetric
                  ? x
                  : tf.pad(x, [
                      [0, 0],
                      [t, b],
                      [l, r],
                      [0, 0],
                    ]),
                pad: symmetric ? t : 0,
                filter: weight(node.filter) as tf.Tensor4D,
                strides: node.strides,
                dilations: node.dilations,
                bias: node.bias ? weight(node.bias) : undefined,
                activation: node.prelu ? ('prelu' as const) : ('linear' as const),
                preluActivationWeights: node.prelu ? weight(node.prelu) : undefined,
              };
              values.set(
                node.output,
                node.depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args),
              );
              break;
            }
            case 'prelu':
              values.set(node.output, tf.prelu(get(node.input), weight(node.alpha)));
              break;
            case 'add':
              values.set(node.output, tf.add(get(node.inputs[0]), get(node.inputs[1])));
              break;
            case 'flatten': {
              const x = get(node.input);
              // The source flattens channels first: NHWC → NCHW unless the map is 1 × 1.
              const chw =
                x.rank === 4 && (x.shape[1] !== 1 || x.shape[2] !== 1) ? tf.transpose(x, [0, 3, 1, 2]) : x;
              values.set(node.output, tf.reshape(chw, [x.shape[0]!, -1]));
              break;
            }
          }
        }
        return get(graph.output) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const t of consts.values()) t.dispose();
      consts.clear();
    },
  };
}

export async function loadConvGraph(
  url: string,
  fetchFunc: (url: RequestInfo | URL) => Promise<Response> = fetch,
): Promise<ConvGraphModel> {
  const fetchOk = async (u: string) => {
    const res = await fetchFunc(u);
    if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
    return res;
  };
  const graph = (await (await fetchOk(`${url}.json`)).json()) as ConvGraph;
  const weights = await (await fetchOk(`${url}.bin`)).arrayBuffer();
  return buildConvGraph(graph, weights);
}
