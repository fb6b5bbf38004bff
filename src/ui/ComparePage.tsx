import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { errorMessage } from '../core/errors';
import { accepts } from '../core/threshold';
import { euclidean } from '../core/vector';
import type { EmbedOutcome } from '../engine/protocol';
import { useCamera } from '../state/camera';
import { engineClient, useEngine, useEngineInfo } from '../state/engine';
import { useRecognition } from '../state/recognition';
import { BlobImage } from './BlobImage';
import { ComparePair } from './ComparePair';
import { ThresholdControl } from './ThresholdControl';
import { TableScroll } from './TableScroll';

interface Source {
  name: string;
  blob: Blob;
}

const snapshotName = 'Camera snapshot';
const fromFile = (file: File): Source => ({ name: file.name, blob: file });

export interface Face {
  name: string;
  outcome: EmbedOutcome;
}

/**
 * Two photos (picked, dropped, or the last camera snapshot): aligned crops side by side, the
 * distance and the verdict. Three or more: the distance matrix. Time per face either way.
 */
export function ComparePage() {
  const info = useEngineInfo();
  const engineStatus = useEngine((s) => s.state.status);
  const threshold = useRecognition((s) => s.threshold);
  const snapshot = useCamera((s) => s.snapshot);
  const [sources, setSources] = useState<Source[]>([]);
  const [faces, setFaces] = useState<Face[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const ready = engineStatus === 'ready' && !busy;

  useEffect(() => () => abort.current?.abort(), []);

  function choose(files: Source[]) {
    setSources(files);
    void run(files);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files)
      .filter((f) => f.type.startsWith('image/'))
      .map(fromFile);
    if (!ready) return;
    if (files.length === 0) return setError('Drop image files (JPEG, PNG, WebP…)');
    // One dropped photo is compared with the one already there.
    choose(files.length === 1 && sources.length === 1 ? [sources[0]!, files[0]!] : files);
  }

  async function run(files: Source[]) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setError(null);
    try {
      const requests = files.map((file, i) => ({ id: `${i}`, blob: file.blob, name: file.name }));
      const outcomes = await engineClient().embed(requests, { withCrops: true, signal: controller.signal });
      setFaces(outcomes.map((outcome, i) => ({ name: files[i]!.name, outcome })));
    } catch (e) {
      if (!controller.signal.aborted) setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const embedded = faces.filter((f) => f.outcome.ok);
  const matrix = useMemo(
    () =>
      faces.map((a) =>
        faces.map((b) =>
          a.outcome.ok && b.outcome.ok ? euclidean(a.outcome.embedding, b.outcome.embedding) : null,
        ),
      ),
    [faces],
  );
  const meanMs = (stage: 'decode' | 'detect' | 'align' | 'embed') => {
    const ok = faces.flatMap((f) => (f.outcome.ok ? [f.outcome.timings[stage]] : []));
    return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : 0;
  };

  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">Compare faces</h2>
      <p className="muted">
        Pick or drop two face photos, or use the last camera snapshot; three or more give a distance matrix.
        Each is embedded on this device; smaller distances mean more alike. Up to {threshold.toFixed(2)}{' '}
        counts as the same person.
      </p>
      <div className="rec-controls">
        <label className="file-field">
          Photos to compare{' '}
          <input
            type="file"
            accept="image/*"
            multiple
            data-testid="compare-input"
            disabled={!ready}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? [], fromFile);
              if (files.length) choose(files);
            }}
          />
        </label>
        <button
          type="button"
          disabled={!ready || !snapshot}
          title={snapshot ? undefined : 'Take a snapshot on the Camera tab first'}
          onClick={() => {
            if (!snapshot) return;
            const other = sources.find((s) => s.name !== snapshotName);
            const image = { name: snapshotName, blob: snapshot.image };
            choose(other ? [other, image] : [image]);
          }}
          data-testid="compare-use-snapshot"
        >
          Use the last camera snapshot
        </button>
        <ThresholdControl testId="compare-threshold" />
      </div>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="compare-drop"
      >
        Drop two photos here (or one, to compare with the photo already chosen).
      </div>
      {busy && <p aria-live="polite">Embedding {`…`}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {faces.length === 1 && <p className="muted">Add one more photo to compare.</p>}
      {faces.length > 0 && (
        <>
          <div className={`crop-row${faces.length === 2 ? ' pair' : ''}`} data-testid="compare-crops">
            {faces.map((face, i) => (
              <figure key={i} className={face.outcome.ok ? '' : 'failed'}>
                {face.outcome.ok && face.outcome.crop ? (
                  <BlobImage
                    blob={face.outcome.crop}
                    alt={`Face crop of ${face.name}`}
                    width={faces.length === 2 ? 160 : 112}
                    height={faces.length === 2 ? 160 : 112}
                  />
                ) : (
                  <div className="crop-missing">✕</div>
                )}
                <figcaption>
                  {face.name}
                  {!face.outcome.ok && <span className="error-text"> — {face.outcome.message}</span>}
                </figcaption>
              </figure>
            ))}
          </div>
          {faces.length === 2 && <ComparePair a={faces[0]!} b={faces[1]!} threshold={threshold} />}
          {embedded.length > 0 && info && (
            <p data-testid="compare-timing">
              {info.backend.name} · {embedded.length} face{embedded.length > 1 ? 's' : ''} · per face: decode{' '}
              {meanMs('decode').toFixed(0)} ms, detect {meanMs('detect').toFixed(0)} ms, align{' '}
              {meanMs('align').toFixed(0)} ms, embed {meanMs('embed').toFixed(0)} ms
            </p>
          )}
          {faces.length >= 3 && (
            <TableScroll label="Distance matrix">
              <table className="matrix" data-testid="distance-matrix">
                <caption>Euclidean distance between unit embeddings</caption>
                <thead>
                  <tr>
                    <td />
                    {faces.map((_, i) => (
                      <th key={i} scope="col">
                        {i + 1}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.map((row, i) => (
                    <tr key={i}>
                      <th scope="row" title={faces[i]!.name}>
                        {i + 1}. {faces[i]!.name}
                      </th>
                      {row.map((d, j) => (
                        <td
                          key={j}
                          className={
                            d === null
                              ? 'na'
                              : i === j
                                ? 'self'
                                : accepts(d, threshold)
                                  ? 'same'
                                  : 'different'
                          }
                        >
                          {d === null ? '—' : d.toFixed(3)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
