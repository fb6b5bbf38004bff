import { useState } from 'react';
import type { ModelKey } from '../../core/model-key';
import type { LibraryView } from '../../core/library/view';
import { useLibrary, type FaceId } from '../../state/library';
import { Card } from '../kit/Card';
import { FacePhotoDialog } from './FacePhotoDialog';
import { FaceTiles } from './FaceTiles';

/** Suggestions shown per person at once. */
const shownFaces = 24;

/**
 * "Is this Alice?": faces in no group that look close enough to a named person, offered one person
 * at a time; nothing is put with anyone until the user says yes.
 */
export function Suggestions({ modelKey, view }: { modelKey: ModelKey; view: LibraryView }) {
  const { confirmFaces, rejectFaces } = useLibrary();
  const [open, setOpen] = useState<FaceId | null>(null);
  const asked = view.people.filter((p) => p.person.name !== '' && p.suggested.length > 0);
  if (asked.length === 0) return null;
  return (
    <>
      {asked.map(({ person, suggested }) => {
        const faces = suggested.slice(0, shownFaces).map((s) => s.face);
        return (
          <Card
            key={person.id}
            className="suggestions"
            title={`Is this ${person.name}?`}
            description="These faces look like them but were not put with anyone. Say yes or no to each."
            testId="suggestions"
            actions={
              <button
                type="button"
                onClick={() => void confirmFaces(faces, person.id)}
                data-testid="suggestions-all"
              >
                Yes to all {faces.length.toLocaleString()}
              </button>
            }
          >
            <FaceTiles
              modelKey={modelKey}
              faces={faces}
              onOpen={setOpen}
              extra={(face) => (
                <span className="face-answer">
                  <button
                    type="button"
                    aria-label={`Yes, this is ${person.name}`}
                    onClick={() => void confirmFaces([face], person.id)}
                    data-testid="suggestion-yes"
                  >
                    Yes
                  </button>
                  <button
                    type="button"
                    aria-label={`No, this is not ${person.name}`}
                    onClick={() => void rejectFaces([face], person.id)}
                    data-testid="suggestion-no"
                  >
                    No
                  </button>
                </span>
              )}
              more={
                suggested.length > faces.length &&
                `+${(suggested.length - faces.length).toLocaleString()} more`
              }
            />
          </Card>
        );
      })}
      <FacePhotoDialog modelKey={modelKey} face={open} onClose={() => setOpen(null)} />
    </>
  );
}
