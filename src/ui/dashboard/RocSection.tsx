import { useMemo } from 'react';
import { toCsv } from '../../core/csv';
import { rocFigure } from '../../core/evaluation/figures';
import { formatPercent as pct } from '../../core/stats';
import { CsvButton } from './CsvButton';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
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
    <section aria-labelledby="dash-roc">
      <h3 id="dash-roc">Verification: genuine vs impostor pairs of held-out images</h3>
      {v && figure ? (
        <>
          <PlotlyChart
            testId="chart-roc"
            caption={`${v.genuine.length.toLocaleString('en')} pairs of the same person, ${v.impostor.length.toLocaleString('en')} pairs of different people`}
            points={v.roc.length}
            filename={safeFileName(`${base}-roc`)}
            figure={figure}
          />
          <p data-testid="roc-auc" data-auc={v.auc} data-eer={v.eer}>
            AUC {v.auc.toFixed(4)} · EER {pct(v.eer)} at distance {v.eerThreshold.toFixed(3)}
          </p>
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
        </>
      ) : (
        <p className="muted">{report.verificationError}</p>
      )}
    </section>
  );
}
