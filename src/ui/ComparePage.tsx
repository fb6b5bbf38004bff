import { useEffect, useMemo, useRef, useState } from 'react';
import { euclidean } from '../core/vector';
import type { EmbedOutcome } from '../engine/protocol';
import { engineClient, useEngine, useEngineInfo } from '../state/engine';
import { BlobImage } from './BlobImage';

interface Face {
  name: string;
  outcome: EmbedOutcome;
}

/** Pick two or more photos: aligned crops, the distance matrix, and time per face. */
export function ComparePage() {
  const info = useEngineInfo();
  const engineStatus = useEngine((s) => s.state.status);
  const [faces, setFaces] = useState<Face[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const threshold = info?.model.defaultThreshold ?? 1;

  useEffect(() => () => abort.current?.abort(), []);

  async function run(files: File[]) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setError(null);
    try {
      const requests = files.map((file, i) => ({ id: `${i}`, blob: file, name: file.name }));
      const outcomes = await engineClient().embed(requests, { withCrops: true, signal: controller.signal });
      setFaces(outcomes.map((outcome, i) => ({ name: files[i]!.name, outcome })));
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
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
        Pick two or more face photos. Each is embedded on this device; smaller distances mean more alike.
        Below {threshold.toFixed(2)} counts as the same person.
      </p>
      <input
        type="file"
        accept="image/*"
        multiple
        data-testid="compare-input"
        disabled={engineStatus !== 'ready' || busy}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          if (files.length) void run(files);
        }}
      />
      {busy && <p aria-live="polite">Embedding {`…`}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {faces.length > 0 && (
        <>
          <div className="crop-row" data-testid="compare-crops">
            {faces.map((face, i) => (
              <figure key={i} className={face.outcome.ok ? '' : 'failed'}>
                {face.outcome.ok && face.outcome.crop ? (
                  <BlobImage
                    blob={face.outcome.crop}
                    alt={`Face crop of ${face.name}`}
                    width={112}
                    height={112}
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
          {embedded.length > 0 && info && (
            <p data-testid="compare-timing">
              {info.backend.name} · {embedded.length} face{embedded.length > 1 ? 's' : ''} · per face: decode{' '}
              {meanMs('decode').toFixed(0)} ms, detect {meanMs('detect').toFixed(0)} ms, align{' '}
              {meanMs('align').toFixed(0)} ms, embed {meanMs('embed').toFixed(0)} ms
            </p>
          )}
          <table className="matrix" data-testid="distance-matrix">
            <caption>Euclidean distance between unit embeddings</caption>
            <thead>
              <tr>
                <th />
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
                      className={d === null ? 'na' : i === j ? 'self' : d <= threshold ? 'same' : 'different'}
                    >
                      {d === null ? '—' : d.toFixed(3)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
