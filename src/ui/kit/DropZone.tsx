import { FolderOpen, ImagePlus } from 'lucide-react';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import './drop-zone.css';

/**
 * Where files come in: a zone with a "Choose" button (only the button on a phone), and while files
 * are dragged anywhere over the window, a full-window overlay that takes the drop. After a drop the
 * page passes a one-line `summary` and the zone shrinks to it. The <input type="file"> itself is
 * hidden; the button opens it.
 */
export function DropZone({
  kind,
  title,
  hint,
  buttonLabel,
  overlayTitle,
  summary,
  disabled = false,
  onDrop,
  onPick,
  testId,
  inputTestId,
  actions,
  children,
}: {
  kind: 'folder' | 'photos';
  title: string;
  hint?: ReactNode;
  buttonLabel: string;
  overlayTitle: string;
  summary?: ReactNode;
  disabled?: boolean;
  /** Called inside the drop event: its DataTransfer is emptied once the handler returns. */
  onDrop(data: DataTransfer): void;
  onPick(files: File[]): void;
  testId: string;
  inputTestId: string;
  /** More buttons beside the "Choose" one. */
  actions?: ReactNode;
  /** A message under the zone: an error about the last drop. */
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const Icon = kind === 'folder' ? FolderOpen : ImagePlus;

  const dropped = useEffectEvent((e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!disabled && e.dataTransfer) onDrop(e.dataTransfer);
  });
  const allowed = useEffectEvent(() => !disabled);
  useEffect(() => {
    let depth = 0;
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(allowed());
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = allowed() ? 'copy' : 'none';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      dropped(e);
    };
    addEventListener('dragenter', enter);
    addEventListener('dragover', over);
    addEventListener('dragleave', leave);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragenter', enter);
      removeEventListener('dragover', over);
      removeEventListener('dragleave', leave);
      removeEventListener('drop', drop);
    };
  }, []);

  const button = (
    <button
      type="button"
      className={summary ? 'ghost' : undefined}
      disabled={disabled}
      onClick={() => input.current?.click()}
    >
      {!summary && <Icon size={18} aria-hidden />}
      {buttonLabel}
    </button>
  );
  return (
    <div className={summary ? 'drop-zone compact' : 'drop-zone'} data-testid={testId}>
      {summary ? (
        <span>{summary}</span>
      ) : (
        <>
          <Icon className="drop-zone-icon" size={32} aria-hidden />
          <span className="drop-zone-title">{title}</span>
          {hint && <span className="drop-zone-hint">{hint}</span>}
        </>
      )}
      <div className="actions">
        {button}
        {actions}
      </div>
      <input
        ref={(el) => {
          input.current = el;
          // webkitdirectory is not in React's attribute types; set it on the element.
          if (el) el.webkitdirectory = kind === 'folder';
        }}
        type="file"
        multiple
        accept={kind === 'photos' ? 'image/*' : undefined}
        hidden
        disabled={disabled}
        data-testid={inputTestId}
        onChange={(e) => {
          const el = e.currentTarget;
          const files = Array.from(el.files ?? []);
          if (files.length) onPick(files);
          // Cleared, so that picking the same files again fires another change.
          el.value = '';
        }}
      />
      {children}
      {dragging && (
        <div className="drop-overlay" aria-hidden>
          <div className="drop-overlay-card">
            <Icon className="drop-zone-icon" size={40} />
            <strong>{overlayTitle}</strong>
            {hint && <span className="drop-zone-hint">{hint}</span>}
          </div>
        </div>
      )}
    </div>
  );
}
