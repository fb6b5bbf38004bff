import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import type { DashboardReport } from '../core/evaluation/analyse';
import type { EvaluationData } from '../core/evaluation/data';
import type { SearchTiming } from '../core/evaluation/search-times';
import type { MatchRule } from '../core/matcher';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { whenCrashed } from './worker-crash';
import type { KeyedOutcome, MatchingApi, StoredOutcome } from '../matching/worker';

export type { KeyedOutcome, KeyedPerson, StoredOutcome } from '../matching/worker';

/**
 * The one door to the matching worker: faces against a stored face database under a matching rule,
 * and the Dashboard's analysis of stored embeddings. `ranked` is how many people each face lists.
 */
export interface MatchingClient {
  match(
    databaseId: string,
    rule: MatchRule,
    embeddings: Float32Array[],
    ranked: number,
  ): Promise<KeyedOutcome[]>;
  /** Stored probe embeddings (by image id), read back in the worker; one outcome per id, in order. */
  matchStored(
    databaseId: string,
    rule: MatchRule,
    probeIds: string[],
    ranked: number,
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<StoredOutcome[]>;
  analyse(data: EvaluationData, sizes?: readonly number[]): Promise<DashboardReport>;
  searchTimes(data: EvaluationData, size: number): Promise<SearchTiming[]>;
  terminate(): void;
}

let jobCounter = 0;

export function createMatchingClient(): MatchingClient {
  installErrorTransfer();
  const worker = new Worker(new URL('../matching/worker.ts', import.meta.url), {
    type: 'module',
    name: 'likeness-matching',
  });
  const api = Comlink.wrap<MatchingApi>(worker);
  const crashed = whenCrashed(worker, 'invalid-argument', 'matching worker');
  const call = <T>(promise: Promise<T>) => Promise.race([promise, crashed]);

  return {
    match: (databaseId, rule, embeddings, ranked) => call(api.match(databaseId, rule, embeddings, ranked)),
    async matchStored(databaseId, rule, probeIds, ranked, { signal, onProgress } = {}) {
      if (signal?.aborted) throw new LikenessError('aborted', 'Cancelled');
      const jobId = `match-${++jobCounter}`;
      const onAbort = () => void api.cancel(jobId);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await call(
          api.matchStored(jobId, databaseId, rule, probeIds, ranked, onProgress && Comlink.proxy(onProgress)),
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    analyse: (data, sizes) => call(api.analyse(data, sizes)),
    searchTimes: (data, size) => call(api.searchTimes(data, size)),
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
