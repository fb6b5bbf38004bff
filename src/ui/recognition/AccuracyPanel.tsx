import { useMemo, useState } from 'react';
import { formatPercent as pct } from '../../core/stats';
import { sample } from '../../core/split';
import type { ProbeOutcome } from '../../app/recognition';
import { summaryOf } from '../../state/recognition';

/** Top-1 accuracy over held-out images only, with its 95 % interval, and the two kinds of error. */
export function AccuracyPanel({
  outcomes,
  threshold,
}: {
  outcomes: readonly ProbeOutcome[];
  threshold: number;
}) {
  const [notebookView, setNotebookView] = useState<0 | 50 | 100>(0);
  const summary = useMemo(() => summaryOf(outcomes, threshold), [outcomes, threshold]);
  const notebook = useMemo(
    () =>
      notebookView
        ? summaryOf(sample(outcomes, Math.min(notebookView, outcomes.length), 7), threshold)
        : null,
    [outcomes, threshold, notebookView],
  );
  return (
    <section className="accuracy" aria-labelledby="accuracy-title" data-testid="accuracy-panel">
      <h3 id="accuracy-title">Accuracy on held-out images</h3>
      <dl
        className="accuracy-grid"
        data-summary={JSON.stringify({
          tested: summary.tested,
          top1: summary.top1,
          ci95: summary.top1Ci95,
          accuracyWithThreshold: summary.accuracyWithThreshold,
          noMatch: summary.noMatchRate,
          wrongPerson: summary.wrongPersonRate,
          threshold,
        })}
      >
        <div>
          <dt>Top-1 (nearest person)</dt>
          <dd data-testid="top1">{pct(summary.top1)}</dd>
          <dd className="muted" data-testid="top1-ci">
            95 % CI {pct(summary.top1Ci95[0])} – {pct(summary.top1Ci95[1])}
          </dd>
        </div>
        <div>
          <dt>Tested</dt>
          <dd data-testid="tested">{summary.tested}</dd>
          <dd className="muted">never an enrolled image</dd>
        </div>
        <div>
          <dt>Correct within threshold {threshold.toFixed(2)}</dt>
          <dd data-testid="accuracy-threshold">{pct(summary.accuracyWithThreshold)}</dd>
        </div>
        <div>
          <dt>No match</dt>
          <dd data-testid="no-match-rate">{pct(summary.noMatchRate)}</dd>
        </div>
        <div>
          <dt>Wrong person</dt>
          <dd data-testid="wrong-person-rate">{pct(summary.wrongPersonRate)}</dd>
        </div>
      </dl>
      <div className="notebook-view">
        <label>
          Notebook view:{' '}
          <select
            value={notebookView}
            onChange={(e) => setNotebookView(Number(e.target.value) as 0 | 50 | 100)}
            data-testid="notebook-view"
          >
            <option value={0}>off</option>
            <option value={50}>random 50 held-out images</option>
            <option value={100}>random 100 held-out images</option>
          </select>
        </label>
        {notebook && (
          <span data-testid="notebook-accuracy">
            {' '}
            Accuracy on a random {notebook.tested} of the held-out images (as the Kaggle notebook reported
            it): {pct(notebook.accuracyWithThreshold)} (95 % CI {pct(notebook.top1Ci95[0])} –{' '}
            {pct(notebook.top1Ci95[1])} for top-1)
          </span>
        )}
      </div>
    </section>
  );
}
