import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uncalibrated } from '../core/verdict';
import { centroid } from '../core/vector';
import type { Pixels } from '../codecs/decode';
import { createEmbedder, type Embedder } from './embedder';
import type { EmbedderSpec } from './models';
import { cropFace, embedFace } from './pipeline';

const size = 4;

/** A real (tiny) tfjs layers model, saved and loaded back through tfjs's IO as a user's model would be. */
async function tinyEmbedder(flipAugment: boolean, colour?: 'grey'): Promise<Embedder> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [size, size, 3] }),
      tf.layers.dense({ units: 6, kernelInitializer: tf.initializers.randomNormal({ seed: 7 }) }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  const spec: EmbedderSpec = {
    id: 'tiny',
    label: 'tiny',
    format: 'layers',
    url: 'memory',
    inputSize: size,
    dim: 6,
    normalization: '0-1',
    thresholds: uncalibrated(1),
    custom: true,
    licence: 'test',
    provenance: 'test',
    preferredCrop: 'align',
    flipAugment,
    ...(colour ? { colour } : {}),
  };
  return createEmbedder(spec, tf.io.fromMemory(artifacts!));
}

/** Two different faces, neither symmetric, so the mirror view differs from the plain one. */
const faces = () =>
  tf.tidy(() => tf.mul(tf.randomUniform([2, size, size, 3], 0, 1, 'float32', 3), 255) as tf.Tensor4D);

const rows = (t: tf.Tensor2D) => {
  const data = t.arraySync();
  t.dispose();
  return data.map((r) => Float32Array.from(r));
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('createEmbedder views', () => {
  it('embeds each view as unit rows, view-major, and the mirror view is the mirrored face', async () => {
    const embedder = await tinyEmbedder(true);
    const input = faces();
    const before = tf.memory().numTensors;
    const both = rows(embedder.embedViews(input, ['plain', 'mirror']));
    const plain = rows(embedder.embedViews(input, ['plain']));
    const mirror = rows(embedder.embedViews(input, ['mirror']));
    const mirroredInput = tf.reverse(input, 2) as tf.Tensor4D;
    const plainOfMirrored = rows(embedder.embedViews(mirroredInput, ['plain']));
    mirroredInput.dispose();
    expect(tf.memory().numTensors).toBe(before);

    expect(both).toHaveLength(4);
    for (const r of both) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
    for (let i = 0; i < 2; i++) {
      expect([...both[i]!]).toEqual([...plain[i]!].map((x) => expect.closeTo(x, 5)));
      expect([...both[2 + i]!]).toEqual([...mirror[i]!].map((x) => expect.closeTo(x, 5)));
      expect([...mirror[i]!]).toEqual([...plainOfMirrored[i]!].map((x) => expect.closeTo(x, 5)));
      // The views really differ, or the test could not tell them apart.
      expect(Math.hypot(...plain[i]!.map((x, k) => x - mirror[i]![k]!))).toBeGreaterThan(0.01);
    }
    input.dispose();
    embedder.dispose();
  });

  it('a grey model sees a colour face and its grey copy alike; a colour model does not', async () => {
    const grey = await tinyEmbedder(false, 'grey');
    const colour = await tinyEmbedder(false);
    const input = faces();
    const greyInput = tf.tidy(() => tf.tile(tf.mean(input, 3, true), [1, 1, 1, 3]) as tf.Tensor4D);
    const before = tf.memory().numTensors;
    const [ofColour, ofGrey] = [
      rows(grey.embedViews(input, ['plain'])),
      rows(grey.embedViews(greyInput, ['plain'])),
    ];
    const [cOfColour, cOfGrey] = [
      rows(colour.embedViews(input, ['plain'])),
      rows(colour.embedViews(greyInput, ['plain'])),
    ];
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 2; i++) {
      expect([...ofColour[i]!]).toEqual([...ofGrey[i]!].map((x) => expect.closeTo(x, 5)));
      // Same weights (one seed): the grey model's view of the grey copy is the colour model's.
      expect([...ofGrey[i]!]).toEqual([...cOfGrey[i]!].map((x) => expect.closeTo(x, 5)));
      expect(Math.hypot(...cOfColour[i]!.map((x, k) => x - cOfGrey[i]![k]!))).toBeGreaterThan(0.01);
    }
    tf.dispose([input, greyInput]);
    grey.dispose();
    colour.dispose();
  });

  it("a flip model's embedding is the unit mean of its two views; a plain model's is its plain view", async () => {
    const flip = await tinyEmbedder(true);
    const plain = await tinyEmbedder(false);
    expect(flip.views).toEqual(['plain', 'mirror']);
    expect(plain.views).toEqual(['plain']);
    // A photo already at the input size: 'whole' embeds it as it is.
    const photo: Pixels = {
      data: Uint8ClampedArray.from({ length: size * size * 4 }, (_, i) => (i * 97 + 13) % 256),
      width: size,
      height: size,
    };
    const before = tf.memory().numTensors;
    const both = await embedFace(photo, flip, null, 'whole', false);
    const onlyPlain = await embedFace(photo, flip, null, 'whole', false, ['plain']);
    const onlyMirror = await embedFace(photo, flip, null, 'whole', false, ['mirror']);
    const plainModel = await embedFace(photo, plain, null, 'whole', false);
    expect(tf.memory().numTensors).toBe(before);
    const close = (v: Float32Array) => [...v].map((x) => expect.closeTo(x, 5));
    expect([...both.views.plain!]).toEqual(close(onlyPlain.embedding));
    expect([...both.views.mirror!]).toEqual(close(onlyMirror.embedding));
    expect([...both.embedding]).toEqual(close(centroid([onlyPlain.embedding, onlyMirror.embedding])));
    expect(Math.hypot(...onlyPlain.embedding.map((x, k) => x - onlyMirror.embedding[k]!))).toBeGreaterThan(
      0.01,
    );
    expect(Object.keys(plainModel.views)).toEqual(['plain']);
    expect([...plainModel.embedding]).toEqual(close(plainModel.views.plain!));
    flip.dispose();
    plain.dispose();
  });

  it('cropFace gives exactly the crop embedFace feeds the model, and leaves no tensor behind', async () => {
    const model = await tinyEmbedder(true);
    // A photo twice the input size, so the crop really is a resize.
    const photo: Pixels = {
      data: Uint8ClampedArray.from({ length: 4 * size * size * 4 }, (_, i) => (i * 31 + 7) % 256),
      width: 2 * size,
      height: 2 * size,
    };
    const before = tf.memory().numTensors;
    const shown = await cropFace(photo, model, null, 'whole');
    const embedded = await embedFace(photo, model, null, 'whole', true);
    expect(tf.memory().numTensors).toBe(before);
    expect(shown.size).toBe(size);
    expect(shown.crop).toHaveLength(size * size * 3);
    expect([...shown.crop]).toEqual([...embedded.crop!]);
    expect(new Set(shown.crop).size).toBeGreaterThan(1);
    await expect(cropFace(photo, model, null, 'align')).rejects.toThrow('detector');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
