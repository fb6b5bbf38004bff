import { useMemo } from 'react';
import { formatPercent as pct } from '../../core/stats';
import type { ProbeOutcome } from '../../app/recognition';
import { summaryOf } from '../../state/recognition';
import { Card } from '../kit/Card';

/** "93.8 %" with the % sign smaller, as the headline numbers show it. */
function Percent({ value, testId }: { value: number; testId: string }) {
  const [number] = pct(value).split(' ');
  return (
    <span className="value" data-testid={testId}>
      {number}
      <small> %</small>
    </span>
  );
}

/**
 * How well the test photos were named: correctly at the threshold, right on the first guess (with
 * the range it is likely to lie in), not recognised, and taken for someone else. Test photos only:
 * never one the database was built from.
 */
export function AccuracyPanel({
  outcomes,
  threshold,
}: {
  outcomes: readonly ProbeOutcome[];
  threshold: number;
}) {
  const summary = useMemo(() => summaryOf(outcomes, threshold), [outcomes, threshold]);
  const of = (share: number) => `${Math.round(share * summary.tested)} of ${summary.tested}`;
  return (
    <Card title="How well it did" titleId="accuracy-title" testId="accuracy-panel">
      <dl
        className="metrics"
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
        <div className="metric">
          <dt>Named correctly</dt>
          <dd>
            <Percent value={summary.accuracyWithThreshold} testId="accuracy-threshold" />
          </dd>
          <dd className="note">
            {of(summary.accuracyWithThreshold)} test photos, at threshold {threshold.toFixed(2)}
          </dd>
        </div>
        <div className="metric">
          <dt>Right on the first guess</dt>
          <dd>
            <Percent value={summary.top1} testId="top1" />
          </dd>
          <dd className="note" data-testid="top1-ci">
            likely {pct(summary.top1Ci95[0]).replace(' %', '')}–{pct(summary.top1Ci95[1])}, whatever the
            threshold
          </dd>
        </div>
        <div className="metric">
          <dt>No match</dt>
          <dd>
            <Percent value={summary.noMatchRate} testId="no-match-rate" />
          </dd>
          <dd className="note">{of(summary.noMatchRate)}: too far from everyone</dd>
        </div>
        <div className="metric">
          <dt>Wrong person</dt>
          <dd>
            <Percent value={summary.wrongPersonRate} testId="wrong-person-rate" />
          </dd>
          <dd className="note">{of(summary.wrongPersonRate)}: taken for someone else</dd>
        </div>
      </dl>
      <p className="muted small">
        <span data-testid="tested">{summary.tested}</span> test photos, none of them used to build the face
        database.
      </p>
    </Card>
  );
}
