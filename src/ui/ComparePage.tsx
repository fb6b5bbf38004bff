import { useEffect, useMemo, useRef, useState } from 'react';
import type { RankedPerson } from '../app/camera';
import { errorMessage } from '../core/errors';
import type { FaceBox } from '../engine/engine-protocol';
import { answerAt, comparePhotosWith, useCamera, type ComparedPhoto } from '../state/camera';
import { useEngine, useEngineInfo } from '../state/engine';
import { useRecognition } from '../state/recognition';
import { BlobImage } from './BlobImage';
import { FaceFrame } from './FaceFrame';
import { DistanceMatrix } from './DistanceMatrix';
import { MatchSettings } from './MatchSettings';
import { PairVerdict } from './PairVerdict';
import { Card } from './kit/Card';
import { Details } from './kit/Details';
import { DropZone } from './kit/DropZone';
import './compare.css';

interface Source {
  name: string;
  blob: Blob;
}

const snapshotName = 'Camera snapshot';
const fromFile = (file: File): Source => ({ name: file.name, blob: file });

/** One face of one photo, or a photo in which no face could be embedded (`embedding` null). */
export interface Face {
  name: string;
  embedding: Float32Array | null;
  crop: Blob | null;
  /** Where the face is in its photo, in pixels. */
  box: FaceBox | null;
  /** The size of the photo as the engine saw it (`box` is in its pixels). */
  imageSize: [number, number] | null;
  /** The nearest people in the chosen face database, nearest first; empty without one. */
  ranked: RankedPerson[];
  error: string | null;
}

/** Each face of each photo; a photo with several faces gives "photo · face 1", "photo · face 2"… */
function facesOf(photos: readonly ComparedPhoto[]): Face[] {
  return photos.flatMap((photo): Face[] => {
    const found = photo.result?.faces ?? [];
    if (photo.error || found.length === 0)
      return [
        {
          name: photo.name,
          embedding: null,
          crop: null,
          box: null,
          imageSize: null,
          ranked: [],
          error: photo.error,
        },
      ];
    return found.map((face, i) => ({
      name: found.length > 1 ? `${photo.name} · face ${i + 1}` : photo.name,
      embedding: face.embedding,
      crop: face.crop,
      box: face.box,
      imageSize: [photo.result!.imageWidth, photo.result!.imageHeight],
      ranked: face.ranked,
      error: null,
    }));
  });
}

function nameLabel(face: Face, threshold: number): string | null {
  if (face.ranked.length === 0) return null;
  const answer = answerAt(face.ranked, threshold);
  return answer ? answer.person : 'No match';
}

/**
 * Two photos (picked, dropped, or the last camera snapshot): aligned crops side by side, the
 * distance and the verdict. Three or more faces: the distance matrix. Every face in each photo is
 * found and, with a face database chosen, named. Time per face either way.
 */
export function ComparePage() {
  const info = useEngineInfo();
  const engineStatus = useEngine((s) => s.state.status);
  const { databases, selectedId, threshold, refresh, select } = useRecognition();
  const ready = databases.filter((g) => g.status === 'ready');
  const database = ready.find((g) => g.id === selectedId) ?? null;
  const snapshot = useCamera((s) => s.snapshot);
  const [sources, setSources] = useState<Source[]>([]);
  const [photos, setPhotos] = useState<ComparedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const idle = engineStatus === 'ready' && !busy;
  const faces = useMemo(() => facesOf(photos), [photos]);

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  function choose(files: Source[]) {
    setSources(files);
    void run(files);
  }

  function add(picked: readonly File[]) {
    const files = picked.filter((f) => f.type.startsWith('image/')).map(fromFile);
    if (!idle) return;
    if (files.length === 0) return setError('Drop photos (JPEG, PNG, WebP…).');
    // One photo is compared with the one already there.
    choose(files.length === 1 && sources.length === 1 ? [sources[0]!, files[0]!] : files);
  }

  async function run(files: Source[]) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setError(null);
    try {
      const photos = files.map((file) => ({ name: file.name, image: file.blob }));
      setPhotos(await comparePhotosWith(photos, database, controller.signal));
    } catch (e) {
      if (!controller.signal.aborted) setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const embedded = faces.filter((f) => f.embedding);
  /** Each stage's time per face found, over every photo. */
  const meanMs = (stage: 'decode' | 'detect' | 'align' | 'embed') => {
    const total = photos.reduce((s, p) => s + (p.result?.faces.length ? p.result.timings[stage] : 0), 0);
    return embedded.length ? total / embedded.length : 0;
  };
  const several = photos.filter((p) => (p.result?.faces.length ?? 0) > 1);

  const useSnapshot = () => {
    if (!snapshot) return;
    const other = sources.find((s) => s.name !== snapshotName);
    const image = { name: snapshotName, blob: snapshot.image };
    choose(other ? [other, image] : [image]);
  };

  return (
    <section aria-labelledby="compare-title" className="page">
      <div className="page-head">
        <h2 id="compare-title">Compare faces</h2>
        <p>
          Are two photos of the same person? Every face in each photo is found and compared, on this device.
          Three or more faces give a table of distances.
        </p>
      </div>
      <DropZone
        kind="photos"
        title="Drop two photos to compare"
        hint="Or one, to compare with the photo already here."
        buttonLabel={faces.length ? 'Choose other photos' : 'Choose photos'}
        overlayTitle="Drop the photos to compare them"
        summary={
          photos.length > 0
            ? `${photos.length} photo${photos.length === 1 ? '' : 's'}, ${embedded.length} face${embedded.length === 1 ? '' : 's'} found.`
            : undefined
        }
        disabled={!idle}
        onDrop={(data) => add(Array.from(data.files))}
        onPick={add}
        testId="compare-drop"
        inputTestId="compare-input"
        actions={
          <button
            type="button"
            className={photos.length ? 'ghost' : undefined}
            disabled={!idle || !snapshot}
            title={snapshot ? undefined : 'Take a snapshot on the Camera tab first'}
            onClick={useSnapshot}
            data-testid="compare-use-snapshot"
          >
            Use the last camera snapshot
          </button>
        }
      />
      {busy && (
        <p className="status-line" aria-live="polite">
          Finding faces…
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {faces.length === 1 && <p className="muted">Add one more photo to compare.</p>}
      {faces.length > 0 && (
        <div
          className={`compare-crops${faces.length === 2 ? ' pair' : ''}`}
          data-testid="compare-crops"
          data-photos={photos.map((p) => p.name).join('|')}
        >
          {faces.map((face, i) => (
            <figure
              key={i}
              className={face.embedding ? '' : 'failed'}
              data-testid="compare-face"
              data-box={face.box ? [face.box.x, face.box.y, face.box.width, face.box.height].join(',') : ''}
              data-image-size={face.imageSize?.join(',') ?? ''}
              data-identity={answerAt(face.ranked, threshold)?.person ?? ''}
            >
              {face.crop ? (
                <BlobImage
                  blob={face.crop}
                  alt={`Face crop of ${face.name}`}
                  width={faces.length === 2 ? 160 : 112}
                  height={faces.length === 2 ? 160 : 112}
                />
              ) : (
                <div className="crop-missing" aria-hidden>
                  ✕
                </div>
              )}
              <figcaption>
                <span className="compare-file">{face.name}</span>
                {face.error && <span className="error-text"> — {face.error}</span>}
                {nameLabel(face, threshold) && (
                  <strong className="compare-name" data-testid="compare-name">
                    {nameLabel(face, threshold)}
                  </strong>
                )}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      {/* The verdict's place: right under the two photos, in view on a phone. */}
      {faces.length === 2 && info && (
        <div className="verdict-slot">
          <PairVerdict
            a={faces[0]!}
            b={faces[1]!}
            thresholds={info.model.thresholds}
            names={
              database
                ? [
                    answerAt(faces[0]!.ranked, threshold)?.person ?? null,
                    answerAt(faces[1]!.ranked, threshold)?.person ?? null,
                  ]
                : null
            }
          />
        </div>
      )}
      <MatchSettings
        databases={ready}
        value={database?.id ?? null}
        onSelect={select}
        noneLabel="none (only compare)"
        testId="compare"
        disabled={!idle}
      />
      {several.map((photo, k) => (
        <Card key={k} title={`${photo.name}: ${photo.result!.faces.length} faces`}>
          <FaceFrame
            image={photo.image}
            alt={photo.name}
            width={photo.result!.imageWidth}
            height={photo.result!.imageHeight}
            testId="compare-photo"
            faces={photo.result!.faces.map((face, i) => {
              const answer = answerAt(face.ranked, threshold);
              return {
                box: face.box,
                label: face.ranked.length
                  ? `${i + 1}. ${answer ? answer.person : 'No match'}`
                  : `Face ${i + 1}`,
                ...(face.ranked.length ? { tone: answer ? 'match' : 'no-match' } : {}),
              };
            })}
          />
        </Card>
      ))}
      {faces.length >= 3 && info && <DistanceMatrix faces={faces} thresholds={info.model.thresholds} />}
      {embedded.length > 0 && info && (
        <Details>
          <p data-testid="compare-timing">
            {info.backend.name} · {embedded.length} face{embedded.length > 1 ? 's' : ''} · per face: decode{' '}
            {meanMs('decode').toFixed(0)} ms, detect {meanMs('detect').toFixed(0)} ms, align{' '}
            {meanMs('align').toFixed(0)} ms, embed {meanMs('embed').toFixed(0)} ms
          </p>
        </Details>
      )}
    </section>
  );
}
