import { useMemo } from 'react';
import { toCsv } from '../../core/csv';
import { rocFigure } from '../../core/evaluation/figures';
import { formatPercent as pct } from '../../core/stats';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import type { DashboardSectionProps } from './section-props';
import { useRecognition } from '../../state/recognition';
import { useChartTheme } from '../useChartTheme';

/** The verification ROC of held-out pairs, its AUC and EER. */
export function RocSection({ report, base }: DashboardSectionProps) {
  const v = report.verification;
  const threshold = useRecognition((s) => s.threshold);
  const theme = useChartTheme();
  const figure = useMemo(() => (v ? rocFigure(v, threshold, theme) : null), [v, threshold, theme]);
  return (
    <Card
      title="Same person or not: pairs of test photos"
      titleId="dash-roc"
      description="How well a distance tells two photos of one person from photos of two people."
      actions={
        v && (
          <CsvButton
            testId="csv-roc"
            filename={`${base}-roc`}
            csv={() =>
              toCsv(
                ['threshold', 'far', 'tar'],
                v.roc.map((p) => [p.threshold, p.far, p.tpr]),
              )
            }
          />
        )
      }
    >
      {v && figure ? (
        <>
          <PlotlyChart
            inCard
            testId="chart-roc"
            caption={`${v.genuine.length} pairs of the same person, ${v.impostor.length} pairs of different people`}
            points={v.roc.length}
            filename={safeFileName(`${base}-roc`)}
            figure={figure}
          />
          <p data-testid="roc-auc" data-auc={v.auc} data-eer={v.eer}>
            A pair of the same person is closer than a pair of different people {pct(v.auc)} of the time. At
            distance {v.eerThreshold.toFixed(3)}, {pct(v.eer)} of pairs are judged wrongly either way.
          </p>
          <Details>
            <p>
              Area under the ROC curve (AUC) {v.auc.toFixed(4)}; equal error rate (EER) {pct(v.eer)} at
              distance {v.eerThreshold.toFixed(3)}.
            </p>
          </Details>
        </>
      ) : (
        <p className="muted">{report.verificationError}</p>
      )}
    </Card>
  );
}
