import { LikenessError } from '../errors';

/**
 * What the user decided about a photo library's faces, apart from the automatic grouping: the people
 * they made (named, or unnamed groups they merged), which faces they put with whom, faces that are
 * not faces, and faces that are not a given person. Grouping takes these as constraints and never
 * undoes them (grouping.ts). Every action returns new decisions and leaves the old ones untouched;
 * `History` makes each one undoable.
 */

/** A face: its photo's image id, '#', and its place among the photo's faces. */
export type FaceId = string;

export const faceIdOf = (imageId: string, index: number): FaceId => `${imageId}#${index}`;
export const photoOfFace = (id: FaceId): string => id.slice(0, id.lastIndexOf('#'));

export interface Person {
  id: string;
  /** Shown as text, never HTML; '' for a group the user merged but has not named. */
  name: string;
  /** "Ignore this person": their faces are kept and grouped, but not shown among the people. */
  ignored: boolean;
}

/** A face's decision: the id of the person the user put it with, or `notAFace`. */
export const notAFace = '!not-a-face';

export interface Decisions {
  people: Readonly<Record<string, Person>>;
  faces: Readonly<Record<FaceId, string>>;
  /** "Not this person": each face's rejected person ids, never suggested or grouped there again. */
  rejected: Readonly<Record<FaceId, readonly string[]>>;
  /** The number in the next new person's id. */
  next: number;
}

export const noDecisions: Decisions = { people: {}, faces: {}, rejected: {}, next: 1 };

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The person of this name (ignoring case and outer spaces); never an unnamed one. */
export function personNamed(d: Decisions, name: string): Person | undefined {
  if (name.trim() === '') return undefined;
  return Object.values(d.people).find((p) => sameName(p.name, name));
}

/** The faces the user put with a person. */
export function facesOf(d: Decisions, personId: string): FaceId[] {
  return Object.keys(d.faces).filter((f) => d.faces[f] === personId);
}

function requirePerson(d: Decisions, id: string): Person {
  const person = d.people[id];
  if (!person) throw new LikenessError('invalid-argument', 'That person no longer exists');
  return person;
}

function withRejection(rejected: Decisions['rejected'], face: FaceId, personId: string) {
  const now = rejected[face] ?? [];
  return now.includes(personId) ? rejected : { ...rejected, [face]: [...now, personId] };
}

function withoutRejection(rejected: Decisions['rejected'], face: FaceId, personId: string) {
  const now = rejected[face];
  if (!now?.includes(personId)) return rejected;
  const rest = now.filter((p) => p !== personId);
  const out = { ...rejected };
  if (rest.length) out[face] = rest;
  else delete out[face];
  return out;
}

/**
 * Puts faces with a person: `to` moves them there, and (as a user who moves a face out of a person
 * says "not this person") each face's earlier person is remembered as rejected. `null` takes them
 * out of their person into no one's.
 */
export function moveFaces(d: Decisions, faces: readonly FaceId[], to: string | null): Decisions {
  if (to !== null) requirePerson(d, to);
  const next = { ...d.faces };
  let rejected = d.rejected;
  for (const face of faces) {
    const before = d.faces[face];
    if (before !== undefined && before !== notAFace && before !== to)
      rejected = withRejection(rejected, face, before);
    if (to === null) delete next[face];
    else {
      next[face] = to;
      rejected = withoutRejection(rejected, face, to);
    }
  }
  return { ...d, faces: next, rejected };
}

/**
 * Names faces (a group the user is looking at): they go to the person of that name, who is made
 * when there is none. An empty name makes a new unnamed person ("these are one person").
 */
export function nameFaces(d: Decisions, faces: readonly FaceId[], name: string): Decisions {
  const existing = personNamed(d, name);
  if (existing) return moveFaces(d, faces, existing.id);
  const person: Person = { id: `p${d.next}`, name: name.trim(), ignored: false };
  return moveFaces(
    { ...d, people: { ...d.people, [person.id]: person }, next: d.next + 1 },
    faces,
    person.id,
  );
}

/** Merges people into the first of `ids`: their faces and the rejections of them move to it. */
export function mergePeople(d: Decisions, ids: readonly string[]): Decisions {
  const [into, ...others] = ids;
  if (into === undefined) return d;
  const target = requirePerson(d, into);
  const merged = new Set(others.filter((id) => id !== into));
  for (const id of merged) requirePerson(d, id);
  const people = { ...d.people };
  for (const id of merged) delete people[id];
  // A merged-in person's name survives when the target had none.
  const named = [target, ...[...merged].map((id) => d.people[id]!)].find((p) => p.name !== '');
  people[into] = { ...target, name: named?.name ?? '' };
  const faces = { ...d.faces };
  for (const [face, p] of Object.entries(d.faces)) if (merged.has(p)) faces[face] = into;
  const rejected: Record<FaceId, readonly string[]> = {};
  for (const [face, list] of Object.entries(d.rejected)) {
    // A face now with the merged person is no longer "not" them: the merge says it is.
    const mapped = [...new Set(list.map((p) => (merged.has(p) ? into : p)))].filter(
      (p) => !(p === into && faces[face] === into),
    );
    if (mapped.length) rejected[face] = mapped;
  }
  return { ...d, people, faces, rejected };
}

/** Renames a person; a name another person already has merges the two. */
export function renamePerson(d: Decisions, id: string, name: string): Decisions {
  const person = requirePerson(d, id);
  const other = personNamed(d, name);
  if (other && other.id !== id) return mergePeople(d, [other.id, id]);
  return { ...d, people: { ...d.people, [id]: { ...person, name: name.trim() } } };
}

export function ignorePerson(d: Decisions, id: string, ignored = true): Decisions {
  const person = requirePerson(d, id);
  return { ...d, people: { ...d.people, [id]: { ...person, ignored } } };
}

/** "Not a face": the faces leave their person and are never grouped again. */
export function markNotFaces(d: Decisions, faces: readonly FaceId[]): Decisions {
  const next = { ...d.faces };
  for (const face of faces) next[face] = notAFace;
  return { ...d, faces: next };
}

/** "Not this person" for suggested faces: never suggested or grouped there again. */
export function rejectFaces(d: Decisions, faces: readonly FaceId[], personId: string): Decisions {
  requirePerson(d, personId);
  const next = { ...d.faces };
  let rejected = d.rejected;
  for (const face of faces) {
    if (next[face] === personId) delete next[face];
    rejected = withRejection(rejected, face, personId);
  }
  return { ...d, faces: next, rejected };
}

/** A person (`personId`) or an unnamed group of the grouping, as the user sees it, with its faces. */
export interface Holder {
  personId?: string;
  faces: readonly FaceId[];
}

/**
 * Merges two of what the user sees (people or unnamed groups) into one, as one action. Two people
 * merge into the named one, and the other's grouped faces are put with it so that none is lost.
 */
export function mergeHolders(d: Decisions, a: Holder, b: Holder): Decisions {
  const [pa, pb] = [a.personId, b.personId];
  if (pa && pb) {
    const [into, from] = d.people[pa]?.name || !d.people[pb]?.name ? [pa, b] : [pb, a];
    return mergePeople(moveFaces(d, from.faces, from.personId!), [into, from.personId!]);
  }
  if (pa) return moveFaces(d, b.faces, pa);
  if (pb) return moveFaces(d, a.faces, pb);
  return nameFaces(d, [...a.faces, ...b.faces], '');
}

/**
 * Takes faces out of their person or unnamed group, remembered as "not this person". A group's
 * other faces become one unnamed person, so that there is someone to remember the faces are not.
 */
export function takeOut(d: Decisions, faces: readonly FaceId[], from: Holder): Decisions {
  if (from.personId) return moveFaces(moveFaces(d, faces, from.personId), faces, null);
  const taken = new Set(faces);
  const kept = nameFaces(d, [...from.faces.filter((f) => !taken.has(f)), ...faces], '');
  return moveFaces(kept, faces, null);
}

/** "Ignore this person" for an unnamed group: its faces become one unnamed person, ignored. */
export function ignoreFaces(d: Decisions, faces: readonly FaceId[]): Decisions {
  return ignorePerson(nameFaces(d, faces, ''), `p${d.next}`);
}

/** Reads decisions stored by any version, keeping only what is well formed. */
export function normaliseDecisions(raw: unknown): Decisions {
  if (typeof raw !== 'object' || raw === null) return noDecisions;
  const r = raw as Partial<Record<keyof Decisions, unknown>>;
  const record = (x: unknown) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {});
  const people: Record<string, Person> = {};
  for (const [id, p] of Object.entries(record(r.people))) {
    const q = record(p);
    if (typeof q.name === 'string') people[id] = { id, name: q.name, ignored: q.ignored === true };
  }
  const faces: Record<FaceId, string> = {};
  for (const [face, p] of Object.entries(record(r.faces)))
    if (typeof p === 'string' && (p === notAFace || people[p])) faces[face] = p;
  const rejected: Record<FaceId, string[]> = {};
  for (const [face, list] of Object.entries(record(r.rejected))) {
    const ids = Array.isArray(list)
      ? list.filter((p): p is string => typeof p === 'string' && !!people[p])
      : [];
    if (ids.length) rejected[face] = ids;
  }
  const numbers = Object.keys(people).map((id) => Number(id.slice(1)) || 0);
  const next = Math.max(
    typeof r.next === 'number' && Number.isInteger(r.next) ? r.next : 1,
    ...numbers.map((n) => n + 1),
  );
  return { people, faces, rejected, next };
}
