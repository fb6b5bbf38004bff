import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small tfjs graph model written at test time, in the format tensorflowjs_converter produces
 * (`format: graph-model`, a GraphDef as JSON plus a weights manifest and one .bin): a 3×3
 * convolution (8 filters, SAME), bias, ReLU and global average pooling, so [N, S, S, 3] → [N, 8].
 *
 * Three of its filters make the embedding tell what the model was fed: filter 0 averages the three
 * channels of the centre pixel, filter 1 is its negative, filter 2 sees nothing and has bias 1. So
 * after ReLU and pooling, (e0 − e1) / e2 is the mean of the normalised input, whatever unit length
 * the app scales the embedding to. The other five filters have fixed pseudo-random weights.
 *
 * `vector: false` leaves out the pooling: the output is a [N, S, S, 8] feature map, which the app
 * must refuse as not being one vector per face.
 */
export function writeProbeNet(dir: string, { size, vector }: { size: number; vector: boolean }): string[] {
  mkdirSync(dir, { recursive: true });
  const filters = 8;
  const kernel = new Float32Array(3 * 3 * 3 * filters);
  const at = (y: number, x: number, c: number, f: number) => ((y * 3 + x) * 3 + c) * filters + f;
  let seed = 42;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  for (let y = 0; y < 3; y++)
    for (let x = 0; x < 3; x++)
      for (let c = 0; c < 3; c++) for (let f = 3; f < filters; f++) kernel[at(y, x, c, f)] = random() * 0.2;
  for (let c = 0; c < 3; c++) {
    kernel[at(1, 1, c, 0)] = 1 / 3;
    kernel[at(1, 1, c, 1)] = -1 / 3;
  }
  const bias = new Float32Array(filters);
  bias[2] = 1;
  const axes = new Int32Array([1, 2]);

  const float = { type: 'DT_FLOAT' };
  const shape = (dims: number[]) => ({ dim: dims.map((d) => ({ size: String(d) })) });
  const constant = (name: string, dtype: string, dims: number[]) => ({
    name,
    op: 'Const',
    attr: { value: { tensor: { dtype, tensorShape: shape(dims) } }, dtype: { type: dtype } },
  });
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const nodes: object[] = [
    {
      name: 'input',
      op: 'Placeholder',
      attr: { dtype: float, shape: { shape: shape([-1, size, size, 3]) } },
    },
    constant('conv/kernel', 'DT_FLOAT', [3, 3, 3, filters]),
    constant('conv/bias', 'DT_FLOAT', [filters]),
    {
      name: 'conv/Conv2D',
      op: 'Conv2D',
      input: ['input', 'conv/kernel'],
      attr: {
        T: float,
        strides: { list: { i: ['1', '1', '1', '1'] } },
        dilations: { list: { i: ['1', '1', '1', '1'] } },
        padding: { s: b64('SAME') },
        data_format: { s: b64('NHWC') },
      },
    },
    {
      name: 'conv/BiasAdd',
      op: 'BiasAdd',
      input: ['conv/Conv2D', 'conv/bias'],
      attr: { T: float, data_format: { s: b64('NHWC') } },
    },
    { name: 'conv/Relu', op: 'Relu', input: ['conv/BiasAdd'], attr: { T: float } },
  ];
  const weights = [
    { name: 'conv/kernel', shape: [3, 3, 3, filters], dtype: 'float32' },
    { name: 'conv/bias', shape: [filters], dtype: 'float32' },
  ];
  const buffers = [Buffer.from(kernel.buffer), Buffer.from(bias.buffer)];
  if (vector) {
    nodes.push(constant('pool/axes', 'DT_INT32', [2]), {
      name: 'embedding',
      op: 'Mean',
      input: ['conv/Relu', 'pool/axes'],
      attr: { T: float, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } },
    });
    weights.push({ name: 'pool/axes', shape: [2], dtype: 'int32' });
    buffers.push(Buffer.from(axes.buffer));
  }
  const bin = 'probe-net.bin';
  const model = {
    format: 'graph-model',
    generatedBy: 'likeness e2e (e2e/probe-net.ts)',
    convertedBy: null,
    modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
    weightsManifest: [{ paths: [bin], weights }],
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
  writeFileSync(join(dir, bin), Buffer.concat(buffers));
  return [join(dir, 'model.json'), join(dir, bin)];
}

/** The mean of the normalised input that the probe net's embedding encodes. */
export function inputMean(embedding: ArrayLike<number>): number {
  return (embedding[0]! - embedding[1]!) / embedding[2]!;
}
