import { LikenessError } from './errors';
import type { FaceDatabase } from './database';
import { scanNearest } from './nearest-rows';
import { accepts } from './verdict';

/**
 * Every way a probe can be matched, in one table: against each person's average, or by a vote of
 * the k nearest enrolment images. A new rule is one line here.
 */
const RULES = {
  average: { label: 'Each person’s average', over: 'averages', k: 1 },
  knn1: { label: 'The nearest photo', over: 'images', k: 1 },
  knn3: { label: 'A vote of the 3 nearest photos', over: 'images', k: 3 },
} as const satisfies Record<string, { label: string; over: 'averages' | 'images'; k: number }>;

export type MatchRule = keyof typeof RULES;
export const MATCH_RULES = Object.keys(RULES) as MatchRule[];
export const MATCH_RULE_LABELS = Object.fromEntries(MATCH_RULES.map((r) => [r, RULES[r].label])) as Record<
  MatchRule,
  string
>;

export function isMatchRule(x: unknown): x is MatchRule {
  return typeof x === 'string' && Object.hasOwn(RULES, x);
}

/** Which calibrated threshold a rule's distances are judged by: to an average, or to the nearest photo. */
export function comparisonOf(rule: MatchRule): 'average' | 'image' {
  return RULES[rule].over === 'averages' ? 'average' : 'image';
}

/** Whether the rule needs every enrolment image (an EmbeddingDatabase) rather than the averages. */
export function matchesImages(rule: MatchRule): boolean {
  return RULES[rule].over === 'images';
}

/** Every enrolment embedding as one row-major matrix with a person label per row (for kNN). */
export interface EmbeddingDatabase {
  people: string[];
  rows: Float32Array;
  labels: Int32Array;
  dim: number;
}

export function embeddingDatabase(
  people: readonly { person: string; embeddings: readonly Float32Array[] }[],
): EmbeddingDatabase {
  const kept = people.filter((i) => i.embeddings.length > 0);
  const dim = kept[0]?.embeddings[0]?.length ?? 0;
  if (dim === 0) throw new LikenessError('invalid-argument', 'The database is empty');
  const count = kept.reduce((n, i) => n + i.embeddings.length, 0);
  const rows = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  let r = 0;
  kept.forEach((person, label) => {
    for (const e of person.embeddings) {
      if (e.length !== dim) {
        throw new LikenessError(
          'dimension-mismatch',
          `"${person.person}" has a ${e.length}-d embedding, expected ${dim}`,
        );
      }
      rows.set(e, r * dim);
      labels[r++] = label;
    }
  });
  return { people: kept.map((i) => i.person), rows, labels, dim };
}

export interface RankedPerson {
  /** Row of the person in the database's `people`. */
  label: number;
  person: string;
  /** To the average, or to the person's nearest enrolment image, by the rule. */
  distance: number;
  /** Votes among the k nearest enrolment images (image rules only). */
  votes?: number;
}

export interface MatchOutcome {
  /** The person the rule picks, whatever the threshold; its distance is the one the threshold applies to. */
  best: RankedPerson;
  /**
   * The people as the rule places them (at most `ranked`), each at its own nearest distance: most
   * votes first, then the smaller summed distance, then the nearer; people without a vote follow by
   * distance. `ranked[0]` is `best`.
   */
  ranked: RankedPerson[];
}

export interface Matcher {
  readonly rule: MatchRule;
  readonly people: readonly string[];
  /** Rows one probe is compared with. */
  readonly rows: number;
  /** `ranked` overrides the matcher's own count for this probe. */
  match(probe: Float32Array, ranked?: number): MatchOutcome;
  accepts(distance: number, threshold: number): boolean;
}

export interface MatcherOptions {
  /** How many people `ranked` lists by default; 1 costs nothing beyond the match itself. */
  ranked?: number;
}

function centroidRows(database: FaceDatabase): EmbeddingDatabase {
  return {
    people: [...database.people],
    rows: database.centroids,
    labels: Int32Array.from(database.people, (_, i) => i),
    dim: database.dim,
  };
}

/**
 * The one way anything is matched. `database` is the averages (a Database) for the average rule, every
 * enrolment image (an EmbeddingDatabase) for the kNN rules. The threshold is not applied here, so the
 * answer can move with a live threshold: compare `best.distance` with `accepts`.
 */
export function createMatcher(
  rule: MatchRule,
  database: FaceDatabase | EmbeddingDatabase,
  options: MatcherOptions = {},
): Matcher {
  const spec = RULES[rule];
  const averages = 'centroids' in database;
  if (averages !== (spec.over === 'averages')) {
    throw new LikenessError(
      'invalid-argument',
      `The “${spec.label}” rule matches against ${spec.over === 'averages' ? 'per-person averages' : 'every enrolment image'}`,
    );
  }
  const g = averages ? centroidRows(database) : database;
  if (g.rows.length !== g.labels.length * g.dim) {
    throw new LikenessError(
      'dimension-mismatch',
      `${g.labels.length} labels need ${g.labels.length * g.dim} floats, got ${g.rows.length}`,
    );
  }
  if (g.labels.length === 0) throw new LikenessError('invalid-argument', 'The database is empty');
  const defaultRanked = options.ranked ?? 1;
  const perLabel = new Map<number, number>();
  for (const l of g.labels) perLabel.set(l, (perLabel.get(l) ?? 0) + 1);
  const most = Math.max(...perLabel.values());
  const named = (label: number, distance: number): RankedPerson => ({
    label,
    person: g.people[label]!,
    distance,
  });

  return {
    rule,
    people: g.people,
    rows: g.labels.length,
    accepts,
    match(probe, count = defaultRanked) {
      const ranked = Math.max(1, Math.floor(count));
      // With at most m rows per person, the nearest (n - 1)·m + 1 rows hold at least n people.
      const scan = Math.min(g.labels.length, Math.max(spec.k, (ranked - 1) * most + 1));
      const neighbours = scanNearest(g.rows, g.dim, probe, scan).map((nb) => ({
        ...nb,
        label: g.labels[nb.index]!,
      }));
      if (neighbours.length === 0) throw new LikenessError('invalid-argument', 'The database is empty');
      // The k nearest vote: most votes, then the smaller summed distance, then the nearer; rows come
      // nearest first, so a label's first row is its nearest.
      const tally = new Map<number, { votes: number; sum: number; nearest: number }>();
      neighbours.slice(0, spec.k).forEach((nb) => {
        const t = tally.get(nb.label) ?? { votes: 0, sum: 0, nearest: nb.distance };
        t.votes++;
        t.sum += nb.distance;
        tally.set(nb.label, t);
      });
      const people: RankedPerson[] = [...tally]
        .sort(([, a], [, b]) => b.votes - a.votes || a.sum - b.sum || a.nearest - b.nearest)
        .map(([label, t]) => ({ ...named(label, t.nearest), ...(averages ? {} : { votes: t.votes }) }));
      for (const nb of neighbours) {
        if (people.length >= ranked) break;
        if (!tally.has(nb.label) && !people.some((p) => p.label === nb.label))
          people.push({ ...named(nb.label, nb.distance), ...(averages ? {} : { votes: 0 }) });
      }
      return { best: people[0]!, ranked: people.slice(0, ranked) };
    },
  };
}
