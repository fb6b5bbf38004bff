import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/tokens.css';
import './ui/kit/kit.css';

// window.likeness only in the builds the tests and scripts ask for (vite.config.ts): the mode is a
// constant at build time, so a plain build bundles none of it.
if (import.meta.env.MODE === 'automation' || import.meta.env.MODE === 'bench') {
  void import('./automation-install').then((automation) => automation.installAutomation());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
