import { useState } from 'react';
import type { BackendPreference, CropMode } from '../../engine/protocol';
import { engineClient, useEngine } from '../../state/engine';
import { Field } from '../kit/Field';
import { CustomModelDialog } from './CustomModelDialog';

/** The engine's settings, for someone who knows what they change: model, backend, face crop, own model. */
export function EngineSettings() {
  const state = useEngine((s) => s.state);
  const settings = useEngine((s) => s.settings);
  const apply = useEngine((s) => s.apply);
  const [showCustom, setShowCustom] = useState(false);
  const info = state.status === 'ready' ? state.info : null;

  return (
    <div className="stack">
      <Field label="Model" help="The network that turns a face into numbers to compare.">
        {(control) => (
          <select
            {...control}
            value={settings.modelId}
            onChange={(e) => void apply({ modelId: e.target.value })}
          >
            {(info?.models ?? [{ id: settings.modelId, label: settings.modelId }]).map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
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
            settings: { ...settings, modelId: loaded.model.id, cropMode: 'auto' },
          });
        }}
      />
    </div>
  );
}
