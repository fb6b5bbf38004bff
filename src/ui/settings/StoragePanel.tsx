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
    ['photos', counts.images],
    ['face prints', counts.embeddings],
    ['face databases', counts.galleries],
    ['other databases', counts.otherDatabases.length],
    ['offline copies of the app', counts.caches],
    ['saved settings', counts.localStorage],
  ];
  return (
    <ul className="storage-counts" data-testid={testId} data-counts={JSON.stringify(counts)}>
      {rows.map(([label, n]) => (
        <li key={label}>
          <strong className="num">{n.toLocaleString()}</strong> {label}
        </li>
      ))}
    </ul>
  );
}

/**
 * What this browser holds for Likeness, whether it promised to keep it, and "Delete all my data":
 * datasets, face prints (biometric data), face databases, offline copies and settings.
 */
export function StoragePanel() {
  const { estimate, persistence, asked, error, refresh } = useStorageInfo();
  const { phase, ask, dismiss, erase } = useErase();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="stack" aria-labelledby="storage-title" data-testid="storage-panel">
      <h3 id="storage-title">Your data</h3>
      <p className="muted small">
        Photos, face prints and face databases are kept in this browser, on this device. Nothing is uploaded.
      </p>
      <p className="small" data-testid="storage-estimate">
        {estimate
          ? `${formatBytes(estimate.usage)} used of ${formatBytes(estimate.quota)} available to this site.`
          : 'This browser does not report how much storage is used.'}
      </p>
      <p className="small" data-testid="storage-persistence" data-persistence={persistence ?? 'unknown'}>
        {persistence === 'granted' && 'The browser has promised not to clear these data to free space.'}
        {persistence === 'refused' &&
          (asked ? (
            <span className="notice">
              The browser would not promise to keep these data: it may clear your datasets and face databases
              when the disk runs low. Export the face databases you want to keep; installing the app or
              bookmarking it can make the browser agree.
            </span>
          ) : (
            'The browser is asked to keep your data when you import your first photos.'
          ))}
        {persistence === 'unsupported' && 'This browser cannot promise to keep the data.'}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {(phase.status === 'idle' || phase.status === 'erased' || phase.status === 'error') && (
        <div className="actions">
          <button type="button" className="danger" onClick={() => void ask()} data-testid="erase-all">
            Delete all my data…
          </button>
        </div>
      )}
      {phase.status === 'confirm' && (
        <div className="notice danger" role="alertdialog" aria-label="Delete all my data">
          <p>
            Delete everything Likeness keeps in this browser? This stops any running job and cannot be undone.
            Face prints are biometric data: this removes them all.
          </p>
          <CountList counts={phase.counts} testId="erase-before" />
          <div className="actions">
            <button type="button" onClick={dismiss}>
              Keep my data
            </button>
            <button
              type="button"
              className="danger solid"
              onClick={() => void erase()}
              data-testid="erase-confirm"
            >
              Delete everything
            </button>
          </div>
        </div>
      )}
      {phase.status === 'erasing' && (
        <p role="status" className="status-line" data-testid="erase-progress">
          Deleting…
          {phase.blocked && ' Waiting for another Likeness tab to close its connection to the database.'}
        </p>
      )}
      {phase.status === 'erased' && (
        <div role="status" className="small" data-testid="erase-done">
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
