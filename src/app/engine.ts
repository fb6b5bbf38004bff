/** The engine's door (worker pool), for the engine store: stores reach the bridge only through the app layer. */
export { createEngineClient, defaultModelId, thresholdsOf } from '../bridge/engine';
