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
      'splitPerson',
      'pickEnrolment',
      'sample',
      'buildDatabase',
      'createDatabase',
      'databaseCentroid',
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
      'personFromFolder',
      'classifyFile',
      'groupByPerson',
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
    const database = core.buildDatabase(
      Object.entries(embeddings).map(([person, e]) => ({ person, embeddings: e })),
    );
    const probes = [
      { truePerson: 'A', probe: new Float32Array([0.9, 0.05, 0]) },
      { truePerson: 'B', probe: new Float32Array([0.1, 1, 0]) },
      { truePerson: 'B', probe: new Float32Array([0, 0.3, 1]) },
    ];
    const results = probes.map(({ truePerson, probe }) => {
      const m = core.matchProbe(database, probe, 0.5);
      return { truePerson, predicted: database.people[m.nearestIndex]!, distance: m.distance };
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
