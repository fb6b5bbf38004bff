import { useEffect, useState, type FormEvent } from 'react';
import type { ModelKey } from '../../core/model-key';
import { faceCrops, useLibrary } from '../../state/library';
import { BlobImage } from '../BlobImage';

/** Faces shown per group; the count says how many more there are. */
const shownFaces = 24;

/** One person or group: its faces as a grid of crops, its count, and a field to name it. */
export function FaceGroup({
  modelKey,
  title,
  faces,
  personId,
}: {
  modelKey: ModelKey;
  /** The person's name; null for a group nobody was given to. */
  title: string | null;
  faces: string[];
  personId?: string;
}) {
  const [crops, setCrops] = useState<(Blob | null)[]>([]);
  const [name, setName] = useState('');
  const nameFaces = useLibrary((s) => s.nameFaces);
  const renamePerson = useLibrary((s) => s.renamePerson);
  const shown = faces.slice(0, shownFaces);
  const key = shown.join('|');
  useEffect(() => {
    let live = true;
    faceCrops(modelKey, key.split('|')).then(
      (blobs) => live && setCrops(blobs),
      () => live && setCrops([]),
    );
    return () => {
      live = false;
    };
  }, [modelKey, key]);
  function onName(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return;
    void (personId ? renamePerson(personId, name) : nameFaces(faces, name));
    setName('');
  }
  const photos = new Set(faces.map((f) => f.slice(0, f.lastIndexOf('#')))).size;
  return (
    <section className="face-group" data-testid="face-group" data-faces={faces.length} data-person={personId}>
      <h3>
        {title ?? 'Who is this?'}{' '}
        <span className="muted" data-testid="face-group-count">
          {photos.toLocaleString()} {photos === 1 ? 'photo' : 'photos'}
        </span>
      </h3>
      <ul className="face-grid">
        {shown.map((face, i) => (
          <li key={face} data-face={face}>
            {crops[i] ? (
              <BlobImage blob={crops[i]} alt="" width={72} height={72} />
            ) : (
              <span className="face-empty" />
            )}
          </li>
        ))}
        {faces.length > shown.length && (
          <li className="muted">+{(faces.length - shown.length).toLocaleString()}</li>
        )}
      </ul>
      <form className="face-name" onSubmit={onName}>
        <label>
          {title === null ? 'Name' : 'Rename'}{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="face-group-name" />
        </label>
        <button type="submit" data-testid="face-group-save">
          {title === null ? 'Name this person' : 'Save name'}
        </button>
      </form>
    </section>
  );
}
