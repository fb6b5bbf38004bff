import { useEffect, useMemo, useState } from 'react';
import type { ModelKey } from '../../core/model-key';
import type { LibraryView } from '../../core/library/view';
import { useLibrary, type FaceId } from '../../state/library';
import { Details } from '../kit/Details';
import { FaceGroup, type Shown } from './FaceGroup';
import { FacePhotoDialog } from './FacePhotoDialog';
import { count } from './LibraryJob';
import { SelectionBar } from './SelectionBar';

/** Groups drawn at first; "Show more groups" adds as many again. */
const pageSize = 30;

/** Undo and redo, by button and by Ctrl/Cmd+Z (Shift for redo) outside text fields. */
function UndoButtons() {
  const { undo, redo } = useLibrary();
  const canUndo = useLibrary((s) => (s.state?.history.undo.length ?? 0) > 0);
  const canRedo = useLibrary((s) => (s.state?.history.redo.length ?? 0) > 0);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const t = e.target;
      if (t instanceof HTMLInputElement && t.type === 'text') return;
      if (t instanceof HTMLTextAreaElement) return;
      e.preventDefault();
      void (e.shiftKey ? redo() : undo());
    }
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [undo, redo]);
  return (
    <div className="actions">
      <button type="button" onClick={() => void undo()} disabled={!canUndo} data-testid="library-undo">
        Undo
      </button>
      <button type="button" onClick={() => void redo()} disabled={!canRedo} data-testid="library-redo">
        Redo
      </button>
    </div>
  );
}

/** The people and groups of a library, largest first, with everything a person does to them. */
export function LibraryPeople({ modelKey, view }: { modelKey: ModelKey; view: LibraryView }) {
  const [selected, setSelected] = useState<ReadonlySet<FaceId>>(new Set());
  const [open, setOpen] = useState<FaceId | null>(null);
  const [limit, setLimit] = useState(pageSize);
  const ignorePerson = useLibrary((s) => s.ignorePerson);
  const shown = useMemo<Shown[]>(
    () => [
      ...view.people.map((p) => ({
        key: p.person.id,
        personId: p.person.id,
        faces: [...p.confirmed, ...p.grouped],
        title: p.person.name || 'Not named yet',
        label: p.person.name || `Not named yet (${count(p.confirmed.length + p.grouped.length, 'face')})`,
      })),
      ...view.groups.map((g, i) => ({
        key: g.key,
        faces: g.faces,
        title: null,
        label: `Group ${i + 1} (${count(g.faces.length, 'face')})`,
      })),
    ],
    [view],
  );
  // Picks of faces that left every group on screen no longer count.
  const picked = useMemo(() => {
    const all = new Set(shown.flatMap((s) => s.faces));
    return new Set([...selected].filter((f) => all.has(f)));
  }, [shown, selected]);
  const toggle = (face: FaceId) =>
    setSelected((now) => {
      const next = new Set(now);
      if (!next.delete(face)) next.add(face);
      return next;
    });
  return (
    <div className="library-people" data-testid="library-groups">
      <div className="library-people-head">
        <p className="muted">
          {count(view.people.length, 'person', 'people')} · {count(view.groups.length, 'group')} not named yet
          · {count(view.ungrouped.length, 'face')} on their own
        </p>
        <UndoButtons />
      </div>
      <SelectionBar selected={picked} shown={shown} onDone={() => setSelected(new Set())} />
      {shown.slice(0, limit).map((holder) => (
        <FaceGroup
          key={holder.key}
          modelKey={modelKey}
          holder={holder}
          others={shown.filter((o) => o.key !== holder.key)}
          selected={picked}
          onToggle={toggle}
          onOpen={setOpen}
        />
      ))}
      {shown.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + pageSize)}>
          Show more groups ({(shown.length - limit).toLocaleString()} left)
        </button>
      )}
      {view.ignored.length > 0 && (
        <Details
          summary={`Ignored people (${view.ignored.length.toLocaleString()})`}
          testId="library-ignored"
        >
          <ul className="plain-list">
            {view.ignored.map((p) => (
              <li key={p.person.id}>
                {p.person.name || 'Not named'} · {count(p.confirmed.length + p.grouped.length, 'face')}{' '}
                <button type="button" className="ghost" onClick={() => void ignorePerson(p.person.id, false)}>
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </Details>
      )}
      <FacePhotoDialog modelKey={modelKey} face={open} onClose={() => setOpen(null)} />
    </div>
  );
}
