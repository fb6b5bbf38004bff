/// <reference types="vite-plugin-pwa/react" />
import { useEffect, useEffectEvent, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { errorMessage } from '../../core/errors';
import { offlineChannel, type OfflineMessage } from '../../pwa/offline-protocol';
import { useEngine } from '../../state/engine';

type Progress = Exclude<OfflineMessage, { type: 'precache-ask' }>;

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The service worker's progress while it stores the app for offline use; null when it is not working. */
function usePrecacheProgress(): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(offlineChannel);
    channel.onmessage = (event: MessageEvent<OfflineMessage>) => {
      const m = event.data;
      if (m?.type === 'precache-progress' || m?.type === 'precache-done') setProgress(m);
    };
    // A worker that started before this page listened says where it is.
    channel.postMessage({ type: 'precache-ask' } satisfies OfflineMessage);
    return () => channel.close();
  }, []);
  return progress;
}

/**
 * The service worker's messages: on a first visit, how much of the app, its models and the sample
 * it has stored; then that they are all stored ("Ready to work offline"); later, that a new version
 * is waiting (it takes over only when the user reloads, never mid-job).
 */
export function PwaStatus() {
  const [failure, setFailure] = useState<string | null>(null);
  const reported = usePrecacheProgress();
  // Once the worker has taken over (or an update waits), its progress has nothing more to say.
  const [settled, setSettled] = useState(false);
  const progress = settled ? null : reported;
  const update = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
  const engineLoading = useEngine((s) => s.state.status === 'loading');
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      setFailure(errorMessage(error));
    },
  });

  if ((needRefresh || offlineReady) && !settled) setSettled(true);
  if (needRefresh) {
    return (
      <div className="toast" role="status" data-testid="pwa-update">
        <span>A new version of Likeness is ready.</span>
        <span className="actions">
          <button type="button" className="ghost" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => void updateServiceWorker(true)}
            data-testid="pwa-reload"
          >
            Reload
          </button>
        </span>
      </div>
    );
  }
  if (offlineReady) return <OfflineReady onDone={() => setOfflineReady(false)} />;
  if (progress && progress.type === 'precache-progress') {
    return (
      <div className="toast" data-testid="pwa-progress">
        <span>
          {update ? 'Saving the new version for offline use…' : 'Saving Likeness for offline use…'}
          {engineLoading ? ' The face engine starts meanwhile.' : ''}
        </span>
        <progress
          max={progress.totalBytes}
          value={progress.bytes}
          aria-label="Saved for offline use"
          aria-valuetext={`${mib(progress.bytes)} of ${mib(progress.totalBytes)} MiB`}
        />
        <span
          className="toast-detail"
          data-testid="pwa-progress-text"
          data-files={progress.files}
          data-total-files={progress.totalFiles}
        >
          {progress.files} of {progress.totalFiles} files · {mib(progress.bytes)} of{' '}
          {mib(progress.totalBytes)} MiB
        </span>
      </div>
    );
  }
  if (progress && progress.type === 'precache-done') {
    return (
      <div className="toast" role="status" data-testid="pwa-progress-done">
        <span>Saved for offline use; switching over…</span>
      </div>
    );
  }
  if (failure) {
    return (
      <div className="toast" data-testid="pwa-error">
        <span>Likeness cannot work offline in this browser: {failure}</span>
      </div>
    );
  }
  return null;
}

/** "Ready to work offline", once: it goes by itself after a few seconds, or with OK. */
function OfflineReady({ onDone }: { onDone(): void }) {
  const done = useEffectEvent(onDone);
  useEffect(() => {
    const timer = setTimeout(done, 8000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="toast" role="status" data-testid="pwa-offline-ready">
      <span>Ready to work offline: the app, its models and the sample are saved in this browser.</span>
      <button type="button" className="ghost" onClick={onDone}>
        OK
      </button>
    </div>
  );
}
