import { create } from 'zustand';
import { createEngineClient, type EngineClient, type EngineSettings } from '../bridge/engine';
import type { BackendPreference, CropMode, EngineInfo } from '../engine/protocol';

const settingsKey = 'likeness.engine-settings';

function loadSettings(): EngineSettings {
  const fallback: EngineSettings = { backend: 'auto', modelId: 'faceres', cropMode: 'auto' };
  try {
    const stored = JSON.parse(localStorage.getItem(settingsKey) ?? 'null') as Partial<EngineSettings> | null;
    return { ...fallback, ...(stored ?? {}) };
  } catch {
    return fallback;
  }
}

export type EngineState =
  | { status: 'loading'; message: string }
  | { status: 'ready'; info: EngineInfo }
  | { status: 'error'; message: string };

interface EngineStore {
  state: EngineState;
  settings: EngineSettings;
  apply(changes: Partial<EngineSettings>): Promise<void>;
  setBackend(backend: BackendPreference): Promise<void>;
  setModel(modelId: string): Promise<void>;
  setCropMode(cropMode: CropMode | 'auto'): Promise<void>;
}

let client: EngineClient | null = null;
export function engineClient(): EngineClient {
  client ??= createEngineClient();
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
      set({ state: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },
  setBackend: (backend) => get().apply({ backend }),
  setModel: (modelId) => get().apply({ modelId }),
  setCropMode: (cropMode) => get().apply({ cropMode }),
}));

export const useEngineInfo = (): EngineInfo | null =>
  useEngine((s) => (s.state.status === 'ready' ? s.state.info : null));
