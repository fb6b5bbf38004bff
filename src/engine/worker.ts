/**
 * The engine worker's door: one session (backend, models, running jobs) and the calls the bridge
 * may make on it. Each concern lives in its own module: session.ts (backend setup and WebGL
 * context loss), custom-model.ts, live.ts (images handed over by the page), stored-job.ts
 * (stored images and their write-behind queue).
 */
import * as Comlink from 'comlink';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { loadCustomModel } from './custom-model';
import { embed, embedAllFaces, faceCrop } from './live';
import {
  configure,
  createSession,
  currentModelKey,
  memory,
  simulateContextLoss,
  type EngineSession,
} from './session';
import { embedStored } from './stored-job';
import { findFacesStored } from './library-job';
import { knnPart } from './knn';
import { groupFaces } from '../core/library/grouping';
import type { EngineInfo } from './engine-protocol';

const session = createSession();

/** Binds a module's function to this worker's session. */
const withSession =
  <A extends unknown[], R>(call: (session: EngineSession, ...args: A) => R) =>
  (...args: A): R =>
    call(session, ...args);

export const engineApi = {
  embedStored: withSession(embedStored),
  findFacesStored: withSession(findFacesStored),
  knnPart: withSession(knnPart),
  /** Grouping is pure (core/library/grouping.ts): it runs here only to keep the page responsive. */
  groupFaces,
  modelKey: withSession(currentModelKey),
  init: withSession(configure),
  configure: withSession(configure),
  loadCustomModel: withSession(loadCustomModel),
  embed: withSession(embed),
  embedAllFaces: withSession(embedAllFaces),
  faceCrop: withSession(faceCrop),
  cancel(jobId: string): void {
    session.cancelled.add(jobId);
  },
  /** Tells `listener` whenever the engine switches backend by itself (after a lost WebGL context). */
  watchEngine(listener: (info: EngineInfo) => void): void {
    session.engineListener = listener;
  },
  simulateContextLoss,
  memory,
};

export type EngineApi = typeof engineApi;

installErrorTransfer();
Comlink.expose(engineApi);
