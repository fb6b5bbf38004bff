import { describe, expect, it } from 'vitest';
import { exactKnn } from './knn';
import { groupFaces, type FaceTable, type GroupingOptions } from './grouping';

/** Unit vectors at the given angles (degrees) in a plane: nearby angles are similar faces. */
function faces(angles: number[]): Float32Array {
  return new Float32Array(
    angles.flatMap((a) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)]),
  );
}

function table(n: number, more: Partial<FaceTable> = {}): FaceTable {
  return {
    photo: Int32Array.from({ length: n }, (_, i) => i),
    trusted: new Uint8Array(n).fill(1),
    person: new Int32Array(n).fill(-1),
    ...more,
  };
}

const link: GroupingOptions = { method: 'link', link: Math.cos((10 * Math.PI) / 180), minSize: 2 };
const groupsOf = (g: { group: Int32Array }) => [...g.group];

describe('groupFaces', () => {
  // Two people, around 0° and 90°, and a stranger at 45°.
  const v = faces([0, 4, 8, 90, 94, 45]);
  const graph = exactKnn(v, 2, 5);

  it('links similar faces, largest group first, and leaves a lone face out', () => {
    expect(groupsOf(groupFaces(graph, table(6), link))).toEqual([0, 0, 0, 1, 1, -1]);
  });

  it('never puts two faces of one photo together', () => {
    const t = table(6, { photo: Int32Array.from([0, 1, 0, 3, 4, 5]) });
    const g = groupFaces(graph, t, link);
    expect(g.group[0]).not.toBe(g.group[2]);
  });

  it('does not let an untrusted face form a group, but keeps a person whole', () => {
    const t = table(6, { trusted: Uint8Array.from([1, 0, 1, 0, 0, 1]) });
    expect(groupsOf(groupFaces(graph, t, link))).toEqual([0, -1, 0, -1, -1, -1]);
    const named = table(6, {
      trusted: Uint8Array.from([1, 0, 1, 0, 0, 1]),
      person: Int32Array.from([-1, -1, -1, 7, 7, -1]),
    });
    const g = groupFaces(graph, named, link);
    expect(g.group[3]).toBe(g.group[4]);
    expect(g.personOf[g.group[3]!]).toBe(7);
  });

  it('keeps faces of two people apart, and a rejected face out of its person', () => {
    const t = table(6, { person: Int32Array.from([1, -1, 2, -1, -1, -1]) });
    const g = groupFaces(graph, t, link);
    expect(g.group[0]).not.toBe(g.group[2]);
    const rejected = table(6, {
      person: Int32Array.from([1, -1, -1, -1, -1, -1]),
      notPerson: new Map([[1, [1]]]),
    });
    const r = groupFaces(graph, rejected, { ...link, minSize: 1 });
    expect(r.group[1]).not.toBe(r.group[0]);
  });

  it('groups new faces with a named person first', () => {
    // 2 lies 8° from named face 0 and 7° from 3; single linkage alone would chain all three.
    const w = faces([0, 50, 8, 15]);
    const t = table(4, { person: Int32Array.from([3, -1, -1, -1]), photo: Int32Array.from([0, 1, 2, 0]) });
    const g = groupFaces(exactKnn(w, 2, 3), t, link);
    expect(g.group[2]).toBe(g.group[0]);
    expect(g.group[3]).not.toBe(g.group[0]);
  });

  it("'centroid' stops a chain that 'link' follows", () => {
    const chain = faces([0, 7, 14, 21, 28, 35]);
    const g = exactKnn(chain, 2, 5);
    expect(new Set(groupsOf(groupFaces(g, table(6), link))).size).toBe(1);
    const c = groupFaces(
      g,
      table(6),
      { ...link, method: 'centroid', centroid: Math.cos((12 * Math.PI) / 180) },
      chain,
    );
    expect(c.groups).toBeGreaterThan(1);
  });

  it("'dbscan' links core faces and attaches the border, leaving sparse faces out", () => {
    const w = faces([0, 2, 4, 6, 14, 60]);
    const g = groupFaces(exactKnn(w, 2, 5), table(6), { ...link, method: 'dbscan', minNeighbours: 2 });
    expect(groupsOf(g)).toEqual([0, 0, 0, 0, 0, -1]);
  });
});
