import { notAFace, photoOfFace, type Decisions, type FaceId, type Person } from './decisions';

/** The automatic grouping of a library's faces, as stored: arrays aligned with `faceIds`. */
export interface LibraryGrouping {
  faceIds: FaceId[];
  /** Each face's group, 0 the largest; -1 for a face in no group. */
  group: ArrayLike<number>;
  /** Each group's person id (from the decisions it was grouped with), or null. */
  groupPerson: (string | null)[];
  /** Faces in no group that lie within the recognition threshold of a named person. */
  suggestions: Suggestion[];
}

export interface Suggestion {
  face: FaceId;
  person: string;
  /** Euclidean distance from the face to the average of the person's faces. */
  distance: number;
}

export interface PersonView {
  person: Person;
  /** Faces the user put with this person. */
  confirmed: FaceId[];
  /** Faces grouped with them automatically, not yet confirmed. */
  grouped: FaceId[];
  /** Faces in no group within the recognition threshold of them: shown, never assigned silently. */
  suggested: Suggestion[];
  /** Photos they are in (confirmed or grouped). */
  photos: number;
}

export interface GroupView {
  /** Stable while the grouping stands: `g` and the group's number. */
  key: string;
  faces: FaceId[];
}

export interface LibraryView {
  /** Named and unnamed people the user made, named first, then by faces, most first. */
  people: PersonView[];
  ignored: PersonView[];
  /** Groups nobody was given to yet, largest first. */
  groups: GroupView[];
  /** Faces in no group and no person (too small or blurred, or seen once). */
  ungrouped: FaceId[];
  notFaces: FaceId[];
}

/** What the user sees: the grouping with every decision laid over it, so a decision shows at once. */
export function libraryView(grouping: LibraryGrouping, d: Decisions): LibraryView {
  const byPerson = new Map<string, PersonView>();
  const viewOf = (id: string) => {
    let v = byPerson.get(id);
    if (!v) {
      v = { person: d.people[id]!, confirmed: [], grouped: [], suggested: [], photos: 0 };
      byPerson.set(id, v);
    }
    return v;
  };
  for (const id of Object.keys(d.people)) viewOf(id);
  const groups = new Map<number, FaceId[]>();
  const ungrouped: FaceId[] = [];
  const notFaces: FaceId[] = [];
  grouping.faceIds.forEach((face, i) => {
    const decided = d.faces[face];
    if (decided === notAFace) return notFaces.push(face);
    if (decided !== undefined && d.people[decided]) return viewOf(decided).confirmed.push(face);
    const g = grouping.group[i]!;
    const person = g >= 0 ? grouping.groupPerson[g] : null;
    if (person && d.people[person] && !d.rejected[face]?.includes(person))
      return viewOf(person).grouped.push(face);
    if (g >= 0 && !person) {
      const members = groups.get(g);
      if (members) members.push(face);
      else groups.set(g, [face]);
      return;
    }
    ungrouped.push(face);
  });
  const open = new Set(ungrouped);
  for (const s of grouping.suggestions)
    if (open.has(s.face) && d.people[s.person] && !d.rejected[s.face]?.includes(s.person))
      viewOf(s.person).suggested.push(s);
  for (const v of byPerson.values()) v.photos = new Set([...v.confirmed, ...v.grouped].map(photoOfFace)).size;
  const size = (v: PersonView) => v.confirmed.length + v.grouped.length;
  const people = [...byPerson.values()].sort(
    (a, b) =>
      Number(b.person.name !== '') - Number(a.person.name !== '') ||
      size(b) - size(a) ||
      a.person.name.localeCompare(b.person.name),
  );
  return {
    people: people.filter((v) => !v.person.ignored),
    ignored: people.filter((v) => v.person.ignored),
    groups: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
      .map(([g, faces]) => ({ key: `g${g}`, faces })),
    ungrouped,
    notFaces,
  };
}

/** "Photos with Alice and Bob": the photos in which every one of these people is (confirmed or grouped). */
export function photosWithPeople(view: LibraryView, personIds: readonly string[]): string[] {
  if (personIds.length === 0) return [];
  const all = [...view.people, ...view.ignored];
  const photosOf = (id: string) => {
    const v = all.find((p) => p.person.id === id);
    return new Set([...(v?.confirmed ?? []), ...(v?.grouped ?? [])].map(photoOfFace));
  };
  const [first, ...rest] = personIds.map(photosOf);
  return [...first!].filter((photo) => rest.every((set) => set.has(photo))).sort();
}

/**
 * Faces in no group within `threshold` (Euclidean, unit vectors) of a named person's average face,
 * each suggested to the nearest such person it was not said not to be. `vectors` is n × dim in the
 * order of `faceIds`.
 */
export function suggestFaces(
  faceIds: readonly FaceId[],
  vectors: Float32Array,
  group: ArrayLike<number>,
  d: Decisions,
  threshold: number,
): Suggestion[] {
  const dim = faceIds.length ? vectors.length / faceIds.length : 0;
  const index = new Map(faceIds.map((f, i) => [f, i]));
  const averages: { person: string; mean: Float32Array }[] = [];
  for (const person of Object.values(d.people)) {
    if (person.name === '' || person.ignored) continue;
    const mean = new Float32Array(dim);
    let norm = 0;
    for (const [face, p] of Object.entries(d.faces)) {
      const i = index.get(face);
      if (p !== person.id || i === undefined) continue;
      for (let k = 0; k < dim; k++) mean[k]! += vectors[i * dim + k]!;
    }
    for (let k = 0; k < dim; k++) norm += mean[k]! * mean[k]!;
    if (norm === 0) continue;
    for (let k = 0; k < dim; k++) mean[k]! /= Math.sqrt(norm);
    averages.push({ person: person.id, mean });
  }
  const out: Suggestion[] = [];
  faceIds.forEach((face, i) => {
    if (group[i]! >= 0 || d.faces[face] !== undefined) return;
    let best: Suggestion | null = null;
    for (const { person, mean } of averages) {
      if (d.rejected[face]?.includes(person)) continue;
      let s = 0;
      for (let k = 0; k < dim; k++) s += vectors[i * dim + k]! * mean[k]!;
      const distance = Math.sqrt(Math.max(0, 2 - 2 * s));
      if (distance <= threshold && (!best || distance < best.distance)) best = { face, person, distance };
    }
    if (best) out.push(best);
  });
  return out.sort((a, b) => a.distance - b.distance);
}

/** The named people (not ignored) and the faces the user put with them: a labelled dataset's content. */
export function labelledPeople(view: LibraryView): { name: string; faces: FaceId[] }[] {
  return view.people
    .filter((v) => v.person.name !== '' && v.confirmed.length > 0)
    .map((v) => ({ name: v.person.name, faces: v.confirmed }));
}
