import { LikenessError } from './errors';

/**
 * The LFW verification protocol ("View 2"): a pairs file of k folds, each of n same-person and n
 * different-person pairs. For every fold the distance threshold is chosen on the other k − 1 folds
 * and the held-out fold is scored with it; the report is the mean accuracy over folds.
 */

export interface PairImage {
  name: string;
  /** 1-based image number: `<name>_<nnnn>.jpg`. */
  number: number;
}

export interface LfwPair {
  /** 0-based fold. */
  fold: number;
  same: boolean;
  a: PairImage;
  b: PairImage;
  /** 1-based line in the pairs file, for messages. */
  line: number;
}

export interface PairsFile {
  folds: number;
  /** Same-person pairs per fold (and as many different-person pairs). */
  perFold: number;
  /** In file order: fold by fold, same-person pairs first. */
  pairs: LfwPair[];
}

const fail = (line: number, message: string): never => {
  throw new LikenessError('invalid-argument', `Pairs file, line ${line}: ${message}`);
};

function count(token: string, line: number, what: string): number {
  if (!/^\d+$/.test(token) || Number(token) < 1)
    fail(line, `${what} must be a whole number ≥ 1, not “${token}”`);
  return Number(token);
}

function name(token: string, line: number): string {
  // Names become folder and file names; a separator or a dot-only name would leave the dataset folder.
  if (/[/\\]/.test(token) || /^\.+$/.test(token)) fail(line, `“${token}” is not a person's folder name`);
  return token;
}

/**
 * Parses LFW's pairs.txt: a first line `<folds> <n>`, then per fold n lines `Name n1 n2` (same
 * person) followed by n lines `Name1 n1 Name2 n2` (different people). Fields may be separated by
 * any run of spaces or tabs; blank lines are ignored. Anything else throws, naming the line.
 */
export function parsePairs(text: string): PairsFile {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ fields: raw.trim().split(/\s+/).filter(Boolean), line: i + 1 }))
    .filter((l) => l.fields.length > 0);
  const header = lines[0];
  if (!header) throw new LikenessError('invalid-argument', 'The pairs file is empty');
  if (header.fields.length !== 2)
    fail(
      header.line,
      `the first line must be “<folds> <pairs per fold>”, got ${header.fields.length} fields`,
    );
  const folds = count(header.fields[0]!, header.line, 'The number of folds');
  const perFold = count(header.fields[1]!, header.line, 'The number of pairs per fold');
  const expected = folds * perFold * 2;
  const body = lines.slice(1);
  if (body.length !== expected) {
    const last = body.at(-1)?.line ?? header.line;
    fail(
      body.length < expected ? last : body[expected]!.line,
      `${folds} folds × (${perFold} same + ${perFold} different) means ${expected} pair lines, but the file has ${body.length}`,
    );
  }
  const pairs = body.map(({ fields, line }, i): LfwPair => {
    const fold = Math.floor(i / (2 * perFold));
    const same = i % (2 * perFold) < perFold;
    const where = `fold ${fold + 1}, ${same ? 'same-person' : 'different-person'} pair ${(i % perFold) + 1} of ${perFold}`;
    if (same) {
      if (fields.length !== 3) fail(line, `expected “Name n1 n2” (${where}), got ${fields.length} fields`);
      const person = name(fields[0]!, line);
      return {
        fold,
        same,
        a: { name: person, number: count(fields[1]!, line, 'An image number') },
        b: { name: person, number: count(fields[2]!, line, 'An image number') },
        line,
      };
    }
    if (fields.length !== 4)
      fail(line, `expected “Name1 n1 Name2 n2” (${where}), got ${fields.length} fields`);
    return {
      fold,
      same,
      a: { name: name(fields[0]!, line), number: count(fields[1]!, line, 'An image number') },
      b: { name: name(fields[2]!, line), number: count(fields[3]!, line, 'An image number') },
      line,
    };
  });
  return { folds, perFold, pairs };
}

/** Where LFW keeps an image, relative to the dataset folder: `<Name>/<Name>_<nnnn>.jpg`. */
export function lfwImagePath(image: PairImage): string {
  return `${image.name}/${image.name}_${String(image.number).padStart(4, '0')}.jpg`;
}

export interface ScoredPair {
  fold: number;
  same: boolean;
  /** Distance between the two embeddings; null when an image is missing or has no face. */
  distance: number | null;
}

export interface ThresholdChoice {
  /** Pairs are called "same person" when distance ≤ threshold. */
  threshold: number;
  /** Accuracy of that call on the pairs the threshold was chosen on. */
  accuracy: number;
}

/**
 * The threshold that maximises accuracy (same when distance ≤ t) on these pairs. Candidates are
 * the midpoints between consecutive distinct distances, plus one just below the smallest (accept
 * none) and one at the largest (accept all), so the best accuracy is found exactly, not on a grid.
 * Ties go to the middle one of the best candidates (the lower of two), not to either extreme.
 */
export function bestThreshold(pairs: readonly { same: boolean; distance: number }[]): ThresholdChoice {
  if (pairs.length === 0)
    throw new LikenessError('invalid-argument', 'No scored pairs to choose a threshold on');
  const sorted = [...pairs].sort((a, b) => a.distance - b.distance);
  const n = sorted.length;
  const totalDifferent = sorted.filter((p) => !p.same).length;
  // Accept none: every different-person pair is right.
  const candidates: ThresholdChoice[] = [
    { threshold: sorted[0]!.distance - 1e-6, accuracy: totalDifferent / n },
  ];
  let sameBelow = 0;
  let differentBelow = 0;
  for (let i = 0; i < n; i++) {
    const p = sorted[i]!;
    if (p.same) sameBelow++;
    else differentBelow++;
    const next = sorted[i + 1];
    if (next && next.distance === p.distance) continue;
    candidates.push({
      threshold: next ? (p.distance + next.distance) / 2 : p.distance,
      accuracy: (sameBelow + totalDifferent - differentBelow) / n,
    });
  }
  const top = Math.max(...candidates.map((c) => c.accuracy));
  const best = candidates.filter((c) => c.accuracy === top);
  return best[Math.floor((best.length - 1) / 2)]!;
}

export interface FoldResult {
  fold: number;
  /** Chosen on the other folds. */
  threshold: number;
  /** Accuracy on the other folds at that threshold. */
  trainAccuracy: number;
  /** Held-out accuracy; a pair with a missing distance counts as wrong. */
  accuracy: number;
  pairs: number;
  missing: number;
}

export interface CrossValidation {
  /** Mean held-out accuracy over folds. */
  accuracy: number;
  /** Sample standard deviation (n − 1) of the fold accuracies, as LFW's protocol defines σ̂. */
  std: number;
  /** std / √folds. */
  standardError: number;
  /** Mean held-out accuracy over the pairs that could be scored (missing pairs left out). */
  accuracyExcludingMissing: number;
  folds: FoldResult[];
  pairs: number;
  /** Pairs without a distance: never used to choose a threshold, counted wrong when scored. */
  missing: number;
}

/**
 * k-fold cross-validated verification accuracy: for each fold the threshold that maximises accuracy
 * on the other folds' pairs, applied to the held-out fold. Pairs without a distance are left out of
 * threshold choice and count as errors in their fold (so a pipeline cannot gain by failing on hard
 * images); accuracyExcludingMissing gives the other reading.
 */
export function crossValidate(pairs: readonly ScoredPair[], folds: number): CrossValidation {
  if (!Number.isInteger(folds) || folds < 2)
    throw new LikenessError('invalid-argument', `Cross-validation needs at least 2 folds, not ${folds}`);
  const byFold = Array.from({ length: folds }, (): ScoredPair[] => []);
  for (const p of pairs) {
    const bucket = byFold[p.fold];
    if (!bucket)
      throw new LikenessError('invalid-argument', `Pair in fold ${p.fold}, outside 0–${folds - 1}`);
    bucket.push(p);
  }
  const scored = (ps: readonly ScoredPair[]) =>
    ps.flatMap((p) => (p.distance === null ? [] : [{ same: p.same, distance: p.distance }]));
  const results: FoldResult[] = [];
  const excluding: number[] = [];
  byFold.forEach((test, fold) => {
    if (test.length === 0) throw new LikenessError('invalid-argument', `Fold ${fold + 1} has no pairs`);
    const train = scored(byFold.filter((_, f) => f !== fold).flat());
    if (train.length === 0)
      throw new LikenessError(
        'invalid-argument',
        `No scored pairs outside fold ${fold + 1} to choose a threshold on`,
      );
    const choice = bestThreshold(train);
    const held = scored(test);
    const correct = held.filter((p) => p.distance <= choice.threshold === p.same).length;
    results.push({
      fold,
      threshold: choice.threshold,
      trainAccuracy: choice.accuracy,
      accuracy: correct / test.length,
      pairs: test.length,
      missing: test.length - held.length,
    });
    if (held.length > 0) excluding.push(correct / held.length);
  });
  const accuracies = results.map((r) => r.accuracy);
  const mean = accuracies.reduce((s, a) => s + a, 0) / folds;
  const variance = accuracies.reduce((s, a) => s + (a - mean) ** 2, 0) / (folds - 1);
  const std = Math.sqrt(variance);
  return {
    accuracy: mean,
    std,
    standardError: std / Math.sqrt(folds),
    accuracyExcludingMissing: excluding.length
      ? excluding.reduce((s, a) => s + a, 0) / excluding.length
      : Number.NaN,
    folds: results,
    pairs: pairs.length,
    missing: results.reduce((s, r) => s + r.missing, 0),
  };
}
