import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { createEngineClient, defaultModelId } from '../app/engine';
import type { EngineClient, PoolInfo, PoolSettings } from '../bridge/engine';
import type { BackendPreference, CropMode } from '../engine/protocol';

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
  async apply(changes) {
    const settings = { ...get().settings, ...changes };
    set({ settings, state: { status: 'loading', message: 'Loading model and warming up…' } });
    localStorage.setItem(settingsKey, JSON.stringify(settings));
    try {
      const info = await engineClient().configure(settings);
      set({ state: { status: 'ready', info } });
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
