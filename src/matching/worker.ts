/**
 * The matching worker's door: every probe is matched here, off the page's thread (Recognise,
 * Camera, Compare's names, the face detail view, the Dashboard's analysis and search timing).
 * Plain loops over the stored rows (core/nearest-rows.ts): no model, no WebAssembly.
 */
import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { analyseEvaluation } from '../core/evaluation/analyse';
import { measureSearchTimes } from '../core/evaluation/search-times';
import type { MatchRule } from '../core/matcher';
import { readEmbeddings } from '../storage/databases';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { keyed, matcherOf, readyRecord, type KeyedOutcome } from './stored-matcher';

export type { KeyedOutcome, KeyedPerson } from './stored-matcher';

/** A stored probe's outcome, or why it has none (no face, not embedded). */
export type StoredOutcome = KeyedOutcome | { error: string };

const cancelled = new Set<string>();
/** Probes read back from storage at a time: memory stays bounded however many there are. */
const chunkSize = 512;

async function match(
  databaseId: string,
  rule: MatchRule,
  embeddings: readonly Float32Array[],
  ranked: number,
): Promise<KeyedOutcome[]> {
  const record = await readyRecord(databaseId);
  const matcher = await matcherOf(record, rule);
  return embeddings.map((e) => {
    const { best, ranked: people } = matcher.match(e, ranked);
    return keyed(record, best, people);
  });
}

async function matchStored(
  jobId: string,
  databaseId: string,
  rule: MatchRule,
  probeIds: readonly string[],
  ranked: number,
  onProgress?: (done: number, total: number) => void,
): Promise<StoredOutcome[]> {
  try {
    const record = await readyRecord(databaseId);
    const matcher = await matcherOf(record, rule);
    const out: StoredOutcome[] = [];
    for (let start = 0; start < probeIds.length; start += chunkSize) {
      if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
      const chunk = probeIds.slice(start, start + chunkSize);
      const stored = await readEmbeddings(record.modelKey, chunk, 'probe');
      for (const id of chunk) {
        const embedding = stored.get(id)?.embedding;
        if (!embedding) out.push({ error: stored.get(id)?.error?.message ?? 'Not embedded' });
        else {
          const { best, ranked: people } = matcher.match(embedding, ranked);
          out.push(keyed(record, best, people));
        }
      }
      onProgress?.(out.length, probeIds.length);
    }
    return out;
  } finally {
    cancelled.delete(jobId);
  }
}

export const matchingApi = {
  match,
  matchStored,
  analyse: analyseEvaluation,
  searchTimes: measureSearchTimes,
  cancel(jobId: string): void {
    cancelled.add(jobId);
  },
};

export type MatchingApi = typeof matchingApi;

installErrorTransfer();
Comlink.expose(matchingApi);
