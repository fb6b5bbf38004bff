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
import { Card } from '../kit/Card';
import { TableScroll } from '../TableScroll';
import { useChartTheme } from '../useChartTheme';

/** The open set's two operating points, as the table and its Apply buttons show them. */
const operatingPoints = (summary: OpenSetSummary) => [
  { id: 'eer', label: 'Balanced', use: 'Use the balanced threshold', p: summary.atEer },
  { id: 'far1', label: '1 in 100 strangers named', use: 'Use the 1-in-100 threshold', p: summary.at1pctFar },
];

/** Open-set error rates against the threshold, the two operating points and "Apply". */
export function OpenSetSection({ data, report, base }: DashboardSectionProps) {
  const threshold = useRecognition((s) => s.threshold);
  return (
    <Card
      title="Strangers: who is let in at each threshold"
      titleId="dash-open"
      description="A higher threshold names more known faces, and lets in more strangers."
      actions={report.openSet && <OpenSetCsv openSet={report.openSet} base={base} />}
    >
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
          {report.openSetError ??
            'Choose strangers (people kept out of this dataset, or another dataset) and measure again.'}
        </p>
      )}
    </Card>
  );
}

function OpenSetCsv({ openSet, base }: { openSet: OpenSetReport; base: string }) {
  return (
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
        inCard
        testId="chart-open-set"
        caption={`${summary.known} test photos of known people, ${summary.strangers} of strangers; ${size} photos enrolled per person`}
        points={OPEN_SET_THRESHOLDS.length}
        filename={safeFileName(`${base}-open-set`)}
        figure={figure}
      />
      <TableScroll label="Operating points">
        <table
          className="table"
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
              <th>Setting</th>
              <th className="n">Threshold</th>
              <th className="n">Strangers named</th>
              <th className="n">Known faces refused</th>
              <th className="n">Wrong person</th>
              <th className="n">Named correctly</th>
            </tr>
          </thead>
          <tbody>
            {operatingPoints(summary).map(({ id, label, p }) => (
              <tr key={id}>
                <td>{label}</td>
                {p ? (
                  <>
                    <td className="n">{p.threshold.toFixed(3)}</td>
                    <td className="n">{pct(p.far)}</td>
                    <td className="n">{pct(p.frr)}</td>
                    <td className="n">{pct(p.wrongPerson)}</td>
                    <td className="n">{pct(p.correct)}</td>
                  </>
                ) : (
                  <td colSpan={5} className="muted">
                    No threshold keeps strangers named at 1 in 100 or fewer.
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="actions">
        {operatingPoints(summary).map(
          ({ id, use, p }) =>
            p && (
              <button
                key={id}
                type="button"
                data-testid={`apply-${id}`}
                onClick={() => applyThreshold(p.threshold)}
              >
                {use} ({p.threshold.toFixed(3)})
              </button>
            ),
        )}
      </div>
      <p className="muted small">
        The Recognise tab’s threshold is now{' '}
        <strong data-testid="dash-threshold">{threshold.toFixed(3)}</strong>. Balanced: as many strangers
        named as known faces refused ({pct(summary.eer)} each).
      </p>
    </>
  );
}
