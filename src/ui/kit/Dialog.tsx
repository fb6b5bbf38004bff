import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

/**
 * A modal dialog on the native <dialog>: the browser moves focus in, keeps it there, makes the page
 * behind inert and closes it on Escape; a click on the backdrop closes it too, and focus returns
 * to what opened it. Its content exists only while it is open. (Radix's Dialog would add 14 kB
 * gzipped and React Aria's 29 kB for what the platform does here: see the kit's commit.)
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  variant,
  testId,
  closeTestId,
  ...data
}: {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  children: ReactNode;
  /** `sheet`: the full height at the right edge; `wide`: up to 760 px. */
  variant?: 'sheet' | 'wide';
  testId?: string;
  closeTestId?: string;
  [data: `data-${string}`]: string | undefined;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function closed() {
    const back = opener.current;
    opener.current = null;
    onClose();
    if (back?.isConnected) back.focus();
  }

  return (
    <dialog
      ref={ref}
      className={variant ? `dialog ${variant}` : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      {...data}
      // React passes a nested dialog's close event up to this one: only its own counts.
      onClose={(e) => e.target === e.currentTarget && closed()}
      onClick={(e) => {
        // The dialog box itself, outside its content, is the backdrop.
        if (e.target === e.currentTarget) ref.current?.close();
      }}
    >
      {open && (
        <>
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="icon"
              aria-label="Close"
              onClick={() => ref.current?.close()}
              data-testid={closeTestId}
            >
              <X size={20} aria-hidden />
            </button>
          </div>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
