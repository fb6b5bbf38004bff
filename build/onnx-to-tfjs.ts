/**
 * Converts a small convolutional ONNX model (Conv, PRelu, Add, Reshape as a flatten) into the
 * app's conv-graph format: a JSON list of NHWC ops plus one little-endian float32 weights file,
 * run by src/engine/conv-graph.ts on any tfjs backend (WASM's XNNPACK kernels, WebGL).
 *
 * Conv weights go from ONNX's OIHW to tfjs's HWIO (depthwise: HWC1), PRelu slopes from [C,1,1] to
 * [C], and each Conv followed by its own PRelu becomes one fused conv (tf.fused.conv2d).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConvGraph, ConvGraphNode, ConvGraphWeight } from '../src/engine/conv-graph-format';
import { parseOnnx, type OnnxGraph, type OnnxTensor } from './onnx.ts';

function ints(node: OnnxGraph['nodes'][number], name: string, fallback: number[]): number[] {
  return node.attributes[name]?.ints ?? fallback;
}

/** OIHW → HWIO, or for a depthwise conv (O = C, I = 1) → HWC1. */
function toHwio(t: OnnxTensor, depthwise: boolean): { data: Float32Array; shape: number[] } {
  const [o, i, h, w] = t.dims as [number, number, number, number];
  const src = t.data as Float32Array;
  const out = new Float32Array(src.length);
  // Depthwise: O = C channels of one input each; tfjs wants [H, W, C, 1].
  const [inC, outC] = depthwise ? [o, 1] : [i, o];
  for (let oo = 0; oo < o; oo++)
    for (let ii = 0; ii < i; ii++)
      for (let hh = 0; hh < h; hh++)
        for (let ww = 0; ww < w; ww++) {
          const from = ((oo * i + ii) * h + hh) * w + ww;
          const to = depthwise ? ((hh * w + ww) * inC + oo) * outC : ((hh * w + ww) * inC + ii) * outC + oo;
          out[to] = src[from]!;
        }
  return { data: out, shape: [h, w, inC, outC] };
}

export interface ConvertResult {
  graph: ConvGraph;
  weights: Uint8Array;
}

export function convertOnnx(onnx: Uint8Array, source: ConvGraph['source']): ConvertResult {
  const g = parseOnnx(onnx);
  if (g.inputs.length !== 1 || g.outputs.length !== 1) {
    throw new Error(
      `conv-graph: expected one input and one output, found ${g.inputs.length} and ${g.outputs.length}`,
    );
  }
  const chunks: Float32Array[] = [];
  const weights: ConvGraphWeight[] = [];
  let offset = 0;
  const addWeight = (name: string, data: Float32Array, shape: number[]) => {
    weights.push({ name, shape, offset });
    chunks.push(data);
    offset += data.byteLength;
    return name;
  };
  const init = (name: string) => {
    const t = g.initializers.get(name);
    if (!t) throw new Error(`conv-graph: ${name} is not a constant`);
    return t;
  };
  const uses = new Map<string, number>();
  for (const n of g.nodes) for (const i of n.inputs) uses.set(i, (uses.get(i) ?? 0) + 1);

  const nodes: ConvGraphNode[] = [];
  const fusedPrelu = new Set<number>();
  g.nodes.forEach((n, index) => {
    if (fusedPrelu.has(index)) return;
    switch (n.opType) {
      case 'Conv': {
        const [x, wName, bName] = n.inputs as [string, string, string?];
        const w = init(wName);
        const group = n.attributes.group?.i ?? 1;
        const [o, i] = w.dims as [number, number];
        const depthwise = group !== 1;
        if (depthwise && !(group === o && i === 1)) {
          throw new Error(`conv-graph: ${n.name} is a grouped conv (group ${group}) that is not depthwise`);
        }
        const filter = toHwio(w, depthwise);
        const pads = ints(n, 'pads', [0, 0, 0, 0]);
        const node: ConvGraphNode = {
          op: 'conv',
          input: x,
          output: n.outputs[0]!,
          filter: addWeight(wName, filter.data, filter.shape),
          bias: bName ? addWeight(bName, init(bName).data as Float32Array, [o]) : undefined,
          strides: ints(n, 'strides', [1, 1]) as [number, number],
          dilations: ints(n, 'dilations', [1, 1]) as [number, number],
          // ONNX: [top, left, bottom, right]
          pads: [pads[0]!, pads[2]!, pads[1]!, pads[3]!],
          depthwise,
        };
        const next = g.nodes[index + 1];
        if (next?.opType === 'PRelu' && next.inputs[0] === node.output && uses.get(node.output) === 1) {
          const slope = init(next.inputs[1]!);
          node.prelu = addWeight(next.inputs[1]!, slope.data as Float32Array, [slope.data.length]);
          node.output = next.outputs[0]!;
          fusedPrelu.add(index + 1);
        }
        nodes.push(node);
        return;
      }
      case 'PRelu': {
        const slope = init(n.inputs[1]!);
        nodes.push({
          op: 'prelu',
          input: n.inputs[0]!,
          output: n.outputs[0]!,
          alpha: addWeight(n.inputs[1]!, slope.data as Float32Array, [slope.data.length]),
        });
        return;
      }
      case 'Add':
        nodes.push({ op: 'add', inputs: [n.inputs[0]!, n.inputs[1]!], output: n.outputs[0]! });
        return;
      case 'Reshape': {
        const shape = init(n.inputs[1]!).data as number[];
        if (shape.length !== 2)
          throw new Error(`conv-graph: ${n.name} reshapes to [${shape}], not to a vector`);
        nodes.push({ op: 'flatten', input: n.inputs[0]!, output: n.outputs[0]! });
        return;
      }
      default:
        throw new Error(`conv-graph: op ${n.opType} (${n.name}) is not supported`);
    }
  });

  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
    at += c.byteLength;
  }
  return {
    graph: {
      format: 'likeness-conv-graph',
      version: 1,
      source,
      input: g.inputs[0]!,
      output: g.outputs[0]!,
      nodes,
      weights,
    },
    weights: bytes,
  };
}

/**
 * Converts `onnxPath` into `<outBase>.json` + `<outBase>.bin` unless the JSON already records the
 * same source hash. Returns true when it wrote the files.
 */
export function convertOnnxFile(
  onnxPath: string,
  outBase: string,
  pkg: string,
  expectedSha256?: string,
): boolean {
  const onnx = readFileSync(onnxPath);
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  if (expectedSha256 && sha256 !== expectedSha256) {
    throw new Error(`${onnxPath}: sha256 ${sha256}, expected ${expectedSha256}`);
  }
  const jsonPath = `${outBase}.json`;
  if (existsSync(jsonPath) && existsSync(`${outBase}.bin`)) {
    try {
      const old = JSON.parse(readFileSync(jsonPath, 'utf8')) as ConvGraph;
      if (old.source.sha256 === sha256 && old.version === 1) return false;
    } catch {
      // rewrite below
    }
  }
  const { graph, weights } = convertOnnx(onnx, { package: pkg, sha256 });
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(`${outBase}.bin`, weights);
  writeFileSync(jsonPath, JSON.stringify(graph));
  return true;
}
