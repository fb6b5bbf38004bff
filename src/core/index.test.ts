import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('core public API', () => {
  it('exports every module’s entry points', () => {
    const expected = [
      'LikenessError',
      'isAbortError',
      'isLikenessError',
      'l2Normalize',
      'l2NormalizeInPlace',
      'norm',
      'dot',
      'euclidean',
      'squaredEuclidean',
      'mean',
      'centroid',
      'isFiniteVector',
      'mulberry32',
      'hashSeed',
      'deriveSeed',
      'shuffle',
      'splitIdentity',
      'pickEnrolment',
      'sample',
      'buildGallery',
      'createGallery',
      'galleryCentroid',
      'matchProbe',
      'topK',
      'knnMatch',
      'scanNearest',
      'wilsonInterval',
      'summarise',
      'rocCurve',
      'auc',
      'equalErrorRate',
      'thresholdAtFar',
      'identityFromFolder',
      'classifyFile',
      'groupByIdentity',
      'median',
      'percentile',
      'formatEta',
    ];
    for (const name of expected) expect(core, name).toHaveProperty(name);
  });

  it('works end to end: enrol, match, summarise', () => {
    const embeddings: Record<string, Float32Array[]> = {
      A: [core.l2Normalize(new Float32Array([1, 0.1, 0])), core.l2Normalize(new Float32Array([1, -0.1, 0]))],
      B: [new Float32Array([0, 1, 0.1]), new Float32Array([0, 1, -0.1])],
    };
    const gallery = core.buildGallery(
      Object.entries(embeddings).map(([identity, e]) => ({ identity, embeddings: e })),
    );
    const probes = [
      { trueIdentity: 'A', probe: new Float32Array([0.9, 0.05, 0]) },
      { trueIdentity: 'B', probe: new Float32Array([0.1, 1, 0]) },
      { trueIdentity: 'B', probe: new Float32Array([0, 0.3, 1]) },
    ];
    const results = probes.map(({ trueIdentity, probe }) => {
      const m = core.matchProbe(gallery, probe, 0.5);
      return { trueIdentity, predicted: gallery.identities[m.nearestIndex]!, distance: m.distance };
    });
    const s = core.summarise(results, 0.5);
    expect(s.counts).toEqual({
      tested: 3,
      top1Correct: 3,
      correctWithThreshold: 2,
      noMatch: 1,
      wrongPerson: 0,
    });
  });
});
