import { describe, expect, it } from 'vitest';
import { isLikenessError } from './errors';
import { parseDatabaseFile, toDatabaseFile, type FaceDatabaseFile } from './database-file';

const installed = [
  { id: 'faceres', dim: 3 },
  { id: 'mobileface', dim: 2 },
];

function file(overrides: Partial<FaceDatabaseFile> | Record<string, unknown> = {}): string {
  const base = toDatabaseFile({
    name: 'Cast',
    modelId: 'faceres',
    modelKey: 'faceres|align',
    dim: 3,
    people: ['Amy', 'Raj'],
    centroids: Float32Array.from([1, 0, 0, 0, 0.6, 0.8]),
    enrolment: { perPerson: 10, seed: 42, createdAt: 1700000000000, datasetName: 'bbt' },
  });
  return JSON.stringify({ ...base, ...overrides });
}

function messageOf(text: string): string {
  try {
    parseDatabaseFile(text, installed);
  } catch (e) {
    expect(isLikenessError(e, 'invalid-import')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('toDatabaseFile / parseDatabaseFile', () => {
  it('round-trips exactly, float32 values included', () => {
    const centroids = Float32Array.from([0.1, 0.2, 0.3, -0.7, 0.5, 0.01]);
    const embeddings = [[Float32Array.from([0.1, 0.2, 0.3])], []];
    const out = toDatabaseFile({
      name: 'x',
      modelId: 'faceres',
      modelKey: 'faceres|detect',
      dim: 3,
      people: ['A', 'B'],
      centroids,
      enrolment: { perPerson: 1, seed: 7, createdAt: 5, datasetName: 'd' },
      embeddings,
    });
    expect(out.centroids).toEqual([[...centroids.subarray(0, 3)], [...centroids.subarray(3)]]);
    const back = parseDatabaseFile(JSON.stringify(out), installed);
    expect(back.centroids).toEqual(centroids);
    expect(back.cropMode).toBe('detect');
    expect(back.embeddings).toEqual(embeddings);
    expect(back.enrolment).toEqual({ perPerson: 1, seed: 7, createdAt: 5, datasetName: 'd' });
  });

  it('accepts a file without embeddings', () => {
    expect(parseDatabaseFile(file(), installed)).toMatchObject({
      people: ['Amy', 'Raj'],
      embeddings: null,
    });
  });

  it('rejects each problem with a specific message', () => {
    expect(messageOf('{"format": ')).toMatch(/not valid JSON/);
    expect(messageOf('[]')).toMatch(/"format" must be/);
    expect(messageOf(file({ version: 2 }))).toMatch(/Unsupported face database version 2/);
    expect(messageOf(file({ modelId: 'arcface', modelKey: 'arcface|align' }))).toMatch(
      /model "arcface", which is not installed here \(installed: faceres, mobileface\)/,
    );
    expect(messageOf(file({ modelKey: 'faceres|zoom' }))).toMatch(/"modelKey" must be/);
    expect(messageOf(file({ dim: 2 }))).toMatch(
      /Dimension mismatch: the file has 2-d embeddings, but faceres makes 3-d/,
    );
    expect(messageOf(file({ dim: 1.5 }))).toMatch(/"dim" must be a whole number/);
    expect(messageOf(file({ centroids: [[1, 0, 0]] }))).toMatch(/2 people but 1 centroids/);
    expect(
      messageOf(
        file({
          centroids: [
            [1, 0, 0],
            [1, 0],
          ],
        }),
      ),
    ).toMatch(/Centroid of "Raj" has 2 numbers, expected dimension 3/);
    expect(
      messageOf(
        file({
          centroids: [
            [1, 0, 0],
            [1, null, 0],
          ],
        }),
      ),
    ).toMatch(/Centroid of "Raj", number 2 is not a finite number \(null\)/);
    expect(
      messageOf(
        file({
          centroids: [
            [1, 0, 0],
            [0, 0, 0],
          ],
        }),
      ),
    ).toMatch(/zero vector/);
    expect(
      messageOf(
        file({
          centroids: [
            [1, 0, 0],
            [1e300, 0, 0],
          ],
        }),
      ),
    ).toMatch(/32-bit float/);
    expect(messageOf(file({ identities: ['Amy', 'Amy'] }))).toMatch(/"Amy" appears twice/);
    expect(messageOf(file({ identities: [] }))).toMatch(/non-empty/);
    expect(messageOf(file({ identities: ['Amy', 3] }))).toMatch(/Person 2 has no name/);
    expect(messageOf(file({ enrolment: { perPerson: -1, seed: 1, createdAt: 0, datasetName: '' } }))).toMatch(
      /enrolment.perPerson/,
    );
    expect(messageOf(file({ embeddings: [[]] }))).toMatch(/one list per person \(2\)/);
    expect(messageOf(file({ embeddings: [[], [[0, 1]]] }))).toMatch(/Embedding 1 of "Raj" has 2 numbers/);
  });

  it('NaN written by a non-JSON writer is not JSON and is rejected', () => {
    expect(messageOf(file().replace('[1,0,0]', '[NaN,0,0]'))).toMatch(/not valid JSON/);
  });
});
