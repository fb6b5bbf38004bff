import { useEffect, useId, useState } from 'react';
import type { BackendPreference, CropMode } from '../engine/protocol';
import { engineClient, useEngine } from '../state/engine';
import { CustomModelDialog } from './CustomModelDialog';

/** Shows the active backend and model, and lets the user override either. */
export function EngineBar() {
  const state = useEngine((s) => s.state);
  const settings = useEngine((s) => s.settings);
  const apply = useEngine((s) => s.apply);
  const [showCustom, setShowCustom] = useState(false);
  const backendId = useId();
  const modelId = useId();
  const cropId = useId();

  useEffect(() => {
    void apply({});
  }, [apply]);

  const info = state.status === 'ready' ? state.info : null;
  return (
    <div className="engine-bar" aria-label="Face engine">
      <span className={`status-dot ${state.status}`} aria-hidden />
      {state.status === 'loading' && <span data-testid="engine-status">{state.message}</span>}
      {state.status === 'error' && (
        <span role="alert" data-testid="engine-status" className="error-text">
          {state.message}
        </span>
      )}
      {info && (
        <span data-testid="engine-status" title={info.backend.reason}>
          Backend <strong data-testid="backend-name">{info.backend.name}</strong>
          {info.backend.name === 'wasm' &&
            ` (SIMD ${info.backend.simd ? 'on' : 'off'}, ${info.backend.threads} thread${info.backend.threads > 1 ? 's' : ''}${info.workers > 1 ? ` × ${info.workers} workers` : ''})`}
          {' · '}
          <span className="muted">{info.backend.reason}</span>
        </span>
      )}
      <label htmlFor={backendId}>Backend</label>
      <select
        id={backendId}
        value={settings.backend}
        onChange={(e) => void apply({ backend: e.target.value as BackendPreference })}
      >
        <option value="auto">Auto (fastest real)</option>
        <option value="webgl">WebGL</option>
        <option value="wasm">WASM</option>
        <option value="cpu">CPU</option>
      </select>
      <label htmlFor={modelId}>Model</label>
      <select id={modelId} value={settings.modelId} onChange={(e) => void apply({ modelId: e.target.value })}>
        {(info?.models ?? [{ id: settings.modelId, label: settings.modelId }]).map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <label htmlFor={cropId}>Face crop</label>
      <select
        id={cropId}
        value={settings.cropMode}
        onChange={(e) => void apply({ cropMode: e.target.value as CropMode | 'auto' })}
      >
        <option value="auto">Auto{info ? ` (${info.cropMode})` : ''}</option>
        <option value="whole">Whole image</option>
        <option value="detect">Detected box</option>
        <option value="align">Detected and aligned</option>
      </select>
      <button type="button" onClick={() => setShowCustom(true)}>
        Load your own model…
      </button>
      {showCustom && (
        <CustomModelDialog
          onClose={() => setShowCustom(false)}
          load={async (files, spec) => {
            const loaded = await engineClient().loadCustomModel(files, spec);
            useEngine.setState({
              state: { status: 'ready', info: loaded },
              settings: { ...settings, modelId: loaded.model.id, cropMode: 'auto' },
            });
          }}
        />
      )}
    </div>
  );
}
