import { enrolAt } from '../enrolment-curve';
import { LikenessError } from '../errors';
import {
  clusterOrder,
  confusedPairs,
  confusionMatrix,
  perPersonAccuracy,
  reorderMatrix,
  rowDistances,
  type ConfusedPair,
  type PersonAccuracy,
} from '../per-person';
import type { DashboardReport } from './analyse';
import type { EvaluationData } from './data';

export interface ConfusedPairView extends ConfusedPair {
  /** Image ids of the probes taken for the wrong person (empty when ids are unknown). */
  probeIds: string[];
  /** An enrolled image of each person, to show who was mixed up with whom. */
  trueExample: string | null;
  predictedExample: string | null;
}

export interface PerPersonReport {
  /** Worst first. */
  accuracy: PersonAccuracy[];
  /** Heatmap order: similar averages next to each other, so confusions sit near the diagonal. */
  order: string[];
  /** confusion[t][p] in `order`: probes of order[t] whose nearest average was order[p]. */
  confusion: number[][];
  /** Probes per row of `confusion` (its row sums plus probes with no prediction). */
  tested: number[];
  pairs: ConfusedPairView[];
}

/**
 * The per-person view from what analyseEvaluation already computed: report.known holds one result
 * per probe in person order (data.identities × probes), nearest average at report.size.
 */
export function analysePeople(data: EvaluationData, report: DashboardReport): PerPersonReport {
  const names = data.people.map((p) => p.person);
  const probeIds = data.people.flatMap((p) => p.probes.map((_, i) => p.probeIds?.[i] ?? null));
  const probeOwners = data.people.flatMap((p) => p.probes.map(() => p.person));
  if (
    probeIds.length !== report.known.length ||
    report.known.some((r, i) => r.truePerson !== probeOwners[i])
  ) {
    throw new LikenessError('invalid-argument', 'The report does not belong to this evaluation');
  }
  const database = enrolAt(data.people, report.size);
  const databaseOrder = clusterOrder(rowDistances(database.centroids, database.dim), database.people.length);
  const enrolled = new Set(database.people);
  // People with no enrolment have no average to cluster; they go last, in input order.
  const order = [...databaseOrder.map((i) => database.people[i]!), ...names.filter((n) => !enrolled.has(n))];
  const position = new Map(names.map((n, i) => [n, i]));
  const full = confusionMatrix(names, report.known);
  const confusion = reorderMatrix(
    full,
    order.map((n) => position.get(n)!),
  );
  const testedBy = new Map<string, number>();
  for (const r of report.known) testedBy.set(r.truePerson, (testedBy.get(r.truePerson) ?? 0) + 1);
  const example = new Map(data.people.map((p) => [p.person, p.enrolmentIds?.[0] ?? null]));
  return {
    accuracy: perPersonAccuracy(names, report.known),
    order,
    confusion,
    tested: order.map((n) => testedBy.get(n) ?? 0),
    pairs: confusedPairs(report.known).map((pair) => ({
      ...pair,
      probeIds: pair.probes.flatMap((i) => probeIds[i] ?? []),
      trueExample: example.get(pair.truePerson) ?? null,
      predictedExample: example.get(pair.predicted) ?? null,
    })),
  };
}
