import type { ComponentType } from 'react';
import { AccuracySection } from './AccuracySection';
import { OpenSetSection } from './OpenSetSection';
import { PerPersonSection } from './PerPersonSection';
import { RocSection } from './RocSection';
import { RulesSection } from './RulesSection';
import type { DashboardSectionProps } from './section-props';
import { SuspectsSection } from './SuspectsSection';

/**
 * Every result section of the dashboard, in page order, each drawn from the same evaluation. A new
 * chart is a figure builder in core/evaluation plus one section file listed here.
 */
export const DASHBOARD_SECTIONS: readonly { id: string; Section: ComponentType<DashboardSectionProps> }[] = [
  { id: 'accuracy', Section: AccuracySection },
  { id: 'open-set', Section: OpenSetSection },
  { id: 'roc', Section: RocSection },
  { id: 'rules', Section: RulesSection },
  { id: 'per-person', Section: PerPersonSection },
  { id: 'suspects', Section: SuspectsSection },
];
