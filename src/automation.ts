import type { EngineClient } from './bridge/engine';

/**
 * The app's automation surface, used by the e2e tests, `npm run evaluate`
 * and `npm run bench`. It exposes the same engine client the UI uses.
 */
export interface Automation {
  engine: EngineClient;
}

declare global {
  interface Window {
    likeness?: Automation;
  }
}

export function exposeAutomation(automation: Automation): void {
  window.likeness = automation;
}
