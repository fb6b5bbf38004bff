/**
 * How well a grouping matches the truth, as the clustering literature measures it: B-cubed
 * precision and recall (Bagga and Baldwin, 1998; Amigó et al., 2009), averaged over faces. For a
 * face, precision is the share of its group that is its person, recall the share of its person that
 * is in its group; a face in no group is a group of its own. Only faces with a known truth count.
 */
export interface BCubed {
  precision: number;
  recall: number;
  f: number;
  /** Faces counted. */
  faces: number;
}

/** `truth[i]` is face i's person (null: unknown, not counted), `group[i]` its group (null: none). */
export function bcubed(truth: readonly (string | null)[], group: readonly (string | null)[]): BCubed {
  const items = truth.flatMap((t, i) => (t === null ? [] : [i]));
  const groupOf = (i: number) => group[i] ?? `\u0000alone:${i}`;
  const inGroup = new Map<string, number>();
  const inPerson = new Map<string, number>();
  const both = new Map<string, number>();
  const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const i of items) {
    count(inGroup, groupOf(i));
    count(inPerson, truth[i]!);
    count(both, `${groupOf(i)}\u0000${truth[i]}`);
  }
  let precision = 0;
  let recall = 0;
  for (const i of items) {
    const shared = both.get(`${groupOf(i)}\u0000${truth[i]}`)!;
    precision += shared / inGroup.get(groupOf(i))!;
    recall += shared / inPerson.get(truth[i]!)!;
  }
  const n = items.length;
  precision = n ? precision / n : 1;
  recall = n ? recall / n : 1;
  const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f, faces: n };
}

export interface KeptWhole {
  /** People with at least two faces counted. */
  people: number;
  /** Of them, those with every face in one group. */
  whole: number;
  /** Those with at least 90 % of their faces in one group. */
  mostly: number;
}

/** How many people are each kept whole in one group (faces of unknown truth are not counted). */
export function keptWhole(truth: readonly (string | null)[], group: readonly (string | null)[]): KeptWhole {
  const byPerson = new Map<string, (string | null)[]>();
  truth.forEach((t, i) => {
    if (t === null) return;
    const groups = byPerson.get(t);
    if (groups) groups.push(group[i] ?? null);
    else byPerson.set(t, [group[i] ?? null]);
  });
  let people = 0;
  let whole = 0;
  let mostly = 0;
  for (const groups of byPerson.values()) {
    if (groups.length < 2) continue;
    people++;
    const counts = new Map<string, number>();
    for (const g of groups) if (g !== null) counts.set(g, (counts.get(g) ?? 0) + 1);
    const largest = Math.max(0, ...counts.values());
    if (largest === groups.length) whole++;
    if (largest >= 0.9 * groups.length) mostly++;
  }
  return { people, whole, mostly };
}
