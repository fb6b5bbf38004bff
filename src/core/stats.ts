import { LikenessError } from './errors';

/**
 * Percentile p (0–100) of ascending-sorted values, linearly interpolated between ranks (the
 * common "type 7" definition, as in NumPy and spreadsheets). NaN for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100))
    throw new LikenessError('invalid-argument', `Percentile must be in [0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  // Equal ranks return the value itself, so Infinity never meets 0 · Infinity = NaN.
  return lo === hi ? a : a + (rank - lo) * (sorted[hi]! - a);
}

/** Median of unsorted values; NaN for no values. */
export function median(values: ArrayLike<number>): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

/** A fraction as a percentage with one decimal, e.g. 0.9733 → "97.3 %". */
export const formatPercent = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A short, rounded-up time left, e.g. "45 s", "2 min 05 s", "1 h 02 min"; "—" when unknown. */
export function formatEta(seconds: number): string {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) return '—';
  // Rounding up keeps the last seconds from reading "0 s" while work remains.
  const total = Math.ceil(seconds);
  if (total < 60) return `${total} s`;
  const pad = (x: number) => String(x).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  const minutes = Math.ceil(total / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}
