import { useEffect, useState, type ReactNode } from 'react';
import type { ModelKey } from '../../core/model-key';
import { faceCrops, type FaceId } from '../../state/library';
import { BlobImage } from '../BlobImage';

/** The stored crops of some faces, read once per list. */
export function useCrops(modelKey: ModelKey, faces: readonly FaceId[]): (Blob | null)[] {
  const [crops, setCrops] = useState<(Blob | null)[]>([]);
  const key = faces.join('|');
  useEffect(() => {
    let live = true;
    faceCrops(modelKey, key ? key.split('|') : []).then(
      (blobs) => live && setCrops(blobs),
      () => live && setCrops([]),
    );
    return () => {
      live = false;
    };
  }, [modelKey, key]);
  return crops;
}

/**
 * Faces as a grid of crops: each opens its photo; with `selected`, each has a box to pick it for
 * moving; `extra` adds buttons under a face (Yes / No for a suggestion).
 */
export function FaceTiles({
  modelKey,
  faces,
  onOpen,
  selected,
  onToggle,
  extra,
  more,
}: {
  modelKey: ModelKey;
  faces: readonly FaceId[];
  onOpen(face: FaceId): void;
  selected?: ReadonlySet<FaceId>;
  onToggle?(face: FaceId): void;
  extra?(face: FaceId): ReactNode;
  /** The faces not shown: a count after the grid. */
  more?: ReactNode;
}) {
  const crops = useCrops(modelKey, faces);
  return (
    <ul className="face-grid">
      {faces.map((face, i) => {
        const picked = selected?.has(face) ?? false;
        return (
          <li key={face} data-face={face} className={picked ? 'picked' : undefined}>
            <button
              type="button"
              className="face-open"
              aria-label="Open its photo"
              onClick={() => onOpen(face)}
            >
              {crops[i] ? (
                <BlobImage blob={crops[i]} alt="" width={96} height={96} />
              ) : (
                <span className="face-empty" />
              )}
            </button>
            {onToggle && (
              <input
                type="checkbox"
                className="face-pick"
                aria-label="Pick this face"
                checked={picked}
                onChange={() => onToggle(face)}
                data-testid="face-pick"
              />
            )}
            {extra?.(face)}
          </li>
        );
      })}
      {more && <li className="face-more muted">{more}</li>}
    </ul>
  );
}
