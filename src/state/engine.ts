import { create } from 'zustand';
import { errorMessage, LikenessError } from '../core/errors';
import { createEngineClient, defaultModelId, downloadedModels } from '../app/engine-door';
import type { EngineClient, PoolInfo, PoolSettings } from '../bridge/engine-pool';
import type { BackendPreference, CropMode, ModelSummary } from '../engine/engine-protocol';

const settingsKey = 'likeness.engine-settings';

function loadSettings(): PoolSettings {
  const fallback: PoolSettings = { backend: 'auto', modelId: defaultModelId, cropMode: 'auto' };
  try {
    const stored = JSON.parse(localStorage.getItem(settingsKey) ?? 'null') as Partial<PoolSettings> | null;
    return { ...fallback, ...(stored ?? {}) };
  } catch {
    return fallback;
  }
}

export type EngineState =
  | { status: 'loading'; message: string }
  | { status: 'ready'; info: PoolInfo }
  | { status: 'error'; message: string };

interface EngineStore {
  state: EngineState;
  settings: PoolSettings;
  /**
   * The built-in models that are downloaded when first picked (ModelSummary.downloadBytes > 0) and
   * are stored on this device already; read again whenever a model has loaded.
   */
  downloaded: string[];
  /** Every model the engine offers, as last told (kept while another one loads or fails to). */
  models: ModelSummary[];
  apply(changes: Partial<PoolSettings>): Promise<void>;
  setBackend(backend: BackendPreference): Promise<void>;
  setModel(modelId: string): Promise<void>;
  setCropMode(cropMode: CropMode | 'auto'): Promise<void>;
}

let client: EngineClient | null = null;
export function engineClient(): EngineClient {
  client ??= createEngineClient({
    // A lost WebGL context: the engine carried on with WASM, and the header says so.
    onBackendChange: (info) => useEngine.setState({ state: { status: 'ready', info } }),
  });
  return client;
}

export const useEngine = create<EngineStore>((set, get) => ({
  state: { status: 'loading', message: 'Starting the face engine…' },
  settings: loadSettings(),
  downloaded: [],
  models: [],
  async apply(changes) {
    const { downloaded, models } = get();
    const settings = { ...get().settings, ...changes };
    const model = models.find((m) => m.id === settings.modelId);
    const download = model && !downloaded.includes(model.id) ? model.downloadBytes : 0;
    const message = download
      ? `Downloading the model (${(download / 1e6).toFixed(1)} MB) and warming up…`
      : 'Loading model and warming up…';
    set({ settings, state: { status: 'loading', message } });
    localStorage.setItem(settingsKey, JSON.stringify(settings));
    try {
      const info = await engineClient().configure(settings);
      set({
        state: { status: 'ready', info },
        models: info.models,
        downloaded: await downloadedModels().catch(() => []),
      });
    } catch (error) {
      set({ state: { status: 'error', message: errorMessage(error) } });
    }
  },
  setBackend: (backend) => get().apply({ backend }),
  setModel: (modelId) => get().apply({ modelId }),
  setCropMode: (cropMode) => get().apply({ cropMode }),
}));

export const useEngineInfo = (): PoolInfo | null =>
  useEngine((s) => (s.state.status === 'ready' ? s.state.info : null));

/** Resolves once the engine is ready (at once if it is); rejects if it fails to start or on abort. */
export function whenEngineReady(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (state: EngineState) => {
      if (state.status === 'loading') return false;
      if (state.status === 'ready') resolve();
      else reject(new Error(`The face engine could not start: ${state.message}`));
      return true;
    };
    if (settle(useEngine.getState().state)) return;
    const stop = () => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new LikenessError('aborted', 'Cancelled'));
    };
    const unsubscribe = useEngine.subscribe((s) => {
      if (settle(s.state)) stop();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
