import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { whenCrashed } from './worker-crash';
import type { ImporterApi } from '../importer/worker';
import type { ImportProgress, ImportRequest, ImportResult } from '../importer/import-protocol';

export type {
  ImportProgress,
  ImportRequest,
  ImportResult,
  PickedFile,
  PickedFolder,
} from '../importer/import-protocol';

/**
 * The one door from the UI to the importer worker (decoding, thumbnails and IndexedDB writes for
 * dataset import), separate from the ML engine so an import never waits behind a model.
 */
export interface ImporterClient {
  importFolder(
    request: ImportRequest,
    options?: { signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void },
  ): Promise<ImportResult>;
  terminate(): void;
}

let jobCounter = 0;

export function createImporterClient(): ImporterClient {
  installErrorTransfer();
  const worker = new Worker(new URL('../importer/worker.ts', import.meta.url), {
    type: 'module',
    name: 'likeness-importer',
  });
  const api = Comlink.wrap<ImporterApi>(worker);
  const crashed = whenCrashed(worker, 'invalid-import', 'import worker');

  return {
    async importFolder(request, { signal, onProgress } = {}) {
      if (signal?.aborted) throw new LikenessError('aborted', 'Import cancelled');
      const jobId = `import-${++jobCounter}`;
      const onAbort = () => void api.cancel(jobId);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await Promise.race([
          api.importFolder(jobId, request, onProgress ? Comlink.proxy(onProgress) : undefined),
          crashed,
        ]);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
