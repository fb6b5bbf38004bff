import { useMemo } from 'react';
import { formatPercent as pct } from '../../core/stats';
import { toCsv } from '../../core/csv';
import { adaptFigure } from '../../core/evaluation/figures';
import { useAdapt } from '../../state/adapt';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import { StepProgress } from './StepProgress';
import { Card } from '../kit/Card';
import { TableScroll } from '../TableScroll';

/**
 * "Adapt to your people": a projection learned from the enrolled images only, then the same probes
 * recognised again. Before and after come from the same split and the same probes.
 */
export function AdaptSection({ data, report, base }: DashboardSectionProps) {
  const { job, report: stored, reportFor, adapt, cancel } = useAdapt();
  const result = reportFor === data ? stored : null;
  const running = job.status === 'running';

  const chart = useMemo(() => (result ? adaptFigure(result, result.trainedOn.images) : null), [result]);

  return (
    <Card
      title={`Adapt to your people (${report.size} photos per person)`}
      titleId="dash-adapt"
      description="Learns, from the photos the database is built from only, which differences between photos of one person to pay less attention to; then recognises the same test photos again. No test photo is used to learn it."
    >
      <p>
        <button
          type="button"
          disabled={running}
          onClick={() => void adapt(data, report.size)}
          data-testid="adapt-run"
        >
          Adapt to your people
        </button>
      </p>
      {job.status === 'running' && (
        <StepProgress testId="adapt" label="Fitting the projection" job={job} onCancel={cancel}>
          step {job.done} / {job.total || '…'}
        </StepProgress>
      )}
      {job.status === 'error' && (
        <p role="alert" className="error-text" data-testid="adapt-error">
          {job.message}
        </p>
      )}
      {result && chart && (
        <>
          <p data-testid="adapt-trained-on" data-images={result.trainedOn.images}>
            Trained on <strong>{result.trainedOn.images}</strong> enrolled images of{' '}
            <strong>{result.trainedOn.identities}</strong> people and <strong>0</strong> test images (
            {result.rank} directions shrunk, λ = {result.lambda.toExponential(2)}, fitted in{' '}
            {result.fitSeconds.toFixed(1)} s).
          </p>
          <PlotlyChart
            testId="chart-adapt"
            caption={`${result.before.tested} test photos, the same before and after`}
            points={2}
            filename={safeFileName(`${base}-adapt`)}
            {...chart}
          />
          <TableScroll label="Before and after adapting">
            <table
              className="table"
              data-testid="table-adapt"
              data-adapt={JSON.stringify({
                method: result.method,
                trainedOn: result.trainedOn,
                before: { top1: result.before.top1, ci: result.before.ci95 },
                after: { top1: result.after.top1, ci: result.after.ci95 },
                gained: result.gained,
                lost: result.lost,
              })}
            >
              <thead>
                <tr>
                  <th>
                    <span className="sr-only">When</span>
                  </th>
                  <th>Tested</th>
                  <th>Correct</th>
                  <th>Top-1</th>
                  <th>95 % CI</th>
                </tr>
              </thead>
              <tbody>
                {[
                  { id: 'before', label: 'Before', a: result.before },
                  { id: 'after', label: 'After adapting', a: result.after },
                ].map(({ id, label, a }) => (
                  <tr key={id} data-row={id} data-top1={a.top1}>
                    <td>{label}</td>
                    <td>{a.tested}</td>
                    <td>{a.correct}</td>
                    <td>{pct(a.top1)}</td>
                    <td>
                      {pct(a.ci95[0])} – {pct(a.ci95[1])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p data-testid="adapt-flips">
            Photo by photo: <strong>{result.gained}</strong> went from wrong to right,{' '}
            <strong>{result.lost}</strong> from right to wrong (net{' '}
            {result.gained - result.lost >= 0 ? '+' : ''}
            {result.gained - result.lost}).
          </p>
          <CsvButton
            testId="csv-adapt"
            filename={`${base}-adapt`}
            csv={() =>
              toCsv(
                [
                  'when',
                  'method',
                  'trained_on_images',
                  'trained_on_identities',
                  'trained_on_test_images',
                  'tested',
                  'correct',
                  'top1',
                  'ci95_low',
                  'ci95_high',
                  'gained',
                  'lost',
                ],
                (
                  [
                    ['before', result.before],
                    ['after', result.after],
                  ] as const
                ).map(([when, a]) => [
                  when,
                  result.method,
                  result.trainedOn.images,
                  result.trainedOn.identities,
                  result.trainedOn.testImages,
                  a.tested,
                  a.correct,
                  a.top1,
                  a.ci95[0],
                  a.ci95[1],
                  result.gained,
                  result.lost,
                ]),
              )
            }
          />
        </>
      )}
    </Card>
  );
}
