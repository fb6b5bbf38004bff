/// <reference types="vite-plugin-pwa/react" />
import { useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { errorMessage } from '../core/errors';

/**
 * The service worker's two messages: the app, models and sample are cached ("Ready to work offline"),
 * and a new version is waiting (it takes over only when the user reloads, never mid-job).
 */
export function PwaStatus() {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      setFailure(errorMessage(error));
    },
  });

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
  if (failure) {
    return (
      <div className="pwa-status" data-testid="pwa-error">
        <span>Offline mode is unavailable in this browser: {failure}</span>
      </div>
    );
  }
  return null;
}
