import { useMemo } from 'react';
import { toCsv } from '../../core/csv';
import { OPEN_SET_THRESHOLDS, type OpenSetReport } from '../../core/evaluation/analyse';
import { openSetAt, type OpenSetPoint, type OpenSetSummary } from '../../core/open-set';
import { openSetFigure } from '../../core/evaluation/figures';
import { formatPercent as pct } from '../../core/stats';
import { useDashboard } from '../../state/dashboard';
import { useRecognition } from '../../state/recognition';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import type { DashboardSectionProps } from './section-props';
import { TableScroll } from '../TableScroll';
import { useChartTheme } from '../useChartTheme';

/** The open set's two operating points, as the table and its Apply buttons show them. */
const operatingPoints = (summary: OpenSetSummary) => [
  { id: 'eer', label: `EER (${pct(summary.eer)})`, p: summary.atEer },
  { id: 'far1', label: '1 % FAR', p: summary.at1pctFar },
];

/** Open-set error rates against the threshold, the two operating points and "Apply". */
export function OpenSetSection({ data, report, base }: DashboardSectionProps) {
  const threshold = useRecognition((s) => s.threshold);
  return (
    <section aria-labelledby="dash-open">
      <h3 id="dash-open">Open set: strangers, no-match and wrong person vs threshold</h3>
      {report.openSet ? (
        <OpenSetView
          openSet={report.openSet}
          atThreshold={openSetAt(report.known, report.openSet.strangers, threshold)}
          strangersName={data.strangersName ?? ''}
          size={report.size}
          base={base}
        />
      ) : (
        <p className="muted" data-testid="open-set-missing">
          {report.openSetError ?? 'Choose strangers (held-out people or another dataset) and evaluate again.'}
        </p>
      )}
    </section>
  );
}

function OpenSetView({
  openSet,
  atThreshold,
  strangersName,
  size,
  base,
}: {
  openSet: OpenSetReport;
  /** The rates at the live threshold (for `npm run evaluate`: strangers named at the default). */
  atThreshold: OpenSetPoint;
  strangersName: string;
  size: number;
  base: string;
}) {
  const threshold = useRecognition((s) => s.threshold);
  const applyThreshold = useDashboard((s) => s.applyThreshold);
  const theme = useChartTheme();
  const figure = useMemo(
    () => openSetFigure(openSet, strangersName, threshold, theme),
    [openSet, strangersName, threshold, theme],
  );
  const { summary } = openSet;
  return (
    <>
      <PlotlyChart
        testId="chart-open-set"
        caption={`${summary.known} test photos of known people, ${summary.strangers} of strangers; ${size} photos enrolled per person`}
        points={OPEN_SET_THRESHOLDS.length}
        filename={safeFileName(`${base}-open-set`)}
        figure={figure}
      />
      <TableScroll label="Operating points">
        <table
          className="db-table"
          data-testid="table-open-set"
          data-open-set={JSON.stringify({
            eerThreshold: summary.eerThreshold,
            eer: summary.eer,
            thresholdAt1pctFar: summary.thresholdAt1pctFar,
            atEer: summary.atEer,
            at1pctFar: summary.at1pctFar,
            atThreshold,
            known: summary.known,
            strangers: summary.strangers,
          })}
        >
          <thead>
            <tr>
              <th>Operating point</th>
              <th>Threshold</th>
              <th>FAR</th>
              <th>FRR</th>
              <th>Wrong person</th>
              <th>Correct</th>
            </tr>
          </thead>
          <tbody>
            {operatingPoints(summary).map(({ id, label, p }) => (
              <tr key={id}>
                <td>{label}</td>
                {p ? (
                  <>
                    <td>{p.threshold.toFixed(3)}</td>
                    <td>{pct(p.far)}</td>
                    <td>{pct(p.frr)}</td>
                    <td>{pct(p.wrongPerson)}</td>
                    <td>{pct(p.correct)}</td>
                  </>
                ) : (
                  <td colSpan={5} className="muted">
                    No threshold keeps FAR at 1 % or below.
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="button-row">
        {operatingPoints(summary).map(
          ({ id, p }) =>
            p && (
              <button
                key={id}
                type="button"
                data-testid={`apply-${id}`}
                onClick={() => applyThreshold(p.threshold)}
              >
                Apply {id === 'eer' ? 'EER' : '1 % FAR'} threshold ({p.threshold.toFixed(3)})
              </button>
            ),
        )}
      </p>
      <p className="muted">
        The Recognise tab’s threshold is now{' '}
        <strong data-testid="dash-threshold">{threshold.toFixed(3)}</strong>.
      </p>
      <CsvButton
        testId="csv-open-set"
        filename={`${base}-open-set`}
        csv={() =>
          toCsv(
            ['threshold', 'far', 'frr', 'wrong_person', 'correct'],
            openSet.curve.map((p) => [p.threshold, p.far, p.frr, p.wrongPerson, p.correct]),
          )
        }
      />
    </>
  );
}
