import { describe, expect, it } from 'vitest';
import { nameFaces, noDecisions, personNamed, rejectFaces } from '../core/library/decisions';
import type { LibraryGrouping } from '../core/library/view';
import { suggestAgain, type LibraryFaces } from './library';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

describe('suggestAgain', () => {
  // Faces in load order; the stored grouping lists them in another order.
  const faces = {
    faceIds: ['l:a.jpg#0', 'l:b.jpg#0', 'l:c.jpg#0', 'l:d.jpg#0'],
    vectors: Float32Array.from([...unit(1, 0), ...unit(0.98, 0.2), ...unit(0.95, 0.3), ...unit(0, 1)]),
    dim: 2,
  } as LibraryFaces;
  const grouping: LibraryGrouping = {
    faceIds: ['l:d.jpg#0', 'l:c.jpg#0', 'l:b.jpg#0', 'l:a.jpg#0'],
    group: [-1, -1, 0, 0],
    groupPerson: [null],
    suggestions: [],
  };

  it('after naming, suggests the ungrouped faces near the named person, not the far one', () => {
    const d = nameFaces(noDecisions, ['l:a.jpg#0', 'l:b.jpg#0'], 'Alice');
    const alice = personNamed(d, 'Alice')!.id;
    const next = suggestAgain(faces, grouping, d, 0.5);
    expect(next.suggestions.map((s) => [s.face, s.person])).toEqual([['l:c.jpg#0', alice]]);
    expect(next.group).toBe(grouping.group);
  });

  it('never suggests a face the user said is not that person', () => {
    let d = nameFaces(noDecisions, ['l:a.jpg#0'], 'Alice');
    d = rejectFaces(d, ['l:c.jpg#0'], personNamed(d, 'Alice')!.id);
    expect(suggestAgain(faces, grouping, d, 0.5).suggestions).toEqual([]);
  });
});
