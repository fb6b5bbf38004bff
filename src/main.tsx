import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { checkLfwPairs, evaluateLfwPairs } from './app/lfw';
import { exposeAutomation } from './automation';
import { createReferenceClient } from './bench/reference';
import { createEngineClient } from './bridge/engine';
import { engineClient } from './state/engine';
import { currentLibraryFaces, currentLibraryReport } from './state/library';
import { snapshot } from './state/snapshot';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/tokens.css';
import './ui/styles.css';

exposeAutomation({
  engine: engineClient(),
  snapshot,
  libraryReport: currentLibraryReport,
  libraryFaces: currentLibraryFaces,
  bench: { engine: createEngineClient, reference: createReferenceClient },
  lfw: {
    check: checkLfwPairs,
    evaluate: (datasetId, pairsText, onProgress) =>
      evaluateLfwPairs(engineClient(), datasetId, pairsText, { onProgress }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
