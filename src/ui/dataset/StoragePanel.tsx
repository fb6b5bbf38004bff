import { useEffect } from 'react';
import type { StoredCounts } from '../../storage/quota';
import { useErase } from '../../state/erase';
import { useStorageInfo } from '../../state/storage-info';

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

function CountList({ counts, testId }: { counts: StoredCounts; testId: string }) {
  const rows: [string, number][] = [
    ['datasets', counts.datasets],
    ['images', counts.images],
    ['embeddings', counts.embeddings],
    ['face databases', counts.galleries],
    ['other databases', counts.otherDatabases.length],
    ['offline caches', counts.caches],
    ['settings (localStorage)', counts.localStorage],
  ];
  return (
    <ul className="storage-counts" data-testid={testId} data-counts={JSON.stringify(counts)}>
      {rows.map(([label, n]) => (
        <li key={label}>
          <strong>{n.toLocaleString()}</strong> {label}
        </li>
      ))}
    </ul>
  );
}

/**
 * What this browser holds for Likeness, whether it promised to keep it, and "Delete all my data":
 * datasets, face embeddings (biometric data), face databases, offline caches and settings.
 */
export function StoragePanel() {
  const { estimate, persistence, error, refresh } = useStorageInfo();
  const { phase, ask, dismiss, erase } = useErase();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="storage-panel" aria-labelledby="storage-title" data-testid="storage-panel">
      <h3 id="storage-title">Storage in this browser</h3>
      <p data-testid="storage-estimate">
        {estimate
          ? `${formatBytes(estimate.usage)} used of ${formatBytes(estimate.quota)} available to this site.`
          : 'This browser does not report how much storage is used.'}
      </p>
      <p data-testid="storage-persistence" data-persistence={persistence ?? 'unknown'}>
        {persistence === 'granted' &&
          'Persistent: the browser has promised not to clear these data to free space.'}
        {persistence === 'refused' && (
          <span className="warning-text">
            The browser refused persistent storage: it may clear your datasets and face databases without
            warning when the disk runs low. Export the face databases you want to keep; installing the app or
            bookmarking it can make the browser agree.
          </span>
        )}
        {persistence === 'unsupported' && 'This browser cannot promise to keep the data.'}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {(phase.status === 'idle' || phase.status === 'erased' || phase.status === 'error') && (
        <button type="button" className="ds-danger" onClick={() => void ask()} data-testid="erase-all">
          Delete all my data…
        </button>
      )}
      {phase.status === 'confirm' && (
        <div className="erase-confirm" role="alertdialog" aria-label="Delete all my data">
          <p>
            Delete everything Likeness keeps in this browser? This stops any running job and cannot be undone.
            Face embeddings are biometric data: this removes them all.
          </p>
          <CountList counts={phase.counts} testId="erase-before" />
          <button
            type="button"
            className="ds-danger"
            onClick={() => void erase()}
            data-testid="erase-confirm"
          >
            Delete everything
          </button>{' '}
          <button type="button" onClick={dismiss}>
            Keep my data
          </button>
        </div>
      )}
      {phase.status === 'erasing' && (
        <p role="status" data-testid="erase-progress">
          Deleting…
          {phase.blocked && ' Waiting for another Likeness tab to close its connection to the database.'}
        </p>
      )}
      {phase.status === 'erased' && (
        <div role="status" data-testid="erase-done">
          <p>Everything was deleted. Counted again, this browser now holds for Likeness:</p>
          <CountList counts={phase.counts} testId="erase-after" />
        </div>
      )}
      {phase.status === 'error' && (
        <p role="alert" className="error-text" data-testid="erase-error">
          {phase.message}
        </p>
      )}
    </section>
  );
}
