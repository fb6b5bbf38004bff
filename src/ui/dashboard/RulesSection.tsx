import { useEffect } from 'react';
import { toCsv } from '../../core/csv';
import { SIMULATED_PEOPLE } from '../../core/evaluation/search-times';
import { MATCH_RULE_LABELS } from '../../core/matcher';
import { formatPercent as pct } from '../../core/stats';
import { useDashboard } from '../../state/dashboard';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { TableScroll } from '../TableScroll';

const ms = (x: number) => (Number.isFinite(x) ? `${x < 1 ? x.toFixed(3) : x.toFixed(1)} ms` : '–');
const people = SIMULATED_PEOPLE.toLocaleString('en');

/** Top-1 of every matching rule on the same split, with search time per probe. */
export function RulesSection({ report, base }: DashboardSectionProps) {
  const timings = useDashboard((s) => s.timings);
  const running = useDashboard((s) => s.job.status === 'running');
  const measureTimings = useDashboard((s) => s.measureTimings);
  useEffect(() => {
    if (!timings && !running) void measureTimings();
  }, [report, timings, running, measureTimings]);
  const timingOf = (rule: string) => timings?.find((x) => x.rule === rule);

  const csv = (
    <CsvButton
      testId="csv-rules"
      filename={`${base}-matching-rules`}
      csv={() =>
        toCsv(
          [
            'rule',
            'tested',
            'correct',
            'top1',
            'ci95_low',
            'ci95_high',
            'rows',
            'ms_per_probe',
            'ms_per_probe_10k',
          ],
          report.rules.map((r) => {
            const t = timingOf(r.rule);
            return [
              r.rule,
              r.tested,
              r.correct,
              r.top1,
              r.ci95[0],
              r.ci95[1],
              t?.rows ?? null,
              t?.msPerProbe ?? null,
              t?.msPerProbeAt10k ?? null,
            ];
          }),
        )
      }
    />
  );
  return (
    <Card
      title={`Ways of matching (${report.size} photos per person)`}
      titleId="dash-rules"
      description="Each person’s average face print, or their nearest photos: how often each is right, and how fast."
      actions={csv}
    >
      <TableScroll label="Matching rules">
        <table className="table" data-testid="table-rules">
          <thead>
            <tr>
              <th>Rule</th>
              <th className="n">First guess right</th>
              <th>Likely range</th>
              <th className="n">Time per photo</th>
              <th className="n">At {people} people</th>
            </tr>
          </thead>
          <tbody>
            {report.rules.map((r) => {
              const t = timingOf(r.rule);
              return (
                <tr
                  key={r.rule}
                  data-rule={r.rule}
                  data-top1={r.top1}
                  data-rows={t?.rows}
                  data-ms-per-probe={t?.msPerProbe}
                  data-ms-per-probe-at10k={t?.msPerProbeAt10k}
                >
                  <td>{MATCH_RULE_LABELS[r.rule]}</td>
                  <td className="n">{pct(r.top1)}</td>
                  <td>
                    {pct(r.ci95[0])} – {pct(r.ci95[1])}
                  </td>
                  <td className="n">{t ? ms(t.msPerProbe) : '…'}</td>
                  <td className="n">{t ? ms(t.msPerProbeAt10k) : '…'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <div className="actions">
        <button type="button" onClick={() => void measureTimings()} data-testid="measure-timings">
          Time them again
        </button>
      </div>
      <Details>
        <p>
          Times are in the matching worker, off this page’s thread. At {people} people the database is random
          unit vectors: the nearest-photo rules scan {people} × {report.size} rows, timed as {report.size}{' '}
          passes over {people} rows.
        </p>
        <p>
          Rows scanned per photo:{' '}
          {report.rules
            .map((r) => `${MATCH_RULE_LABELS[r.rule]} ${timingOf(r.rule)?.rows ?? '…'}`)
            .join(', ')}
          .
        </p>
      </Details>
    </Card>
  );
}
