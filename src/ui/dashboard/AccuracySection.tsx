import { useMemo } from 'react';
import { toCsv } from '../../core/csv';
import { accuracyFigure } from '../../core/evaluation/figures';
import { formatPercent as pct } from '../../core/stats';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import type { DashboardSectionProps } from './section-props';
import { Card } from '../kit/Card';
import { TableScroll } from '../TableScroll';
import { useChartTheme } from '../useChartTheme';

/** Held-out top-1 against images per person, with its table and CSV. */
export function AccuracySection({ data, report, base }: DashboardSectionProps) {
  const theme = useChartTheme();
  const figure = useMemo(() => accuracyFigure(report.curve, data.datasetName, theme), [report, data, theme]);
  const csv = (
    <CsvButton
      testId="csv-accuracy"
      filename={`${base}-accuracy-vs-enrolment`}
      csv={() =>
        toCsv(
          ['per_person', 'identities', 'tested', 'correct', 'top1', 'ci95_low', 'ci95_high', 'short'],
          report.curve.map((p) => [
            p.size,
            p.people,
            p.tested,
            p.correct,
            p.top1,
            p.ci95[0],
            p.ci95[1],
            p.short,
          ]),
        )
      }
    />
  );
  return (
    <Card
      title="Right on the first guess, by photos per person"
      titleId="dash-acc"
      description="How many photos of each person it takes to name them."
      actions={csv}
    >
      <PlotlyChart
        inCard
        testId="chart-accuracy"
        caption="The same test photos at every size; bars show where the true value likely lies"
        points={report.curve.length}
        filename={safeFileName(`${base}-accuracy-vs-enrolment`)}
        figure={figure}
      />
      <TableScroll label="First guess right, by photos per person">
        <table className="table" data-testid="table-accuracy">
          <thead>
            <tr>
              <th className="n">Photos per person</th>
              <th className="n">People</th>
              <th className="n">Test photos</th>
              <th className="n">First guess right</th>
              <th>Likely range</th>
              <th className="n">People with fewer photos</th>
            </tr>
          </thead>
          <tbody>
            {report.curve.map((p) => (
              <tr key={p.size} data-size={p.size} data-top1={p.top1}>
                <td className="n">{p.size}</td>
                <td className="n">{p.people}</td>
                <td className="n">{p.tested}</td>
                <td className="n">{pct(p.top1)}</td>
                <td>
                  {pct(p.ci95[0])} – {pct(p.ci95[1])}
                </td>
                <td className="n">{p.short}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
