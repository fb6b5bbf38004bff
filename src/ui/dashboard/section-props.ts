import type { DashboardReport } from '../../core/evaluation/analyse';
import type { EvaluationData } from '../../core/evaluation/data';

/** What every dashboard section below the main charts is drawn from. */
export type DashboardSectionProps = {
  data: EvaluationData;
  report: DashboardReport;
  /** File-name stem for the section's downloads: dataset and model. */
  base: string;
};
