/**
 * The conv-graph format: a small convolutional network as a list of NHWC ops over named tensors,
 * with its float32 weights in one binary file. build/onnx-to-tfjs.ts writes it from an ONNX model;
 * conv-graph.ts runs it with tfjs. Types only.
 */

export interface ConvGraphWeight {
  name: string;
  shape: number[];
  /** Byte offset in the weights file; float32, little-endian. */
  offset: number;
}

export type ConvGraphNode =
  | {
      op: 'conv';
      input: string;
      output: string;
      /** [H, W, in, out], or [H, W, C, 1] when depthwise */
      filter: string;
      bias?: string;
      /** PReLU slope per channel, fused into the conv */
      prelu?: string;
      strides: [number, number];
      dilations: [number, number];
      /** [top, bottom, left, right] */
      pads: [number, number, number, number];
      depthwise: boolean;
    }
  | { op: 'prelu'; input: string; output: string; alpha: string }
  | { op: 'add'; inputs: [string, string]; output: string }
  /** [N, ...] → [N, D] in the source's channels-first order */
  | { op: 'flatten'; input: string; output: string };

export interface ConvGraph {
  format: 'likeness-conv-graph';
  version: 1;
  source: { package: string; sha256: string };
  input: string;
  output: string;
  nodes: ConvGraphNode[];
  weights: ConvGraphWeight[];
}
