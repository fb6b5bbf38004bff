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
  /**
   * Everyone, the heatmap's people first (the first `drawn`): similar averages next to each other,
   * so confusions sit near the diagonal; the rest in input order.
   */
  order: string[];
  /** How many of `order` the heatmap draws: everyone up to HEATMAP_PEOPLE. */
  drawn: number;
  /** confusion[t][p] in `order`: probes of order[t] whose nearest average was order[p]. */
  confusion: number[][];
  /** Probes per row of `confusion` (its row sums plus probes with no prediction). */
  tested: number[];
  pairs: ConfusedPairView[];
}

/** The heatmap's most people: each row keeps its name, and clustering them stays quick. */
export const HEATMAP_PEOPLE = 30;

/**
 * Indexes of the `limit` people most often mixed up (probes taken for someone else, either way),
 * in input order; everyone when they are no more than `limit`.
 */
export function mostMixedUp(confusion: readonly (readonly number[])[], limit: number): number[] {
  const n = confusion.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= limit) return all;
  const mixed = new Float64Array(n);
  for (let t = 0; t < n; t++)
    for (let p = 0; p < n; p++) {
      if (t === p || !confusion[t]![p]) continue;
      mixed[t]! += confusion[t]![p]!;
      mixed[p]! += confusion[t]![p]!;
    }
  const kept = new Set([...all].sort((a, b) => mixed[b]! - mixed[a]! || a - b).slice(0, limit));
  return all.filter((i) => kept.has(i));
}

/**
 * The per-person view from what analyseEvaluation already computed: report.known holds one result
 * per probe in person order (data.identities × probes), nearest average at report.size. Only the
 * heatmap's people are clustered (O(n³): 1,063 people took 4 s on the main thread, 30 take none).
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
  const full = confusionMatrix(names, report.known);
  const drawn = mostMixedUp(full, HEATMAP_PEOPLE);
  const drawnNames = new Set(drawn.map((i) => names[i]!));
  const database = enrolAt(
    data.people.filter((p) => drawnNames.has(p.person)),
    report.size,
  );
  const databaseOrder = clusterOrder(rowDistances(database.centroids, database.dim), database.people.length);
  const enrolled = new Set(database.people);
  // People with no enrolment have no average to cluster; they follow, in input order.
  const order = [
    ...databaseOrder.map((i) => database.people[i]!),
    ...drawn.map((i) => names[i]!).filter((n) => !enrolled.has(n)),
    ...names.filter((n) => !drawnNames.has(n)),
  ];
  const position = new Map(names.map((n, i) => [n, i]));
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
    drawn: drawn.length,
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
