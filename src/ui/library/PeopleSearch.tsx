import { useEffect, useMemo, useState } from 'react';
import { photosWithPeople, type LibraryView } from '../../core/library/view';
import { photoThumbs } from '../../state/library';
import { BlobImage } from '../BlobImage';
import { Card } from '../kit/Card';
import { count } from './LibraryJob';

/** Photos drawn per search; the count says how many match. */
const shownPhotos = 60;

/** "Photos with Alice and Bob": pick names, see the photos in which all of them are. */
export function PeopleSearch({ view }: { view: LibraryView }) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [thumbs, setThumbs] = useState<(Blob | null)[]>([]);
  const named = view.people.filter((p) => p.person.name !== '');
  const ids = [...picked].filter((id) => named.some((p) => p.person.id === id));
  const key = ids.join('|');
  const photos = useMemo(() => (key ? photosWithPeople(view, key.split('|')) : []), [key, view]);
  const shown = photos.slice(0, shownPhotos);
  const shownKey = shown.join('|');
  useEffect(() => {
    let live = true;
    photoThumbs(shownKey ? shownKey.split('|') : []).then(
      (t) => live && setThumbs(t),
      () => live && setThumbs([]),
    );
    return () => {
      live = false;
    };
  }, [shownKey]);
  if (named.length === 0) return null;
  const toggle = (id: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const names = named.filter((p) => picked.has(p.person.id)).map((p) => p.person.name);
  return (
    <Card
      title="Find photos by people"
      description="Pick one or more names: the photos with all of them."
      testId="people-search"
    >
      <fieldset className="name-picks">
        <legend className="sr-only">People</legend>
        {named.map((p) => (
          <label key={p.person.id} className="check">
            <input type="checkbox" checked={picked.has(p.person.id)} onChange={() => toggle(p.person.id)} />
            {p.person.name}
          </label>
        ))}
      </fieldset>
      {ids.length > 0 && (
        <>
          <p className="status-line" aria-live="polite" data-testid="people-search-count">
            {count(photos.length, 'photo')} with {names.join(' and ')}
          </p>
          <ul className="photo-grid">
            {shown.map((photo, i) => (
              <li key={photo} data-photo={photo}>
                {thumbs[i] ? (
                  <BlobImage blob={thumbs[i]} alt={photo.slice(photo.lastIndexOf('/') + 1)} />
                ) : (
                  <span className="face-empty" />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
