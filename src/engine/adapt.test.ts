import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectUnit, symmetricEigen, withinClassDeviations } from '../core/adapt';
import { mulberry32 } from '../core/rng';
import { DEFAULT_ADAPT_OPTIONS, fitProjection } from './adapt';

const v = (...xs: number[]) => Float32Array.from(xs);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('fitProjection', () => {
  it('shrinks the axis along which each person’s images spread, by √(λ / (λ + σ))', async () => {
    // Deviations are (0, ±0.8) for both people: Σ_w = diag(0, 0.64), λ = trace / dim = 0.32.
    const classes = [
      [v(0.6, 0.8), v(0.6, -0.8)],
      [v(-0.6, 0.8), v(-0.6, -0.8)],
    ];
    const before = tf.memory().numTensors;
    const fit = await fitProjection(classes, DEFAULT_ADAPT_OPTIONS);
    expect(tf.memory().numTensors).toBe(before);
    expect(fit).toMatchObject({ images: 4, people: 2, rank: 1 });
    expect(fit.lambda).toBeCloseTo(0.32, 5);
    expect(fit.eigenvalues[0]).toBeCloseTo(0.64, 5);
    expect(Math.abs(fit.projection.basis[0]!)).toBeCloseTo(0, 5);
    expect(Math.abs(fit.projection.basis[1]!)).toBeCloseTo(1, 5);
    expect(fit.projection.scales[0]).toBeCloseTo(Math.sqrt(1 / 3), 5);
    const out = projectUnit(fit.projection, v(0.6, 0.8));
    expect(out[0]).toBeCloseTo(0.79241, 4);
    expect(out[1]).toBeCloseTo(0.60999, 4);
  });

  it('finds the leading eigenvalues of the within-class scatter, as an exact decomposition does', async () => {
    const rand = mulberry32(7);
    const dim = 12;
    // 5 people × 6 images with a different spread in each dimension.
    const classes = Array.from({ length: 5 }, (_, c) =>
      Array.from({ length: 6 }, () =>
        Float32Array.from({ length: dim }, (_, i) => (i === c ? 3 : 0) + (rand() - 0.5) * (1 + i) * 0.2),
      ),
    );
    const data = withinClassDeviations(classes);
    const scatter = new Float64Array(dim * dim);
    for (let r = 0; r < data.images; r++)
      for (let i = 0; i < dim; i++)
        for (let j = 0; j < dim; j++)
          scatter[i * dim + j]! +=
            (data.deviations[r * dim + i]! * data.deviations[r * dim + j]!) / data.images;
    const exact = symmetricEigen(scatter, dim).values;

    const before = tf.memory().numTensors;
    const fit = await fitProjection(classes, { ...DEFAULT_ADAPT_OPTIONS, maxRank: 4, iterations: 20 });
    expect(tf.memory().numTensors).toBe(before);
    expect(fit.rank).toBe(4);
    for (let k = 0; k < 4; k++) expect(fit.eigenvalues[k]).toBeCloseTo(exact[k]!, 4);
    // The basis is orthonormal.
    const b = fit.projection.basis;
    for (let p = 0; p < 4; p++)
      for (let q = 0; q < 4; q++) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += b[p * dim + i]! * b[q * dim + i]!;
        expect(dot).toBeCloseTo(p === q ? 1 : 0, 4);
      }
  });

  it('stops at a checkpoint that throws and leaks no tensor', async () => {
    const classes = [
      [v(0.6, 0.8), v(0.6, -0.8)],
      [v(-0.6, 0.8), v(-0.6, -0.8)],
    ];
    const before = tf.memory().numTensors;
    let calls = 0;
    const progress: number[] = [];
    await expect(
      fitProjection(classes, DEFAULT_ADAPT_OPTIONS, {
        onProgress: (done) => progress.push(done),
        checkpoint: () => {
          if (++calls === 3) throw new Error('Cancelled');
        },
      }),
    ).rejects.toThrow('Cancelled');
    expect(progress).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
