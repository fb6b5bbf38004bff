import { describe, expect, it } from 'vitest';
import { analyseEvaluation } from '../core/evaluation/analyse';
import type { EvaluationData } from '../core/evaluation/data';
import { analysePeople } from '../core/evaluation/people';
import { analyseSuspects } from './label-check';

const v = (...xs: number[]) => Float32Array.from(xs);

// A and C are near each other (both mostly x), B is on y. One probe of A looks like C.
// C's third enrolment image is a copy of A's first (filed under the wrong person), and A's
// second probe is a copy of its own first enrolment image.
const data: EvaluationData = {
  modelKey: 'm|align',
  datasetName: 'tiny',
  strangersName: null,
  people: [
    {
      person: 'A',
      enrolment: [v(1, 0, 0.1), v(1, 0.05, 0.12)],
      probes: [v(1, 0, -0.2), v(1, 0, 0.1)],
      enrolmentIds: ['d:A/e1', 'd:A/e2'],
      probeIds: ['d:A/p1', 'd:A/p2'],
    },
    {
      person: 'B',
      enrolment: [v(0, 1, 0), v(0.1, 1, 0)],
      probes: [v(0, 1, 0.05)],
      enrolmentIds: ['d:B/e1', 'd:B/e2'],
      probeIds: ['d:B/p1'],
    },
    {
      person: 'C',
      enrolment: [v(1, 0, -0.3), v(1, 0.05, -0.3), v(1, 0, 0.1)],
      probes: [v(1, 0, -0.35)],
      enrolmentIds: ['d:C/e1', 'd:C/e2', 'd:C/e3'],
      probeIds: ['d:C/p1'],
    },
  ],
  strangers: [],
  failed: { probes: 0, enrolment: 0, strangers: 0 },
  testPerPerson: 2,
  maxEnrol: 3,
};

describe('analysePeople', () => {
  const report = analyseEvaluation(data, [1, 3]);
  const people = analysePeople(data, report);

  it('per-person accuracy worst first and a confused pair with its probe images', () => {
    expect(report.size).toBe(3);
    expect(people.accuracy.map((a) => [a.person, a.correct, a.tested])).toEqual([
      ['A', 1, 2],
      ['B', 1, 1],
      ['C', 1, 1],
    ]);
    expect(people.pairs).toEqual([
      {
        truePerson: 'A',
        predicted: 'C',
        count: 1,
        probes: [0],
        probeIds: ['d:A/p1'],
        trueExample: 'd:A/e1',
        predictedExample: 'd:C/e1',
      },
    ]);
  });

  it('orders the heatmap so the confused A and C sit next to each other', () => {
    const a = people.order.indexOf('A');
    const c = people.order.indexOf('C');
    expect(Math.abs(a - c)).toBe(1);
    expect(people.confusion[a]![c]).toBe(1);
    expect(people.confusion.flat().reduce((s, x) => s + x, 0)).toBe(4);
    expect(people.tested[a]).toBe(2);
  });
});

describe('analyseSuspects', () => {
  it('ranks the mislabelled copy first and lists both duplicates with their kind', async () => {
    const phases = new Set<string>();
    const r = await analyseSuspects(data, 3, { threshold: 0.01, onProgress: (phase) => phases.add(phase) });
    expect(r.checked).toBe(11);
    expect(r.suspects[0]).toMatchObject({ rank: 1, person: 'C', role: 'enrolled', imageId: 'd:C/e3' });
    expect(r.suspects[0]!.nearestOther).toBe('A');
    expect(r.suspects[0]!.reasons).toContain('nearer-other');
    const pairs = r.duplicates.map((d) => [d.a.imageId, d.b.imageId, d.kind]);
    expect(pairs).toHaveLength(3);
    expect(pairs).toContainEqual(['d:A/e1', 'd:A/p2', 'within']);
    expect(pairs).toContainEqual(['d:A/e1', 'd:C/e3', 'across']);
    expect(pairs).toContainEqual(['d:A/p2', 'd:C/e3', 'across']);
    expect(r.duplicates.every((d) => d.distance < 1e-6)).toBe(true);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(analyseSuspects(data, 3, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
