import type { LfwReport } from './app/lfw';
import type { ReferenceClient } from './bench/reference';
import type { EngineClient } from './bridge/engine-pool';

/** What `npm run evaluate` and the tests read back after driving the UI. */
export interface AutomationSnapshot {
  engine: {
    backend: string;
    threads: number;
    /** Engine workers sharing stored-image jobs. */
    workers: number;
    model: string;
    /** The embedder's input: faces are cut out as inputSize × inputSize crops. */
    inputSize: number;
    cropMode: string;
  } | null;
  dataset: {
    id: string;
    name: string;
    people: number;
    images: number;
    skipped: number;
    status: string;
  } | null;
  databases: { id: string; name: string; perPerson: number; status: string; people: number }[];
  selectedDatabaseId: string | null;
  outcomes: { tested: number; databaseId: string | null } | null;
}

/**
 * The app's automation surface, used by the e2e tests, `npm run evaluate` and `npm run bench`: the
 * engine client the UI uses, and a read-only snapshot of app state. Actions go through the UI itself.
 * Only builds made with `--mode automation` or `--mode bench` have it (src/automation-install.ts).
 */
export interface Automation {
  engine: EngineClient;
  snapshot(): AutomationSnapshot;
  /**
   * For `npm run bench` and the CSP test: a fresh engine worker (so a run can choose its backend and
   * WASM threads before WASM starts); in the bench build only, face-api's reference pipeline in a
   * worker of its own.
   */
  bench: { engine(): EngineClient; reference?: () => ReferenceClient };
  /**
   * For `npm run evaluate -- <lfw-dir> --pairs FILE`: `check` parses a pairs file (throwing with the
   * line at fault) before anything is imported; `evaluate` runs the LFW k-fold verification protocol
   * on a loaded dataset, embedding through the app's engine client (embedStored, cached in IndexedDB).
   */
  lfw: {
    check(pairsText: string): { folds: number; perFold: number; pairs: number };
    evaluate(
      datasetId: string,
      pairsText: string,
      onProgress?: (done: number, total: number, failed: number) => void,
    ): Promise<LfwReport>;
  };
}

declare global {
  interface Window {
    likeness?: Automation;
  }
}
