import { useWriteLock } from '../../state/write-lock';

/** Shown while a job of this tab waits for another Likeness tab's job to finish writing. */
export function WriteLockStatus() {
  const waiting = useWriteLock((s) => s.waiting);
  if (!waiting) return null;
  return (
    <p className="notice" role="status" data-testid="waiting-for-tab">
      Waiting for another Likeness tab: it is writing to this browser’s storage. This tab’s job starts as soon
      as that one ends.
    </p>
  );
}
