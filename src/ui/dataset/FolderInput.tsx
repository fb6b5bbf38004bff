import { useState, type DragEvent } from 'react';
import type { PickedFolder } from '../../bridge/importer';
import { entriesOf, folderFromEntries, folderFromInput } from '../../state/dataset';

interface Props {
  onFolder(folder: PickedFolder): void;
  disabled?: boolean;
  label: string;
  /** What to drop, after "or drop a folder here." */
  hint?: string;
  'data-testid'?: string;
}

/** A folder picker that is also a drop zone for a folder dragged from the file manager. */
export function FolderInput({
  onFolder,
  disabled = false,
  label,
  hint = 'One sub-folder per person.',
  ...rest
}: Props) {
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    // Entries must be taken now: the DataTransfer is emptied when this handler returns.
    const entries = entriesOf(e.dataTransfer);
    if (entries.length === 0) {
      setError(`Drop a folder. ${hint}`);
      return;
    }
    setError(null);
    folderFromEntries(entries)
      .then(onFolder)
      .catch((err: unknown) => setError(`The dropped folder could not be read: ${String(err)}`));
  }

  return (
    <div
      className={over ? 'ds-drop ds-drop-over' : 'ds-drop'}
      data-testid="folder-drop"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label className="ds-pick">
        {label}
        <input
          type="file"
          multiple
          disabled={disabled}
          data-testid={rest['data-testid'] ?? 'folder-input'}
          // webkitdirectory is not in React's attribute types; set it on the element.
          ref={(input) => {
            if (input) input.webkitdirectory = true;
          }}
          onChange={(e) => {
            const input = e.currentTarget;
            const folder = folderFromInput(input.files ?? []);
            // Cleared so picking the same folder again (to resume) fires another change.
            input.value = '';
            setError(null);
            onFolder(folder);
          }}
        />
      </label>
      <span className="muted"> or drop a folder here. {hint}</span>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
