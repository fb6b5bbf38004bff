import { useState } from 'react';
import type { SavedFace, SnapshotFace, SnapshotResult } from '../../app/camera';
import { accepts } from '../../core/verdict';
import type { DatabaseRecord } from '../../storage/schema';
import { useCamera } from '../../state/camera';
import { useFaceDetail } from '../../state/face-detail';
import { FaceDetailDialog } from '../FaceDetailDialog';
import { BlobImage } from '../BlobImage';
import { FaceFrame } from '../FaceFrame';
import { Details } from '../kit/Details';

/** The name the matching rule gives at the threshold, or null for "No match". */
function answerOf(face: SnapshotFace, threshold: number) {
  return face.best && accepts(face.best.distance, threshold) ? face.best : null;
}

function faceLabel(face: SnapshotFace, threshold: number, hasDatabase: boolean): string {
  if (!hasDatabase) return 'Face';
  const answer = answerOf(face, threshold);
  return answer ? answer.person : 'No match';
}

/** A snapshot with a labelled box over every face, the nearest people per face and "Save to person". */
export function SnapshotView({
  image,
  result,
  answerMs,
  threshold,
  database,
}: {
  image: Blob;
  result: SnapshotResult;
  answerMs: number;
  threshold: number;
  database: DatabaseRecord | null;
}) {
  const hasDatabase = result.databaseId !== null;
  const { imageWidth: w, imageHeight: h } = result;
  return (
    <div className="stack snapshot" data-testid="snapshot-result">
      <FaceFrame
        image={image}
        alt="Camera snapshot"
        width={w}
        height={h}
        faces={result.faces.map((face) => {
          const answer = answerOf(face, threshold);
          return {
            box: face.box,
            label: faceLabel(face, threshold, hasDatabase),
            ...(hasDatabase ? { tone: answer ? 'match' : 'no-match' } : {}),
          };
        })}
      />
      <div className="row snapshot-meta">
        <p className="muted small" data-testid="snapshot-time" data-ms={Math.round(answerMs)}>
          {result.faces.length} face{result.faces.length === 1 ? '' : 's'} found in{' '}
          {(answerMs / 1000).toFixed(1)} s
        </p>
        <Details>
          <p>
            Decode {result.timings.decode.toFixed(0)} ms, find faces {result.timings.detect.toFixed(0)} ms,
            align {result.timings.align.toFixed(0)} ms, face prints {result.timings.embed.toFixed(0)} ms.
          </p>
        </Details>
      </div>
      {result.faces.length === 0 && (
        <p role="alert" className="error-text" data-testid="no-face">
          No face in the frame. Face the camera, in good light, and take another snapshot.
        </p>
      )}
      {result.faces.length > 0 && !hasDatabase && (
        <p className="muted small">Choose a face database to put names to these faces.</p>
      )}
      <ol className="snapshot-faces">
        {result.faces.map((face, i) => (
          <FaceDetails
            key={i}
            index={i}
            face={face}
            threshold={threshold}
            database={hasDatabase ? database : null}
            result={result}
          />
        ))}
      </ol>
      <FaceDetailDialog />
    </div>
  );
}

function FaceDetails({
  index,
  face,
  threshold,
  database,
  result,
}: {
  index: number;
  face: SnapshotFace;
  threshold: number;
  database: DatabaseRecord | null;
  result: SnapshotResult;
}) {
  const save = useCamera((s) => s.save);
  const openDetail = useFaceDetail((s) => s.open);
  const saved = useCamera((s) => s.saved[index]);
  const answer = answerOf(face, threshold);
  const [person, setPerson] = useState(face.ranked[0]?.personKey ?? database?.identityKeys[0] ?? '');
  const [saving, setSaving] = useState(false);
  return (
    <li className="snapshot-face" data-testid="snapshot-face">
      <BlobImage
        className="snapshot-crop"
        blob={face.crop}
        alt={`Face ${index + 1} as the model saw it`}
        width={96}
        height={96}
      />
      <div className="stack">
        <strong>
          Face {index + 1}: {answer ? answer.person : database ? 'No match' : 'not compared'}
        </strong>
        {face.ranked.length > 0 && (
          <>
            <ol className="ranked" data-testid="snapshot-ranked">
              {face.ranked.map((r) => {
                const within = accepts(r.distance, threshold);
                return (
                  <li key={r.personKey} className={within ? 'within' : ''}>
                    <span>{r.person}</span>
                    {within && <span className="muted"> · close enough to name</span>}
                  </li>
                );
              })}
            </ol>
            <Details testId="snapshot-distances">
              <p className="small">
                Distance to each person&apos;s average face (names within {threshold.toFixed(2)}):{' '}
                {face.ranked.map((r) => `${r.person} ${r.distance.toFixed(3)}`).join(', ')}.
              </p>
            </Details>
          </>
        )}
        {database && face.ranked.length > 0 && (
          <div className="actions">
            <button
              type="button"
              aria-haspopup="dialog"
              data-testid="snapshot-why"
              aria-label={`Why this answer for face ${index + 1}?`}
              onClick={() =>
                void openDetail({
                  kind: 'camera',
                  databaseId: database.id,
                  face: index + 1,
                  embedding: face.embedding,
                  crop: face.crop,
                  rule: result.rule,
                })
              }
            >
              Why this answer?
            </button>
          </div>
        )}
        {database && (
          <form
            className="row save-face"
            onSubmit={(e) => {
              e.preventDefault();
              setSaving(true);
              void save(index, person).finally(() => setSaving(false));
            }}
          >
            <select
              value={person}
              onChange={(e) => setPerson(e.target.value)}
              aria-label={`Person to add face ${index + 1} to`}
              data-testid="save-person"
            >
              {database.identityKeys.map((key, i) => (
                <option key={key} value={key}>
                  {database.identities[i]}
                </option>
              ))}
            </select>
            <button type="submit" disabled={saving || !person} data-testid="save-to-person">
              Save to person
            </button>
          </form>
        )}
        {saved && <SavedNote saved={saved} />}
      </div>
    </li>
  );
}

function SavedNote({ saved }: { saved: SavedFace | { error: string } }) {
  if ('error' in saved) {
    return (
      <p role="alert" className="error-text">
        {saved.error}
      </p>
    );
  }
  return (
    <p data-testid="save-result" data-before={saved.before} data-after={saved.after}>
      Saved to {saved.person} ({saved.faces} faces now).{' '}
      <span className="muted small">
        Distance to their average {saved.before.toFixed(3)} → {saved.after.toFixed(3)}.
      </span>
    </p>
  );
}
