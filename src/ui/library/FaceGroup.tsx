import { useState, type FormEvent } from 'react';
import type { ModelKey } from '../../core/model-key';
import { useLibrary, type FaceId, type Holder } from '../../state/library';
import { FaceTiles } from './FaceTiles';

/** Faces shown per group until "Show all". */
const shownFaces = 24;

/** What the group menus list: every person and group on screen, by its words. */
export interface Shown extends Holder {
  key: string;
  /** In the menus: the name, or the group's number and size. */
  label: string;
  /** The heading: the person's name; null for a group nobody was given to. */
  title: string | null;
}

const photosOf = (faces: readonly FaceId[]) => new Set(faces.map((f) => f.slice(0, f.lastIndexOf('#')))).size;

/**
 * One person or unnamed group: a grid of face crops (each opens its photo, each can be picked), its
 * count, a field to name it, "Merge with…" and "Ignore this person".
 */
export function FaceGroup({
  modelKey,
  holder,
  others,
  selected,
  onToggle,
  onOpen,
}: {
  modelKey: ModelKey;
  holder: Shown;
  others: readonly Shown[];
  selected: ReadonlySet<FaceId>;
  onToggle(face: FaceId): void;
  onOpen(face: FaceId): void;
}) {
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [all, setAll] = useState(false);
  const { nameFaces, renamePerson, merge, ignorePerson, ignoreFaces } = useLibrary();
  const { faces, personId, title } = holder;
  const shown = all ? faces : faces.slice(0, shownFaces);
  function onName(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return;
    void (personId ? renamePerson(personId, name) : nameFaces(faces, name));
    setName('');
  }
  function onMerge(e: FormEvent) {
    e.preventDefault();
    const other = others.find((o) => o.key === target);
    if (other) void merge(holder, other);
    setTarget('');
  }
  const photos = photosOf(faces);
  const heading = title ?? 'Who is this?';
  return (
    <section
      className="face-group card"
      data-testid="face-group"
      data-faces={faces.length}
      data-person={personId}
    >
      <div className="face-group-head">
        <h3>
          {heading}{' '}
          <span className="muted" data-testid="face-group-count">
            {photos.toLocaleString()} {photos === 1 ? 'photo' : 'photos'}
          </span>
        </h3>
        <button
          type="button"
          className="ghost"
          onClick={() => void (personId ? ignorePerson(personId, true) : ignoreFaces(faces))}
          data-testid="face-group-ignore"
        >
          Ignore this person
        </button>
      </div>
      <FaceTiles
        modelKey={modelKey}
        faces={shown}
        onOpen={onOpen}
        selected={selected}
        onToggle={onToggle}
        more={
          faces.length > shown.length && (
            <button type="button" className="ghost" onClick={() => setAll(true)}>
              Show all {faces.length.toLocaleString()} faces
            </button>
          )
        }
      />
      <div className="face-group-forms">
        <form className="inline-form" onSubmit={onName}>
          <label>
            <span>{title === null ? 'Name' : 'Rename'}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="face-group-name" />
          </label>
          <button type="submit" data-testid="face-group-save">
            {title === null ? 'Name this person' : 'Save name'}
          </button>
        </form>
        {others.length > 0 && (
          <form className="inline-form" onSubmit={onMerge}>
            <label>
              <span>Same person as</span>
              <select
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                data-testid="face-group-merge-with"
              >
                <option value="">Choose…</option>
                {others.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={!target} data-testid="face-group-merge">
              Merge
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
