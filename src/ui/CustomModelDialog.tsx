import { useState, type FormEvent } from 'react';
import { errorMessage } from '../core/errors';
import type { CustomModelSpec } from '../engine/engine-protocol';

interface Props {
  onClose(): void;
  load(files: File[], spec: CustomModelSpec): Promise<void>;
}

/** Loads a user's own tfjs face embedder (e.g. FaceNet converted with tensorflowjs_converter). */
export function CustomModelDialog({ onClose, load }: Props) {
  const [files, setFiles] = useState<File[]>([]);
  const [label, setLabel] = useState('My FaceNet');
  const [inputSize, setInputSize] = useState(160);
  const [normalization, setNormalization] = useState<CustomModelSpec['normalization']>('prewhiten');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await load(files, { label, inputSize, normalization });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label="Load your own model">
      <form className="dialog" onSubmit={(e) => void submit(e)}>
        <h2>Load your own face model</h2>
        <p className="muted">
          A tfjs model (<code>model.json</code> plus its <code>.bin</code> weight files) that maps a square
          RGB face to one embedding vector. It stays on this device.
        </p>
        <label>
          Files
          <input
            type="file"
            multiple
            accept=".json,.bin"
            data-testid="custom-model-files"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </label>
        <label>
          Name
          <input value={label} onChange={(e) => setLabel(e.target.value)} required />
        </label>
        <label>
          Input size (pixels)
          <input
            type="number"
            min={32}
            max={512}
            value={inputSize}
            onChange={(e) => setInputSize(Number(e.target.value))}
            required
          />
        </label>
        <label>
          Input normalisation
          <select
            value={normalization}
            onChange={(e) => setNormalization(e.target.value as CustomModelSpec['normalization'])}
          >
            <option value="prewhiten">Per-image standardisation (FaceNet prewhiten)</option>
            <option value="-1-1">[-1, 1]</option>
            <option value="arcface">(x − 127) / 128 (InsightFace / ArcFace)</option>
            <option value="0-1">[0, 1]</option>
            <option value="0-255">0–255</option>
          </select>
        </label>
        {error && (
          <p role="alert" className="error-text" data-testid="custom-model-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || files.length === 0}>
            {busy ? 'Loading…' : 'Load model'}
          </button>
        </div>
      </form>
    </div>
  );
}
