import { describe, expect, it } from 'vitest';
import { markNotFaces, nameFaces, noDecisions, personNamed, rejectFaces } from './decisions';
import { labelledPeople, libraryView, photosWithPeople, suggestFaces, type LibraryGrouping } from './view';

const faces = ['L:p1.jpg#0', 'L:p1.jpg#1', 'L:p2.jpg#0', 'L:p2.jpg#1', 'L:p3.jpg#0', 'L:p4.jpg#0'];
const grouping: LibraryGrouping = {
  faceIds: faces,
  group: [0, 1, 0, 1, 0, -1],
  groupPerson: [null, null],
  suggestions: [],
};

describe('libraryView', () => {
  it('shows unnamed groups largest first and faces in no group', () => {
    const v = libraryView(grouping, noDecisions);
    expect(v.groups).toEqual([
      { key: 'g0', faces: [faces[0], faces[2], faces[4]] },
      { key: 'g1', faces: [faces[1], faces[3]] },
    ]);
    expect(v.ungrouped).toEqual([faces[5]]);
  });

  it('lays decisions over the grouping at once: named, not a face, rejected', () => {
    let d = nameFaces(noDecisions, [faces[0]!, faces[2]!, faces[4]!], 'Alice');
    d = markNotFaces(d, [faces[3]!]);
    const v = libraryView(grouping, d);
    expect(v.people.map((p) => [p.person.name, p.confirmed.length, p.photos])).toEqual([['Alice', 3, 3]]);
    expect(v.groups).toEqual([{ key: 'g1', faces: [faces[1]] }]);
    expect(v.notFaces).toEqual([faces[3]]);
  });

  it('puts a regrouped face with its person unconfirmed, unless it was said not to be them', () => {
    let d = nameFaces(noDecisions, [faces[0]!], 'Alice');
    const alice = personNamed(d, 'Alice')!.id;
    const regrouped = { ...grouping, groupPerson: [alice, null] };
    expect(libraryView(regrouped, d).people[0]!.grouped).toEqual([faces[2], faces[4]]);
    d = rejectFaces(d, [faces[4]!], alice);
    const v = libraryView(regrouped, d);
    expect(v.people[0]!.grouped).toEqual([faces[2]]);
    expect(v.ungrouped).toContain(faces[4]);
  });

  it('finds photos with several people, and the labelled people', () => {
    let d = nameFaces(noDecisions, [faces[0]!, faces[2]!], 'Alice');
    d = nameFaces(d, [faces[1]!, faces[5]!], 'Bob');
    const v = libraryView(grouping, d);
    const ids = ['Alice', 'Bob'].map((n) => personNamed(d, n)!.id);
    expect(photosWithPeople(v, ids)).toEqual(['L:p1.jpg']);
    expect(photosWithPeople(v, ids.slice(1))).toEqual(['L:p1.jpg', 'L:p4.jpg']);
    expect(labelledPeople(v).map((p) => [p.name, p.faces.length])).toEqual([
      ['Alice', 2],
      ['Bob', 2],
    ]);
  });
});

describe('suggestFaces', () => {
  const at = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const vectors = new Float32Array([...at(0), ...at(90), ...at(5), ...at(60)]);
  const ids = ['L:a#0', 'L:b#0', 'L:c#0', 'L:d#0'];

  it('suggests ungrouped faces within the threshold of a named person, never a rejected one', () => {
    let d = nameFaces(noDecisions, ['L:a#0'], 'Alice');
    const alice = personNamed(d, 'Alice')!.id;
    const s = suggestFaces(ids, vectors, [-1, -1, -1, -1], d, 0.5);
    expect(s.map((x) => [x.face, x.person])).toEqual([['L:c#0', alice]]);
    expect(suggestFaces(ids, vectors, [-1, -1, 0, -1], d, 0.5)).toEqual([]);
    d = rejectFaces(d, ['L:c#0'], alice);
    expect(suggestFaces(ids, vectors, [-1, -1, -1, -1], d, 0.5)).toEqual([]);
  });
});
