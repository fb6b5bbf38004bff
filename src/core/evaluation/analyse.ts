import { errorMessage, LikenessError } from '../errors';
import { accuracyVsEnrolmentSize, enrolAt, enrolmentSizesFor, type AccuracyPoint } from '../enrolment-curve';
import { createMatcher } from '../matcher';
import { compareMatchRules, type RuleAccuracy } from './rule-accuracy';
import type { ProbeResult } from '../metrics';
import {
  openSetCurve,
  openSetSummary,
  thresholdGrid,
  type OpenSetPoint,
  type OpenSetSummary,
  type StrangerResult,
} from '../open-set';
import { verificationRoc, type VerificationResult } from '../verification';
import type { EvaluationData } from './data';

export interface OpenSetReport {
  curve: OpenSetPoint[];
  summary: OpenSetSummary;
  /** Each stranger's nearest distance, for the rates at any other threshold. */
  strangers: StrangerResult[];
}

export interface DashboardReport {
  curve: AccuracyPoint[];
  /** The enrolment size the open-set, verification-free and rule comparisons use (the largest). */
  size: number;
  openSet: OpenSetReport | null;
  openSetError: string | null;
  verification: VerificationResult | null;
  verificationError: string | null;
  rules: RuleAccuracy[];
  known: ProbeResult[];
}

export const OPEN_SET_THRESHOLDS = thresholdGrid(0, 2, 0.01);

/** Everything the dashboard shows, from embeddings alone (nothing is embedded here). */
export function analyseEvaluation(data: EvaluationData, sizes?: readonly number[]): DashboardReport {
  const curveSizes = enrolmentSizesFor(data.people, sizes);
  if (curveSizes.length === 0) throw new LikenessError('no-face', 'No enrolment image gave a face');
  const size = curveSizes[curveSizes.length - 1]!;
  const curve = accuracyVsEnrolmentSize(data.people, curveSizes);
  const matcher = createMatcher('average', enrolAt(data.people, size));
  const known: ProbeResult[] = data.people.flatMap((person) =>
    person.probes.map((probe) => {
      const { best } = matcher.match(probe);
      return { truePerson: person.person, predicted: best.person, distance: best.distance };
    }),
  );
  let openSet: OpenSetReport | null = null;
  let openSetError: string | null = null;
  if (data.strangersName !== null) {
    const strangers: StrangerResult[] = data.strangers.map((probe) => ({
      distance: matcher.match(probe).best.distance,
    }));
    try {
      openSet = {
        curve: openSetCurve(known, strangers, OPEN_SET_THRESHOLDS),
        summary: openSetSummary(known, strangers),
        strangers,
      };
    } catch (e) {
      openSetError = errorMessage(e);
    }
  }
  let verification: VerificationResult | null = null;
  let verificationError: string | null = null;
  try {
    verification = verificationRoc(
      data.people.flatMap((p) => p.probes.map((embedding) => ({ person: p.person, embedding }))),
    );
  } catch (e) {
    verificationError = errorMessage(e);
  }
  return {
    curve,
    size,
    openSet,
    openSetError,
    verification,
    verificationError,
    rules: compareMatchRules(data.people, size),
    known,
  };
}
