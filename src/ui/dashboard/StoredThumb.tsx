import { useEffect, useState } from 'react';
import { getThumb } from '../../state/dataset';
import { BlobImage } from '../BlobImage';

/** One stored image's thumbnail, read from IndexedDB when shown; a cross when none is stored. */
export function StoredThumb({ id, alt, size = 56 }: { id: string | null; alt: string; size?: number }) {
  const [loaded, setLoaded] = useState<{ id: string; thumb: Blob | null } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    getThumb(id)
      .catch(() => null)
      .then((thumb) => live && setLoaded({ id, thumb }));
    return () => {
      live = false;
    };
  }, [id]);
  const thumb = id && loaded?.id === id ? loaded.thumb : undefined;
  return (
    <span
      className="ds-thumb"
      style={{ width: size, height: size, display: 'inline-grid' }}
      data-testid="stored-thumb"
      data-image-id={id ?? ''}
      data-loaded={thumb ? 'true' : thumb === null || !id ? 'missing' : 'loading'}
    >
      {thumb ? (
        <BlobImage blob={thumb} alt={alt} title={alt} decoding="async" />
      ) : (
        <span className={thumb === null || !id ? 'ds-thumb-missing' : 'ds-thumb-loading'} aria-hidden />
      )}
    </span>
  );
}
