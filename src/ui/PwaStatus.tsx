/// <reference types="vite-plugin-pwa/react" />
import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { errorMessage } from '../core/errors';
import { offlineChannel, type OfflineMessage } from '../pwa/offline-protocol';
import { useEngine } from '../state/engine';

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
      <div className="pwa-status" role="status" data-testid="pwa-update">
        <span>Update available.</span>
        <button type="button" onClick={() => void updateServiceWorker(true)} data-testid="pwa-reload">
          Reload
        </button>
        <button type="button" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="pwa-status" role="status" data-testid="pwa-offline-ready">
        <span>Ready to work offline: the app, its models and the sample are stored in this browser.</span>
        <button type="button" onClick={() => setOfflineReady(false)}>
          OK
        </button>
      </div>
    );
  }
  if (progress && progress.type === 'precache-progress') {
    return (
      <div className="pwa-status pwa-progress" data-testid="pwa-progress">
        <span>
          {update
            ? 'Downloading a new version for offline use'
            : 'First visit: saving the app, its face models and the sample for offline use'}
          {engineLoading ? ' (the face engine is loading its models meanwhile)' : ''}.
        </span>
        <progress
          max={progress.totalBytes}
          value={progress.bytes}
          aria-label="Saved for offline use"
          aria-valuetext={`${mib(progress.bytes)} of ${mib(progress.totalBytes)} MiB`}
        />
        <span
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
      <div className="pwa-status" role="status" data-testid="pwa-progress-done">
        <span>
          All {progress.totalFiles} files ({mib(progress.totalBytes)} MiB) are stored; switching to offline
          mode…
        </span>
      </div>
    );
  }
  if (failure) {
    return (
      <div className="pwa-status" data-testid="pwa-error">
        <span>Offline mode is unavailable in this browser: {failure}</span>
      </div>
    );
  }
  return null;
}
