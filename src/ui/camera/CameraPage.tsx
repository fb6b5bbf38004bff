import { useEffect, useEffectEvent, useState } from 'react';
import { errorMessage } from '../../core/errors';
import { MATCH_RULE_LABELS } from '../../core/matcher';
import { useCamera } from '../../state/camera';
import { useEngine } from '../../state/engine';
import { useRecognition } from '../../state/recognition';
import { useSettings } from '../../state/settings';
import { SnapshotView } from './SnapshotView';
import { MatchSettings } from '../MatchSettings';
import { EmptyState } from '../kit/EmptyState';
import './camera.css';
import { useCameraStream } from './useCameraStream';

/** Space takes a snapshot unless the key belongs to a field or a button that has focus. */
function spaceIsFree(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable) return false;
  if (target.closest('input, textarea, select')) return false;
  const button = target.closest('button');
  return !button || button.getAttribute('role') === 'tab';
}

/** Live camera preview; a snapshot finds every face and names each against the chosen face database. */
export function CameraPage() {
  const { videoRef, state: stream, retry, capture } = useCameraStream();
  const { databases, selectedId, threshold, refresh, select } = useRecognition();
  const engineReady = useEngine((s) => s.state.status === 'ready');
  const { snapshot, state, recognise } = useCamera();
  const matchRule = useSettings((s) => s.matchRule);
  const [captureError, setCaptureError] = useState<string | null>(null);
  const ready = databases.filter((g) => g.status === 'ready');
  const database = ready.find((g) => g.id === selectedId) ?? null;
  const live = stream.status === 'live';
  const working = state.status === 'running';
  const canSnap = live && engineReady && !working;

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function takeSnapshot() {
    const startedAt = performance.now();
    setCaptureError(null);
    try {
      const image = await capture();
      await recognise(image, startedAt);
    } catch (e) {
      setCaptureError(errorMessage(e));
    }
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.code !== 'Space' || e.repeat || e.ctrlKey || e.metaKey || e.altKey || !spaceIsFree(e.target))
      return;
    e.preventDefault();
    if (canSnap) void takeSnapshot();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);

  return (
    <section aria-labelledby="camera-title" className="page">
      <div className="page-head">
        <h2 id="camera-title">Camera</h2>
        <p>
          Take a snapshot (the button, or Space): every face in it is compared with the chosen face database,
          on this device. The camera stops when you leave this tab.
        </p>
      </div>
      <div className="columns camera-layout">
        <div className="stack camera-preview" data-testid="camera-status" data-status={stream.status}>
          <div className="camera-frame">
            <video
              ref={videoRef}
              muted
              playsInline
              hidden={stream.status === 'error'}
              aria-label="Camera preview"
            />
            {stream.status === 'starting' && <p className="camera-note">Starting the camera…</p>}
            {stream.status === 'error' && (
              <div role="alert" className="camera-error" data-testid="camera-error" data-code={stream.code}>
                <p>{stream.message}</p>
                <button type="button" onClick={retry}>
                  Start camera
                </button>
              </div>
            )}
          </div>
          <div className="row">
            <button
              type="button"
              className="primary lg"
              disabled={!canSnap}
              onClick={() => void takeSnapshot()}
              data-testid="snapshot"
            >
              {working ? 'Recognising…' : 'Take a snapshot'}
            </button>
            <span className="muted small">
              {!engineReady ? 'Waiting for the face engine…' : 'or press Space'}
            </span>
          </div>
          <MatchSettings
            databases={ready}
            value={database?.id ?? null}
            onSelect={select}
            noneLabel="none (only find faces)"
            testId="camera"
          >
            <p className="muted small" data-testid="camera-rule">
              Matching: {MATCH_RULE_LABELS[matchRule]} (chosen on the Dashboard).
            </p>
          </MatchSettings>
        </div>
        <div className="stack camera-result">
          {captureError && (
            <p role="alert" className="error-text">
              {captureError}
            </p>
          )}
          {state.status === 'error' && (
            <p role="alert" className="error-text" data-testid="snapshot-error">
              {state.message}
            </p>
          )}
          {state.status === 'running' && (
            <p className="status-line" aria-live="polite">
              Finding and recognising faces…
            </p>
          )}
          {state.status === 'done' && snapshot ? (
            <SnapshotView
              key={snapshot.takenAt}
              image={snapshot.image}
              result={state.result.recognised}
              answerMs={state.result.answerMs}
              threshold={threshold}
              database={ready.find((g) => g.id === state.result.recognised.databaseId) ?? null}
            />
          ) : (
            state.status !== 'running' && (
              <div className="card">
                <EmptyState title="No snapshot yet">
                  Face the camera in good light and take a snapshot: each face found is named here.
                </EmptyState>
              </div>
            )
          )}
        </div>
      </div>
    </section>
  );
}
