import { useMemo } from 'react';
import { skipReasonText } from '../../core/dataset-folders';
import type { SkippedFile } from '../../storage/schema';

/** Rows beyond this are summarised by reason, not drawn. */
const shownRows = 1000;

/** Every file and folder an import left out, with the reason: nothing disappears silently. */
export function SkippedReport({ skipped }: { skipped: readonly SkippedFile[] }) {
  const byReason = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [skipped]);

  if (skipped.length === 0) return null;
  return (
    <details className="details" data-testid="skipped-report" open={skipped.length <= 50}>
      <summary>
        {skipped.length} {skipped.length === 1 ? 'file or folder was' : 'files or folders were'} skipped:{' '}
        {byReason.map(([reason, n]) => `${n} ${skipReasonText(reason)}`).join(', ')}
      </summary>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {skipped.slice(0, shownRows).map((s) => (
              <tr key={`${s.path}\n${s.reason}`} data-testid="skipped-row" data-reason={s.reason}>
                <td className="ds-path">{s.path}</td>
                <td>{skipReasonText(s.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length > shownRows && (
        <p className="muted">
          {skipped.length - shownRows} more are not listed; the counts above include them.
        </p>
      )}
    </details>
  );
}
