import { useEffect, useState } from 'react';
import type { ModelKey } from '../../core/model-key';
import { facePhoto, type FaceId } from '../../state/library';
import { BlobImage } from '../BlobImage';
import { Dialog } from '../kit/Dialog';

type Photo = Awaited<ReturnType<typeof facePhoto>>;

/** A face's whole photo with a box round the face. */
export function FacePhotoDialog({
  modelKey,
  face,
  onClose,
}: {
  modelKey: ModelKey;
  face: FaceId | null;
  onClose(): void;
}) {
  const [loaded, setLoaded] = useState<{ face: FaceId; photo?: Photo; error?: string } | null>(null);
  useEffect(() => {
    if (!face) return;
    let live = true;
    facePhoto(modelKey, face).then(
      (photo) => live && setLoaded({ face, photo }),
      (e: unknown) => live && setLoaded({ face, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [modelKey, face]);
  // The path below the picked folder, as the user knows it.
  const file = face ? face.slice(face.indexOf(':') + 1, face.lastIndexOf('#')).replace(/^[^/]*\//, '') : '';
  const { photo, error } = loaded?.face === face ? loaded : {};
  const box = photo?.box;
  return (
    <Dialog
      open={face !== null}
      onClose={onClose}
      title="The photo of this face"
      variant="wide"
      testId="face-photo"
    >
      <p className="muted face-photo-file">{file}</p>
      {error && <p className="error-text">{error}</p>}
      {photo && (
        <div className="face-photo">
          <BlobImage blob={photo.blob} alt={`The photo ${file}`} />
          {box && (
            <span
              className="face-photo-box"
              data-testid="face-photo-box"
              style={{
                left: `${box.x * 100}%`,
                top: `${box.y * 100}%`,
                width: `${box.width * 100}%`,
                height: `${box.height * 100}%`,
              }}
            />
          )}
        </div>
      )}
    </Dialog>
  );
}
