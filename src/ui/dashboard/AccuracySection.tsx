import { useMemo } from 'react';
import { toCsv } from '../../core/csv';
import { accuracyFigure } from '../../core/evaluation/figures';
import { formatPercent as pct } from '../../core/stats';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import type { DashboardSectionProps } from './section-props';
import { TableScroll } from '../TableScroll';
import { useChartTheme } from '../useChartTheme';

/** Held-out top-1 against images per person, with its table and CSV. */
export function AccuracySection({ data, report, base }: DashboardSectionProps) {
  const theme = useChartTheme();
  const figure = useMemo(() => accuracyFigure(report.curve, data.datasetName, theme), [report, data, theme]);
  return (
    <section aria-labelledby="dash-acc">
      <h3 id="dash-acc">Held-out top-1 vs images per person</h3>
      <PlotlyChart
        testId="chart-accuracy"
        caption="The same test photos at every size; bars show where the true value likely lies"
        points={report.curve.length}
        filename={safeFileName(`${base}-accuracy-vs-enrolment`)}
        figure={figure}
      />
      <TableScroll label="Top-1 against images per person">
        <table className="db-table" data-testid="table-accuracy">
          <thead>
            <tr>
              <th>Per person</th>
              <th>People</th>
              <th>Tested</th>
              <th>Top-1</th>
              <th>95 % CI</th>
              <th>People with fewer</th>
            </tr>
          </thead>
          <tbody>
            {report.curve.map((p) => (
              <tr key={p.size} data-size={p.size} data-top1={p.top1}>
                <td>{p.size}</td>
                <td>{p.people}</td>
                <td>{p.tested}</td>
                <td>{pct(p.top1)}</td>
                <td>
                  {pct(p.ci95[0])} – {pct(p.ci95[1])}
                </td>
                <td>{p.short}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
    </section>
  );
}
