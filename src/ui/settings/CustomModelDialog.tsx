import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../core/errors';
import type { CustomModelSpec } from '../../engine/engine-protocol';
import { Dialog } from '../kit/Dialog';
import { Field } from '../kit/Field';

interface Props {
  open: boolean;
  onClose(): void;
  load(files: File[], spec: CustomModelSpec): Promise<void>;
}

/** Loads a user's own tfjs face embedder (e.g. FaceNet converted with tensorflowjs_converter). */
export function CustomModelDialog({ open, onClose, load }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title="Load your own model">
      <CustomModelForm onClose={onClose} load={load} />
    </Dialog>
  );
}

function CustomModelForm({ onClose, load }: Omit<Props, 'open'>) {
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
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <p className="muted">
        A tfjs model (<code>model.json</code> plus its <code>.bin</code> weight files) that turns a square
        colour photo of a face into one list of numbers. It stays on this device.
      </p>
      <Field label="Files" help={files.length ? `${files.length} chosen` : 'model.json and its .bin files'}>
        {(control) => (
          <input
            {...control}
            type="file"
            multiple
            accept=".json,.bin"
            data-testid="custom-model-files"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        )}
      </Field>
      <Field label="Name">
        {(control) => (
          <input {...control} value={label} onChange={(e) => setLabel(e.target.value)} required />
        )}
      </Field>
      <Field label="Input size (pixels)">
        {(control) => (
          <input
            {...control}
            type="number"
            min={32}
            max={512}
            value={inputSize}
            onChange={(e) => setInputSize(Number(e.target.value))}
            required
          />
        )}
      </Field>
      <Field label="Input normalisation">
        {(control) => (
          <select
            {...control}
            value={normalization}
            onChange={(e) => setNormalization(e.target.value as CustomModelSpec['normalization'])}
          >
            <option value="prewhiten">Per-image standardisation (FaceNet prewhiten)</option>
            <option value="-1-1">[-1, 1]</option>
            <option value="arcface">(x − 127) / 128 (InsightFace / ArcFace)</option>
            <option value="0-1">[0, 1]</option>
            <option value="0-255">0–255</option>
          </select>
        )}
      </Field>
      {error && (
        <p role="alert" className="error-text" data-testid="custom-model-error">
          {error}
        </p>
      )}
      <div className="actions end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || files.length === 0}>
          {busy ? 'Loading…' : 'Load model'}
        </button>
      </div>
    </form>
  );
}
