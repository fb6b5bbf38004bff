import { useState, type ReactNode } from 'react';
import type { PickedFolder } from '../../bridge/importer';
import { entriesOf, folderFromEntries, folderFromInput } from '../../state/dataset';
import { DropZone } from '../kit/DropZone';

const datasetHint = (
  <>
    One folder per person inside it, named after them, such as <code>pins_Amber Heard/</code>.
  </>
);

/**
 * A drop zone for a folder, picked or dropped anywhere on the page: by default the Dataset tab's
 * folder of labelled photos; "Your photos" passes its own words.
 */
export function FolderInput({
  onFolder,
  disabled = false,
  summary,
  title = 'Drop a folder of labelled photos',
  hint = datasetHint,
  buttonLabel = summary ? 'Add another folder' : 'Choose folder',
  testId = 'folder-drop',
  inputTestId = 'folder-input',
}: {
  onFolder(folder: PickedFolder): void;
  disabled?: boolean;
  title?: string;
  hint?: ReactNode;
  buttonLabel?: string;
  testId?: string;
  inputTestId?: string;
  /** After an import: one line about it, and the zone shrinks to that line. */
  summary?: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);

  function onDrop(data: DataTransfer) {
    // Entries must be taken now: the DataTransfer is emptied when the drop handler returns.
    const entries = entriesOf(data);
    if (entries.length === 0) {
      setError(
        typeof hint === 'string'
          ? `Drop a folder. ${hint}`
          : 'Drop a folder, with one folder per person inside it.',
      );
      return;
    }
    setError(null);
    folderFromEntries(entries)
      .then(onFolder)
      .catch((err: unknown) => setError(`The dropped folder could not be read: ${String(err)}`));
  }

  return (
    <DropZone
      kind="folder"
      title={title}
      hint={hint}
      buttonLabel={buttonLabel}
      overlayTitle="Drop the folder to import it"
      summary={summary}
      disabled={disabled}
      onDrop={onDrop}
      onPick={(files) => {
        setError(null);
        onFolder(folderFromInput(files));
      }}
      testId={testId}
      inputTestId={inputTestId}
    >
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </DropZone>
  );
}

/** A button that picks a folder (no drop zone): resuming an interrupted import. */
export function PickFolderButton({
  label,
  onFolder,
  disabled,
  testId,
}: {
  label: string;
  onFolder(folder: PickedFolder): void;
  disabled?: boolean;
  testId: string;
}) {
  const [input, setInput] = useState<HTMLInputElement | null>(null);
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => input?.click()}>
        {label}
      </button>
      <input
        ref={(el) => {
          setInput(el);
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        hidden
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const folder = folderFromInput(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = '';
          onFolder(folder);
        }}
      />
    </>
  );
}
