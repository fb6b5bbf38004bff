import { useState, type FormEvent } from 'react';
import { useLibrary, type FaceId } from '../../state/library';
import type { Shown } from './FaceGroup';

const NEW = '!new';
const OUT = '!out';

/**
 * What can be done with the faces picked: move them to another person or group, to a new group, or
 * out of theirs ("not this person"), or mark them "not a face".
 */
export function SelectionBar({
  selected,
  shown,
  onDone,
}: {
  selected: ReadonlySet<FaceId>;
  shown: readonly Shown[];
  onDone(): void;
}) {
  const [to, setTo] = useState('');
  const { moveFaces, mergeFaces, takeOut, markNotFaces, nameFaces } = useLibrary();
  if (selected.size === 0) return null;
  const faces = [...selected];
  async function onMove(e: FormEvent) {
    e.preventDefault();
    if (to === NEW) await mergeFaces(faces);
    else if (to === OUT) {
      for (const from of shown) {
        const mine = from.faces.filter((f) => selected.has(f));
        if (mine.length) await takeOut(mine, from);
      }
    } else {
      const target = shown.find((s) => s.key === to);
      if (target?.personId) await moveFaces(faces, target.personId);
      else if (target) await nameFaces([...target.faces, ...faces], '');
    }
    setTo('');
    onDone();
  }
  return (
    <div className="selection-bar" role="group" aria-label="Faces picked" data-testid="selection-bar">
      <span>
        {faces.length.toLocaleString()} {faces.length === 1 ? 'face' : 'faces'} picked
      </span>
      <form className="inline-form" onSubmit={(e) => void onMove(e)}>
        <label>
          <span>Move to</span>
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="selection-move-to">
            <option value="">Choose…</option>
            <option value={OUT}>Out of its group (not this person)</option>
            <option value={NEW}>A new group</option>
            {shown.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!to} data-testid="selection-move">
          Move
        </button>
      </form>
      <button
        type="button"
        onClick={() => void markNotFaces(faces).then(onDone)}
        data-testid="selection-not-face"
      >
        Not a face
      </button>
      <button type="button" className="ghost" onClick={onDone}>
        Clear
      </button>
    </div>
  );
}
