import { LikenessError } from '../core/errors';
import {
  nearDuplicatePairs,
  rankSuspects,
  robustUpperCutoff,
  scoreLabels,
  type LabelledPerson,
  type SliceProgress,
  type SuspectReason,
} from '../core/suspects';
import { readEmbeddings } from '../storage/databases';
import type { EvaluationData } from '../core/evaluation/data';

/**
 * Two images this close are treated as the same photo. Measured with faceres (4-point alignment) in
 * the plain view, the one the check compares (`inPlainView`), on pins-mini by
 * `tools/model-eval/harness/duplicates.ts 60 plain`: a copy re-encoded as JPEG q90 lies at most 0.13
 * from its original (median 0.07), JPEG q60 at most 0.24, shrunk to 80 % plus JPEG q75 at most 0.31
 * (95th percentile 0.29). Among the 101,025 pairs of different files, the nearest is 0.303, the same
 * photo cropped differently; the next is 0.354, two photos. (With the flip mean every distance was
 * about 1.2× smaller and the threshold 0.25.)
 */
export const DUPLICATE_THRESHOLD = 0.3;

/**
 * The evaluation with every probe in its plain view, the one view every evaluated image has stored
 * (enrolment images are embedded in it alone). Label scores and near-duplicate distances then compare
 * like with like: a photo and its copy lie 0.00 apart, not the 0.1–0.2 between one's plain view and
 * the other's flip mean. Probes without stored ids keep the vectors they came with.
 */
export async function inPlainView(data: EvaluationData): Promise<EvaluationData> {
  const ids = data.people.flatMap((p) => p.probeIds ?? []);
  if (ids.length === 0) return data;
  const plain = await readEmbeddings(data.modelKey, ids, 'enrol');
  return {
    ...data,
    people: data.people.map((p) =>
      p.probeIds ? { ...p, probes: p.probeIds.map((id, i) => plain.get(id)?.embedding ?? p.probes[i]!) } : p,
    ),
  };
}

/** Where an image sits in the evaluation: in the average, a held-out probe, or a spare candidate. */
export type ImageRole = 'enrolled' | 'probe' | 'spare';

export interface CheckedImage {
  person: string;
  role: ImageRole;
  /** Stored image id, null when the evaluation data carries none. */
  imageId: string | null;
}

export interface SuspectRow extends CheckedImage {
  rank: number;
  /** To the person's own average; leave-one-out for enrolled images. */
  ownDistance: number | null;
  nearestOther: string | null;
  otherDistance: number;
  margin: number;
  reasons: SuspectReason[];
}

export interface DuplicateRow {
  a: CheckedImage;
  b: CheckedImage;
  distance: number;
  kind: 'within' | 'across';
}

export interface SuspectReport {
  checked: number;
  /** An image farther than this from its own average is suspect (median + 3 · 1.4826 · MAD). */
  farCutoff: number;
  threshold: number;
  suspects: SuspectRow[];
  duplicates: DuplicateRow[];
}

export type SuspectPhase = 'scoring' | 'duplicates';

/** Hands the thread back between slices, so a cancel (a message to the worker) gets through. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function drive<T>(
  work: Generator<SliceProgress, T>,
  signal: AbortSignal | undefined,
  onSlice: (p: SliceProgress) => void,
): Promise<T> {
  for (;;) {
    if (signal?.aborted) throw new LikenessError('aborted', 'The label check was cancelled');
    const step = work.next();
    if (step.done) return step.value;
    onSlice(step.value);
    await pause();
  }
}

/**
 * Suspect labels and near-duplicates over every image of the evaluation (enrolled at `size`,
 * probes and spare candidates), from the stored embeddings alone, in slices (the analysis worker
 * runs it: src/analysis/worker.ts).
 */
export async function analyseSuspects(
  data: EvaluationData,
  size: number,
  options: {
    threshold?: number;
    signal?: AbortSignal;
    onProgress?: (phase: SuspectPhase, done: number, total: number) => void;
  } = {},
): Promise<SuspectReport> {
  const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
  const people: LabelledPerson[] = [];
  const images: CheckedImage[][] = [];
  for (const p of data.people) {
    const enrolled = p.enrolment.slice(0, size);
    const held = [...p.probes, ...p.enrolment.slice(size)];
    people.push({ person: p.person, enrolled, held });
    images.push([
      ...enrolled.map((_, i) => ({
        person: p.person,
        role: 'enrolled' as const,
        imageId: p.enrolmentIds?.[i] ?? null,
      })),
      ...p.probes.map((_, i) => ({
        person: p.person,
        role: 'probe' as const,
        imageId: p.probeIds?.[i] ?? null,
      })),
      ...p.enrolment.slice(size).map((_, i) => ({
        person: p.person,
        role: 'spare' as const,
        imageId: p.enrolmentIds?.[size + i] ?? null,
      })),
    ]);
  }
  const imageOf = (person: number, role: 'enrolled' | 'held', index: number) => {
    const offset = role === 'enrolled' ? 0 : people[person]!.enrolled.length;
    const image = images[person]?.[offset + index];
    if (!image) throw new LikenessError('invalid-argument', 'A checked image has no place in the evaluation');
    return image;
  };
  const check = await drive(scoreLabels(people), options.signal, (p) =>
    options.onProgress?.('scoring', p.done, p.total),
  );
  const farCutoff = robustUpperCutoff(
    check.scores.flatMap((s) => (s.ownDistance === null ? [] : [s.ownDistance])),
  );
  const suspects: SuspectRow[] = rankSuspects(check.scores, farCutoff).map((s, i) => ({
    ...imageOf(s.person, s.role, s.index),
    rank: i + 1,
    ownDistance: s.ownDistance,
    nearestOther: s.nearestOther === null ? null : people[s.nearestOther]!.person,
    otherDistance: s.otherDistance,
    margin: s.margin,
    reasons: s.reasons,
  }));
  const pairs =
    check.averages > 0
      ? await drive(
          nearDuplicatePairs(check.rows, check.dim, threshold, check.toAverages, check.averages),
          options.signal,
          (p) => options.onProgress?.('duplicates', p.done, p.total),
        )
      : [];
  const row = (i: number) => {
    const s = check.scores[i]!;
    return imageOf(s.person, s.role, s.index);
  };
  const duplicates: DuplicateRow[] = pairs.map((p) => {
    const a = row(p.a);
    const b = row(p.b);
    return { a, b, distance: p.distance, kind: a.person === b.person ? 'within' : 'across' };
  });
  return { checked: check.scores.length, farCutoff, threshold, suspects, duplicates };
}
