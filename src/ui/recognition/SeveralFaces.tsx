import { useEffect, useState } from 'react';
import { getThumbs } from '../../state/dataset';
import type { DatabaseRecord, RelativeBox } from '../../storage/schema';
import { BlobImage } from '../BlobImage';

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** A stored image's thumbnail with the box of the face that was embedded drawn over it. */
function ThumbWithFace({ id, face, alt }: { id: string; face?: RelativeBox; alt: string }) {
  const [thumb, setThumb] = useState<Blob | null>(null);
  useEffect(() => {
    let live = true;
    getThumbs([id])
      .then(([blob]) => blob ?? null)
      .catch(() => null)
      .then((blob) => live && setThumb(blob));
    return () => {
      live = false;
    };
  }, [id]);
  if (!thumb) return <span className="ds-thumb-missing several-thumb" aria-hidden />;
  return (
    <span className="several-thumb snapshot-frame" data-testid="several-thumb">
      <BlobImage blob={thumb} alt={alt} title={alt} />
      {face && (
        <span
          className="face-box match"
          data-testid="used-face-box"
          style={{ left: pct(face.x), top: pct(face.y), width: pct(face.width), height: pct(face.height) }}
        />
      )}
    </span>
  );
}

/**
 * Every enrolment photo in which several faces were found: which face was embedded (its box on the
 * thumbnail), and whether the photo was used in the person's average or left out.
 */
export function SeveralFaces({ database }: { database: DatabaseRecord }) {
  const rows = Object.entries(database.severalFaces ?? {}).flatMap(([key, list]) => {
    const name = database.identities[database.identityKeys.indexOf(key)] ?? key;
    const left = new Set((database.excluded?.[key] ?? []).map((x) => x.imageId));
    return list.map((x) => ({ name, used: !left.has(x.imageId), ...x }));
  });
  if (rows.length === 0) return null;
  const prefix = `${database.datasetId}:`;
  return (
    <details className="details" data-testid="several-faces">
      <summary>
        {rows.length} photo{rows.length === 1 ? '' : 's'} with several faces
      </summary>
      <ul className="several-list">
        {rows.map((r) => {
          const file = r.imageId.startsWith(prefix) ? r.imageId.slice(prefix.length) : r.imageId;
          return (
            <li key={r.imageId} data-used={r.used}>
              <ThumbWithFace id={r.imageId} face={r.face} alt={`${r.name}: ${file}`} />
              <span>
                {r.name}: {file} — {r.faces} faces; the boxed one{' '}
                {r.used ? 'is in the average' : 'was embedded, but the photo was left out of the average'}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
