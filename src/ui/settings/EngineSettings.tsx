import { useState } from 'react';
import type { BackendPreference, CropMode, ModelSummary } from '../../engine/engine-protocol';
import { engineClient, useEngine } from '../../state/engine';
import { Field } from '../kit/Field';
import { CustomModelDialog } from './CustomModelDialog';
import { formatBytes } from './StoragePanel';

/** A model's name in the picker, with its size when choosing it means a download. */
function modelOption(model: ModelSummary, downloaded: readonly string[]): string {
  return model.downloadBytes > 0 && !downloaded.includes(model.id)
    ? `${model.label} (download ${formatBytes(model.downloadBytes)})`
    : model.label;
}

/** The engine's settings, for someone who knows what they change: model, backend, face crop, own model. */
export function EngineSettings() {
  const state = useEngine((s) => s.state);
  const settings = useEngine((s) => s.settings);
  const models = useEngine((s) => s.models);
  const downloaded = useEngine((s) => s.downloaded);
  const apply = useEngine((s) => s.apply);
  const [showCustom, setShowCustom] = useState(false);
  const info = state.status === 'ready' ? state.info : null;
  const chosen = models.find((m) => m.id === settings.modelId);

  return (
    <div className="stack">
      <Field label="Model" help="The network that turns a face into numbers to compare.">
        {(control) => (
          <select
            {...control}
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
        )}
      </Field>
      {chosen && (
        <p className="help model-facts" data-testid="model-facts">
          This model: {chosen.provenance} Licence: {chosen.licence}.
        </p>
      )}
      <Field label="Backend" help="Where the maths runs. Auto picks the fastest this device really has.">
        {(control) => (
          <select
            {...control}
            value={settings.backend}
            onChange={(e) => void apply({ backend: e.target.value as BackendPreference })}
          >
            <option value="auto">Auto (fastest real)</option>
            <option value="webgl">WebGL (the GPU)</option>
            <option value="wasm">WASM (the CPU)</option>
            <option value="cpu">CPU (plain JavaScript)</option>
          </select>
        )}
      </Field>
      <Field label="Face crop" help="What part of the photo the model is shown.">
        {(control) => (
          <select
            {...control}
            value={settings.cropMode}
            onChange={(e) => void apply({ cropMode: e.target.value as CropMode | 'auto' })}
          >
            <option value="auto">Auto{info ? ` (${info.cropMode})` : ''}</option>
            <option value="whole">Whole image</option>
            <option value="detect">Detected box</option>
            <option value="align">Detected and aligned</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="button" onClick={() => setShowCustom(true)} aria-haspopup="dialog">
          Load your own model…
        </button>
      </div>
      <CustomModelDialog
        open={showCustom}
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
    </div>
  );
}
