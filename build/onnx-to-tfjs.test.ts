import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildConvGraph } from '../src/engine/conv-graph';
import { convertOnnx } from './onnx-to-tfjs';
import { converted, sourcesOf } from './assets';

const frFeature = converted.find((c) => c.to.endsWith('fr_feature'))!;
const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/fr_feature-onnxruntime.json'), 'utf8'),
) as { output: number[] };

describe('convertOnnx on fr_feature.onnx', () => {
  const { graph, weights } = convertOnnx(readFileSync(sourcesOf([frFeature])[0]!), {
    package: 'test',
    sha256: 'test',
  });

  it('reads every op and weight: 50 convs (33 with their PReLU fused), 12 adds, one flatten', () => {
    const ops = graph.nodes.map((n) => n.op);
    expect(ops.filter((o) => o === 'conv')).toHaveLength(50);
    expect(graph.nodes.filter((n) => n.op === 'conv' && n.prelu)).toHaveLength(33);
    expect(ops.filter((o) => o === 'prelu')).toHaveLength(0);
    expect(ops.filter((o) => o === 'add')).toHaveLength(12);
    expect(ops.filter((o) => o === 'flatten')).toHaveLength(1);
    // 1.19 M float32 parameters, as the model card says.
    expect(weights.byteLength / 4).toBe(1_190_336);
  });

  // tfjs's CPU backend runs the 1.19 M-weight net in 4-9 s on this shared 2-core machine.
  it(
    'gives the same 512-d embedding as onnxruntime-web on the same input, and leaks no tensor',
    { timeout: 60_000 },
    () => {
      const model = buildConvGraph(graph, weights.slice().buffer);
      const before = tf.memory().numTensors;
      const n = 112 * 112 * 3;
      const x = tf.tensor4d(
        Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 0.9),
        [1, 112, 112, 3],
      );
      const out = model.predict(x);
      const got = out.dataSync();
      x.dispose();
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      expect(got).toHaveLength(512);
      let dot = 0;
      let na = 0;
      let nb = 0;
      let maxDiff = 0;
      reference.output.forEach((r, i) => {
        dot += r * got[i]!;
        na += r * r;
        nb += got[i]! ** 2;
        maxDiff = Math.max(maxDiff, Math.abs(r - got[i]!));
      });
      expect(dot / Math.sqrt(na * nb)).toBeGreaterThan(0.99999);
      expect(maxDiff).toBeLessThan(1e-3);
    },
  );
});
