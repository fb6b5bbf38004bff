import { LikenessError } from '../core/errors';
import { createDatabase } from '../core/database';
import {
  createMatcher,
  embeddingDatabase,
  matchesImages,
  type Matcher,
  type MatchRule,
  type RankedPerson,
} from '../core/matcher';
import { enrolledIdsOf, getDatabase, readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';

/** A person as the rule placed them, with the database's key for them. */
export interface KeyedPerson extends RankedPerson {
  personKey: string;
}

export interface KeyedOutcome {
  best: KeyedPerson;
  ranked: KeyedPerson[];
}

/**
 * Every enrolled embedding of a database (robust enrolment's choice of images, plus faces added
 * later), labelled by its row in the database, for k-nearest-image matching. Imported databases
 * carry only averages.
 */
async function enrolledEmbeddings(record: DatabaseRecord) {
  const people = [];
  for (const [i, key] of record.identityKeys.entries()) {
    const ids = enrolledIdsOf(record, key);
    const stored = await readEmbeddings(record.modelKey, ids, 'enrol');
    const embeddings = ids.flatMap((id) => {
      const e = stored.get(id)?.embedding;
      return e ? [e] : [];
    });
    embeddings.push(...(record.extraEmbeddings?.[key] ?? []));
    people.push({ person: record.identities[i]!, embeddings });
  }
  if (people.every((p) => p.embeddings.length === 0)) {
    throw new LikenessError(
      'invalid-argument',
      'This face database holds only per-person averages (no enrolment embeddings): choose the "Average" matching rule',
    );
  }
  return embeddingDatabase(people);
}

/** What a matcher was built from: a saved face ("Save to person") changes the averages and the extras. */
function versionOf(record: DatabaseRecord): string {
  let sum = 0;
  for (const x of record.centroids ?? []) sum += x;
  const extras = Object.values(record.extraEmbeddings ?? {}).reduce((n, list) => n + list.length, 0);
  return `${record.status}|${record.centroids?.length ?? 0}|${sum}|${extras}`;
}

/** The last few matchers built, so that a camera's snapshots do not read every enrolment embedding again. */
const cache: { key: string; version: string; matcher: Promise<Matcher> }[] = [];
const cacheSize = 2;

async function buildMatcher(record: DatabaseRecord, rule: MatchRule): Promise<Matcher> {
  if (record.status !== 'ready' || !record.centroids) {
    throw new LikenessError('invalid-argument', `“${record.name}” is still being built`);
  }
  if (!matchesImages(rule)) {
    return createMatcher(rule, createDatabase(record.identities, record.centroids, record.dim));
  }
  return createMatcher(rule, await enrolledEmbeddings(record));
}

/** The matcher of a stored face database under a rule: its averages, or its enrolment images read back. */
export async function matcherOf(record: DatabaseRecord, rule: MatchRule): Promise<Matcher> {
  const key = `${record.id}|${rule}`;
  const version = versionOf(record);
  const hit = cache.findIndex((c) => c.key === key && c.version === version);
  if (hit >= 0) {
    const [entry] = cache.splice(hit, 1);
    cache.unshift(entry!);
    return entry!.matcher;
  }
  const matcher = buildMatcher(record, rule);
  cache.unshift({ key, version, matcher });
  cache.length = Math.min(cache.length, cacheSize);
  // A failed build is not kept.
  matcher.catch(() => {
    const at = cache.findIndex((c) => c.matcher === matcher);
    if (at >= 0) cache.splice(at, 1);
  });
  return matcher;
}

export async function readyRecord(databaseId: string): Promise<DatabaseRecord> {
  const record = await getDatabase(databaseId);
  if (!record) throw new LikenessError('storage-failed', 'That face database no longer exists');
  return record;
}

/** Each person of an outcome with the database's key for them (k-NN rules skip people without images). */
export function keyed(
  record: DatabaseRecord,
  best: RankedPerson,
  ranked: readonly RankedPerson[],
): KeyedOutcome {
  const keyOf = (r: RankedPerson): KeyedPerson => ({
    ...r,
    personKey: record.identityKeys[record.identities.indexOf(r.person)] ?? r.person,
  });
  return { best: keyOf(best), ranked: ranked.map(keyOf) };
}
