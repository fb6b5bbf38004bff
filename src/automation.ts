import type { LfwReport } from './app/lfw';
import type { LibraryFaceReport } from './app/library';
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
  /** The photo library shown on "Your photos". */
  library: {
    id: string;
    name: string;
    photos: number;
    /** The library's own status: 'finding', 'grouping' or 'ready'. */
    status: string;
    /** The running job's phase, or its end: 'import' | 'faces' | 'group' | 'done' | 'error' | 'cancelled' | 'idle'. */
    job: string;
    groups: number | null;
    people: number;
  } | null;
  /** Library jobs started since the page loaded, and the last one's phase or end (as `library.job`). */
  libraryJob: { runs: number; job: string };
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
   * For `npm run cluster`: every face of the library on "Your photos", with its photo's path below the
   * picked folder, its box in pixels of the upright photo and its group (null when in none).
   */
  libraryReport(): Promise<{ photos: number; groups: number; faces: LibraryFaceReport[] } | null>;
  /** For tuning the grouping offline: the same faces' vectors (n × dim, flat) and quality. */
  libraryFaces(): Promise<{
    faceIds: string[];
    dim: number;
    quality: { size: number; score: number; sharpness: number }[];
    vectors: number[];
  } | null>;
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
