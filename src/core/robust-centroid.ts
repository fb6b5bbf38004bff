import { centroid, euclidean, l2Normalize } from './vector';

/** Why an enrolment image was left out of its person's average. */
export type ExclusionReason = 'several-faces' | 'outlier' | 'duplicate';

export interface EnrolmentVector {
  id: string;
  /** Unit embedding. */
  vector: Float32Array;
  /** Faces the detector found in the image, when known. */
  faces?: number;
}

export interface Exclusion {
  id: string;
  reason: ExclusionReason;
  /** Distance to the person's median embedding (outlier), or to the image it duplicates. */
  distance: number;
  /** duplicate: the image kept in its place. */
  of?: string;
}

export interface RobustCentroidOptions {
  /** An image farther from the median than median + k × 1.4826 × MAD of the distances is an outlier… */
  outlierK: number;
  /**
   * …and only when it is also at least this far: the model's calibrated threshold, so that an image is
   * left out only when it would not even be recognised as its own person. null: no outlier is left out.
   */
  outlierDistance: number | null;
  /** Two images nearer than this are one photo twice; null: keep both. */
  duplicateDistance: number | null;
  /** Never leave out so many that fewer than this many images remain (nor more than half). */
  minKept: number;
}

export const defaultRobustCentroid: RobustCentroidOptions = {
  outlierK: 3,
  outlierDistance: null,
  duplicateDistance: null,
  minKept: 3,
};

export interface RobustCentroid {
  centroid: Float32Array;
  kept: string[];
  excluded: Exclusion[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The coordinate-wise median, unit length: a centre that a few wrong images cannot pull. */
export function medianVector(vectors: readonly Float32Array[]): Float32Array {
  const dim = vectors[0]!.length;
  const out = new Float32Array(dim);
  const column = new Array<number>(vectors.length);
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < vectors.length; i++) column[i] = vectors[i]![j]!;
    out[j] = median(column);
  }
  return l2Normalize(out);
}

/**
 * A person's average that resists bad enrolment images. In order: photos with several faces (the
 * face used may be someone else's) when enough single-face photos remain; repeats of one photo
 * (they would count twice); then images far from the person's median embedding (a wrong label, a
 * wrong face, a photo the model cannot read). What is left out is returned with the reason.
 */
export function robustCentroid(
  items: readonly EnrolmentVector[],
  options: RobustCentroidOptions = defaultRobustCentroid,
): RobustCentroid {
  if (items.length === 0) throw new Error('robustCentroid: no images');
  const floor = Math.max(options.minKept, Math.ceil(items.length / 2));
  const excluded: Exclusion[] = [];
  let kept = [...items];

  const single = kept.filter((x) => (x.faces ?? 1) <= 1);
  if (single.length < kept.length && single.length >= floor) {
    const centre = medianVector(single.map((x) => x.vector));
    for (const x of kept)
      if ((x.faces ?? 1) > 1)
        excluded.push({ id: x.id, reason: 'several-faces', distance: euclidean(x.vector, centre) });
    kept = single;
  }

  if (options.duplicateDistance !== null) {
    const unique: EnrolmentVector[] = [];
    let repeats = 0;
    for (const x of kept) {
      const twin = unique.find((u) => euclidean(u.vector, x.vector) < options.duplicateDistance!);
      if (twin && kept.length - repeats > floor) {
        repeats++;
        excluded.push({
          id: x.id,
          reason: 'duplicate',
          distance: euclidean(twin.vector, x.vector),
          of: twin.id,
        });
      } else unique.push(x);
    }
    kept = unique;
  }

  if (kept.length > floor && options.outlierDistance !== null) {
    const centre = medianVector(kept.map((x) => x.vector));
    const d = kept.map((x) => euclidean(x.vector, centre));
    const med = median(d);
    const mad = median(d.map((v) => Math.abs(v - med)));
    const limit = Math.max(med + options.outlierK * 1.4826 * mad, options.outlierDistance);
    // Farthest first, and never below the floor.
    const order = d.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    const out = new Set<number>();
    for (const [v, i] of order) {
      if (v <= limit || kept.length - out.size <= floor) break;
      out.add(i);
      excluded.push({ id: kept[i]!.id, reason: 'outlier', distance: v });
    }
    kept = kept.filter((_, i) => !out.has(i));
  }

  return { centroid: centroid(kept.map((x) => x.vector)), kept: kept.map((x) => x.id), excluded };
}
