/**
 * Installs window.likeness (src/automation.ts). Loaded by src/main.tsx only in the builds the tests
 * and scripts ask for (`vite build --mode automation|bench`), so a plain build bundles none of it.
 */
import { checkLfwPairs, evaluateLfwPairs } from './app/lfw';
import { createEngineClient } from './bridge/engine-pool';
import { engineClient } from './state/engine';
import { currentLibraryFaces, currentLibraryReport } from './state/library-report';
import { snapshot } from './state/snapshot';

export async function installAutomation(): Promise<void> {
  // Constant-folded at build time: only the bench build bundles face-api's reference worker.
  const reference =
    import.meta.env.MODE === 'bench' ? (await import('./bench/reference')).createReferenceClient : undefined;
  window.likeness = {
    engine: engineClient(),
    snapshot,
    libraryReport: currentLibraryReport,
    libraryFaces: currentLibraryFaces,
    bench: { engine: createEngineClient, ...(reference ? { reference } : {}) },
    lfw: {
      check: checkLfwPairs,
      evaluate: (datasetId, pairsText, onProgress) =>
        evaluateLfwPairs(engineClient(), datasetId, pairsText, { onProgress }),
    },
  };
}
