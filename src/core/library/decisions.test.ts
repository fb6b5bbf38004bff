import { describe, expect, it } from 'vitest';
import { codeOf } from '../test-support';
import {
  faceIdOf,
  facesOf,
  ignoreFaces,
  ignorePerson,
  markNotFaces,
  mergeHolders,
  mergePeople,
  moveFaces,
  nameFaces,
  noDecisions,
  normaliseDecisions,
  notAFace,
  personNamed,
  photoOfFace,
  rejectFaces,
  renamePerson,
  takeOut,
} from './decisions';
import { act, redo, startHistory, undo } from './history';

const a = 'lib:2019/a.jpg#0';
const b = 'lib:2019/b.jpg#0';
const c = 'lib:2019/b.jpg#1';

describe('decisions', () => {
  it('names faces, and the same name again (any case) adds to that person', () => {
    let d = nameFaces(noDecisions, [a], 'Alice');
    d = nameFaces(d, [b], ' alice ');
    const alice = personNamed(d, 'ALICE')!;
    expect(Object.keys(d.people)).toEqual([alice.id]);
    expect(facesOf(d, alice.id).sort()).toEqual([a, b]);
  });

  it('an empty name makes a new unnamed person each time (merging groups before naming)', () => {
    const d = nameFaces(nameFaces(noDecisions, [a], ''), [b], '');
    expect(Object.values(d.people).map((p) => p.name)).toEqual(['', '']);
  });

  it('moving a face out of a person remembers "not this person"; moving it back forgets it', () => {
    let d = nameFaces(noDecisions, [a, b], 'Alice');
    d = nameFaces(d, [c], 'Bob');
    const [alice, bob] = [personNamed(d, 'Alice')!.id, personNamed(d, 'Bob')!.id];
    d = moveFaces(d, [b], bob);
    expect(d.faces[b]).toBe(bob);
    expect(d.rejected[b]).toEqual([alice]);
    d = moveFaces(d, [b], null);
    expect(d.faces[b]).toBeUndefined();
    expect(d.rejected[b]).toEqual([alice, bob]);
    d = moveFaces(d, [b], alice);
    expect(d.rejected[b]).toEqual([bob]);
  });

  it('merges people: faces, the name and rejections follow', () => {
    let d = nameFaces(noDecisions, [a], '');
    const unnamed = Object.keys(d.people)[0]!;
    d = nameFaces(d, [b], 'Bob');
    const bob = personNamed(d, 'Bob')!.id;
    d = rejectFaces(d, [c], unnamed);
    d = mergePeople(d, [unnamed, bob]);
    expect(Object.keys(d.people)).toEqual([unnamed]);
    expect(d.people[unnamed]!.name).toBe('Bob');
    expect(facesOf(d, unnamed).sort()).toEqual([a, b]);
    expect(d.rejected[c]).toEqual([unnamed]);
  });

  it('renaming to a name another person has merges them', () => {
    let d = nameFaces(nameFaces(noDecisions, [a], 'Alice'), [b], 'Al');
    d = renamePerson(d, personNamed(d, 'Al')!.id, 'alice');
    expect(Object.values(d.people).map((p) => p.name)).toEqual(['Alice']);
    expect(facesOf(d, personNamed(d, 'Alice')!.id).sort()).toEqual([a, b]);
  });

  it('marks not a face, rejects suggestions, ignores a person, and refuses unknown people', () => {
    let d = markNotFaces(noDecisions, [a]);
    expect(d.faces[a]).toBe(notAFace);
    d = nameFaces(d, [b], 'Bob');
    const bob = personNamed(d, 'Bob')!.id;
    d = rejectFaces(d, [b, c], bob);
    expect(d.faces[b]).toBeUndefined();
    expect(d.rejected[c]).toEqual([bob]);
    expect(ignorePerson(d, bob).people[bob]!.ignored).toBe(true);
    expect(codeOf(() => moveFaces(d, [a], 'p99'))).toBe('invalid-argument');
  });

  it('reads back stored decisions, dropping what is malformed', () => {
    const d = nameFaces(noDecisions, [a], 'Alice');
    expect(normaliseDecisions(JSON.parse(JSON.stringify(d)))).toEqual(d);
    const raw = {
      people: { p3: { name: 'X' }, bad: 7 },
      faces: { [a]: 'p3', [b]: 'gone' },
      rejected: { [c]: ['p3', 1] },
    };
    expect(normaliseDecisions(raw)).toEqual({
      people: { p3: { id: 'p3', name: 'X', ignored: false } },
      faces: { [a]: 'p3' },
      rejected: { [c]: ['p3'] },
      next: 4,
    });
    expect(normaliseDecisions(null)).toEqual(noDecisions);
  });

  it('face ids name their photo', () => {
    expect(photoOfFace(faceIdOf('ds:2019/03/x#1.jpg', 2))).toBe('ds:2019/03/x#1.jpg');
  });
});

describe('history', () => {
  it('undoes and redoes every step, and a new action clears redo', () => {
    let h = startHistory(noDecisions);
    h = act(h, (d) => nameFaces(d, [a, b], 'Alice'));
    const named = h.decisions;
    h = act(h, (d) => moveFaces(d, [b], null));
    h = act(h, (d) => markNotFaces(d, [c]));
    h = undo(undo(h));
    expect(h.decisions).toEqual(named);
    h = undo(h);
    expect(h.decisions).toEqual(noDecisions);
    h = redo(redo(h));
    expect(h.decisions.rejected[b]).toEqual([personNamed(h.decisions, 'Alice')!.id]);
    h = act(h, (d) => markNotFaces(d, [a]));
    expect(h.redo).toEqual([]);
    expect(undo(startHistory(noDecisions)).decisions).toBe(noDecisions);
  });

  it('an action that changes nothing adds no step', () => {
    const h = act(startHistory(noDecisions), (d) => d);
    expect(h.undo).toEqual([]);
  });
});

describe('holders: what the user sees (people and unnamed groups)', () => {
  const d0 = noDecisions;
  it('merges two unnamed groups into one unnamed person', () => {
    const d = mergeHolders(d0, { faces: [a] }, { faces: [b, c] });
    const [p] = Object.values(d.people);
    expect(p!.name).toBe('');
    expect(facesOf(d, p!.id).sort()).toEqual([a, b, c]);
  });

  it('merges a split person into the named one, grouped faces included', () => {
    let d = nameFaces(d0, [a], 'Alice');
    d = nameFaces(d, [b], '');
    const alice = personNamed(d, 'Alice')!.id;
    const other = Object.keys(d.people).find((id) => id !== alice)!;
    // `c` is only grouped with the unnamed person: it must come along.
    d = mergeHolders(d, { personId: other, faces: [b, c] }, { personId: alice, faces: [a] });
    expect(Object.keys(d.people)).toEqual([alice]);
    expect(facesOf(d, alice).sort()).toEqual([a, b, c]);
    expect(d.rejected).toEqual({});
  });

  it('a group merged into a person joins that person', () => {
    const d = nameFaces(d0, [a], 'Alice');
    const alice = personNamed(d, 'Alice')!.id;
    expect(facesOf(mergeHolders(d, { faces: [b] }, { personId: alice, faces: [a] }), alice).sort()).toEqual([
      a,
      b,
    ]);
  });

  it('takes a face out of a person: "not this person" is remembered', () => {
    const d = nameFaces(d0, [a, b], 'Alice');
    const alice = personNamed(d, 'Alice')!.id;
    const out = takeOut(d, [b], { personId: alice, faces: [a, b] });
    expect(facesOf(out, alice)).toEqual([a]);
    expect(out.rejected[b]).toEqual([alice]);
  });

  it('takes a face out of an unnamed group: the rest become a person the face is not', () => {
    const out = takeOut(d0, [c], { faces: [a, b, c] });
    const [p] = Object.values(out.people);
    expect(facesOf(out, p!.id).sort()).toEqual([a, b]);
    expect(out.faces[c]).toBeUndefined();
    expect(out.rejected[c]).toEqual([p!.id]);
  });

  it('ignores an unnamed group as one ignored person, undone in one step', () => {
    const h = act(startHistory(d0), (d) => ignoreFaces(d, [a, b]));
    const [p] = Object.values(h.decisions.people);
    expect(p!.ignored).toBe(true);
    expect(facesOf(h.decisions, p!.id).sort()).toEqual([a, b]);
    expect(undo(h).decisions).toEqual(d0);
  });
});
