import { useEffect, useId, useState } from 'react';
import type { BackendPreference, CropMode, ModelSummary } from '../engine/engine-protocol';
import { engineClient, useEngine } from '../state/engine';
import { CustomModelDialog } from './CustomModelDialog';
import { formatBytes } from './dataset/StoragePanel';
import { engineWords } from './engine-words';

/** A model's name in the picker, with its size when choosing it means a download. */
function modelOption(model: ModelSummary, downloaded: readonly string[]): string {
  return model.downloadBytes > 0 && !downloaded.includes(model.id)
    ? `${model.label} (download ${formatBytes(model.downloadBytes)})`
    : model.label;
}

/** Shows the active backend and model, and lets the user override either. */
export function EngineBar() {
  const state = useEngine((s) => s.state);
  const settings = useEngine((s) => s.settings);
  const models = useEngine((s) => s.models);
  const downloaded = useEngine((s) => s.downloaded);
  const apply = useEngine((s) => s.apply);
  const [showCustom, setShowCustom] = useState(false);
  const backendId = useId();
  const modelId = useId();
  const cropId = useId();

  useEffect(() => {
    void apply({});
  }, [apply]);

  const info = state.status === 'ready' ? state.info : null;
  const chosen = models.find((m) => m.id === settings.modelId);
  const words = info ? engineWords(info.backend, info.workers) : null;
  return (
    <div className="engine-bar" role="group" aria-label="Face engine">
      <div className="engine-status">
        <span className={`status-dot ${state.status}`} aria-hidden />
        {state.status === 'loading' && <span data-testid="engine-status">{state.message}</span>}
        {state.status === 'error' && (
          <span role="alert" data-testid="engine-status" className="error-text">
            {state.message}
          </span>
        )}
        {info && words && (
          <div data-testid="engine-status" data-backend={info.backend.name} className="engine-summary">
            <span className="engine-words">
              <strong>{words.where}</strong>: {words.why}.
            </span>{' '}
            <details className="engine-details">
              <summary>
                Details (<span data-testid="backend-name">{info.backend.name}</span>)
              </summary>
              <dl>
                <dt>Why</dt>
                <dd>{info.backend.reason}</dd>
                <dt>WebGL renderer</dt>
                <dd data-testid="backend-renderer">{info.backend.renderer ?? 'none (no WebGL)'}</dd>
                <dt>tfjs backend</dt>
                <dd>
                  {info.backend.name}
                  {info.backend.name === 'wasm' &&
                    ` (SIMD ${info.backend.simd ? 'on' : 'off'}, ${info.backend.threads} thread${info.backend.threads > 1 ? 's' : ''} per worker)`}
                  , {info.workers} worker{info.workers > 1 ? 's' : ''}
                </dd>
                <dt>Cross-origin isolated</dt>
                <dd>
                  {info.backend.crossOriginIsolated ? 'yes (WASM threads allowed)' : 'no (one WASM thread)'}
                </dd>
                <dt>Model warm-up</dt>
                <dd>{Math.round(info.warmupMs)} ms</dd>
              </dl>
            </details>
          </div>
        )}
      </div>
      <div className="engine-settings">
        <span className="field">
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
        </span>
        <span className="field">
          <label htmlFor={modelId}>Model</label>
          <select
            id={modelId}
            value={settings.modelId}
            onChange={(e) => void apply({ modelId: e.target.value })}
          >
            {models.length === 0 && <option value={settings.modelId}>{settings.modelId}</option>}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {modelOption(m, downloaded)}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
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
        </span>
        <button type="button" onClick={() => setShowCustom(true)}>
          Load your own model…
        </button>
      </div>
      {chosen && (
        <p className="model-facts" data-testid="model-facts">
          <small>
            This model: {chosen.provenance} Licence: {chosen.licence}.
          </small>
        </p>
      )}
      {showCustom && (
        <CustomModelDialog
          onClose={() => setShowCustom(false)}
          load={async (files, spec) => {
            const loaded = await engineClient().loadCustomModel(files, spec);
            useEngine.setState({
              state: { status: 'ready', info: loaded },
              models: loaded.models,
              settings: { ...settings, modelId: loaded.model.id, cropMode: 'auto' },
            });
          }}
        />
      )}
    </div>
  );
}
