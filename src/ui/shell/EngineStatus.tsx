import { useEffect, useId } from 'react';
import { useEngine } from '../../state/engine';
import { Details } from '../kit/Details';
import { engineWords } from './engine-words';

const dotWords = { loading: 'getting ready', ready: 'ready', error: 'not working' } as const;

/**
 * The engine's status dot in the app bar, and what it means in words on demand (a popover): where
 * the work runs and why, with the technical facts behind Details. Starts the engine.
 */
export function EngineStatus() {
  const state = useEngine((s) => s.state);
  const apply = useEngine((s) => s.apply);
  const popoverId = useId();

  useEffect(() => {
    void apply({});
  }, [apply]);

  const info = state.status === 'ready' ? state.info : null;
  const words = info ? engineWords(info.backend, info.workers) : null;
  return (
    <>
      <button
        type="button"
        className="icon engine-dot"
        popoverTarget={popoverId}
        aria-label={`Face engine: ${dotWords[state.status]}. Show details`}
        title={`Face engine: ${dotWords[state.status]}`}
        data-testid="engine-dot"
        data-status={state.status}
        data-backend={info?.backend.name}
      >
        <span className={`dot ${state.status}`} aria-hidden />
      </button>
      <div
        id={popoverId}
        popover="auto"
        className="engine-popover"
        data-testid="engine-status"
        data-backend={info?.backend.name}
      >
        <div className="stack">
          {state.status === 'loading' && (
            <p>
              <strong>Getting ready.</strong> {state.message}
            </p>
          )}
          {state.status === 'error' && (
            <p className="error-text">
              <strong>The face engine could not start.</strong> {state.message}
            </p>
          )}
          {info && words && (
            <>
              <p>
                <strong>Ready.</strong> {words.where}: {words.why}.
              </p>
              <p className="muted">Everything runs in this browser: no photo leaves this device.</p>
              <Details testId="engine-details">
                <dl className="facts">
                  <dt>Model</dt>
                  <dd>{info.model.label}</dd>
                  <dt>tfjs backend</dt>
                  <dd>
                    <span data-testid="backend-name">{info.backend.name}</span>
                    {info.backend.name === 'wasm' &&
                      ` (SIMD ${info.backend.simd ? 'on' : 'off'}, ${info.backend.threads} thread${info.backend.threads > 1 ? 's' : ''} per worker)`}
                    , {info.workers} worker{info.workers > 1 ? 's' : ''}
                  </dd>
                  <dt>Why</dt>
                  <dd>{info.backend.reason}</dd>
                  <dt>WebGL renderer</dt>
                  <dd data-testid="backend-renderer">{info.backend.renderer ?? 'none (no WebGL)'}</dd>
                  <dt>Cross-origin isolated</dt>
                  <dd>
                    {info.backend.crossOriginIsolated ? 'yes (WASM threads allowed)' : 'no (one WASM thread)'}
                  </dd>
                  <dt>Model warm-up</dt>
                  <dd>{Math.round(info.warmupMs)} ms</dd>
                </dl>
              </Details>
            </>
          )}
        </div>
      </div>
    </>
  );
}

/** The engine's failure, where every page shows it: under the app bar. */
export function EngineError() {
  const state = useEngine((s) => s.state);
  if (state.status !== 'error') return null;
  return (
    <p role="alert" className="notice danger" data-testid="engine-error">
      The face engine could not start: {state.message} Open Settings to choose another way to run it.
    </p>
  );
}
