import { LikenessError } from '../core/errors';
import { createDatabase } from '../core/database';
import {
  createMatcher,
  embeddingDatabase,
  matchesImages,
  type Matcher,
  type MatchRule,
} from '../core/matcher';
import { QuantisedRows } from '../core/quantised-scan';
import { readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';
import { enrolledIdsOf } from './enrolment';

/** Enrolment embeddings from which k-NN matching quantises the database once (below, the float scan is fast enough). */
const quantisedScanFrom = 20_000;

/**
 * Every enrolled embedding of a database (robust enrolment's choice of images, plus faces added
 * later), labelled by its row in the database, for k-nearest-image matching. Imported databases
 * carry only averages.
 */
export async function enrolledEmbeddings(databaseRecord: DatabaseRecord) {
  const people = [];
  for (const [i, key] of databaseRecord.identityKeys.entries()) {
    const ids = enrolledIdsOf(databaseRecord, key);
    const stored = await readEmbeddings(databaseRecord.modelKey, ids, 'enrol');
    const embeddings = ids.flatMap((id) => {
      const e = stored.get(id)?.embedding;
      return e ? [e] : [];
    });
    embeddings.push(...(databaseRecord.extraEmbeddings?.[key] ?? []));
    people.push({ person: databaseRecord.identities[i]!, embeddings });
  }
  if (people.every((p) => p.embeddings.length === 0)) {
    throw new LikenessError(
      'invalid-argument',
      'This face database holds only per-person averages (no enrolment embeddings): choose the "Average" matching rule',
    );
  }
  return embeddingDatabase(people);
}

/**
 * The matcher of a stored face database under a rule: its averages, or its enrolment images read
 * back from storage. `ranked` people are listed per probe.
 */
export async function matcherFor(record: DatabaseRecord, rule: MatchRule, ranked: number): Promise<Matcher> {
  if (record.status !== 'ready' || !record.centroids) {
    throw new LikenessError('invalid-argument', `“${record.name}” is still being built`);
  }
  if (!matchesImages(rule)) {
    return createMatcher(rule, createDatabase(record.identities, record.centroids, record.dim), { ranked });
  }
  const images = await enrolledEmbeddings(record);
  // Large databases: an int8 SIMD pre-scan with an exact float re-rank (same neighbours, ~10x faster at 100k rows).
  const quantised =
    images.labels.length >= quantisedScanFrom ? QuantisedRows.from(images.rows, images.dim) : null;
  return createMatcher(rule, images, {
    ranked,
    ...(quantised ? { search: (p: Float32Array, k: number) => quantised.nearest(p, k) } : {}),
  });
}
