import * as Comlink from 'comlink';
import type { ReferenceApi } from './reference-worker';

export interface ReferenceClient {
  api: Comlink.Remote<ReferenceApi>;
  terminate(): void;
}

/** Starts the bench's face-api reference worker (its own worker: the app's engine is untouched). */
export function createReferenceClient(): ReferenceClient {
  const worker = new Worker(new URL('./reference-worker.ts', import.meta.url), {
    type: 'module',
    name: 'likeness-reference',
  });
  return { api: Comlink.wrap<ReferenceApi>(worker), terminate: () => worker.terminate() };
}
