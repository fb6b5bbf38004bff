/**
 * A plotly figure as plain data: traces and layout, drawn by the UI's PlotlyChart, which adds the
 * theme's fonts, grid and background and shows `title` in HTML above the plot.
 */
export interface Figure {
  /** Plain text (the UI shows it as text, never as markup). */
  title: string;
  /** What the chart shows, in a sentence or two: its text alternative for a screen reader. */
  summary: string;
  /** Traces; any user text in them is already escaped (escapePlotlyText). */
  data: object[];
  layout: FigureLayout;
}

/** The layout fields the UI reads (height, margins); the rest passes through to plotly. */
export interface FigureLayout {
  height?: number;
  margin?: { t?: number; r?: number; b?: number; l?: number };
  [key: string]: unknown;
}

/** The colours a figure draws its marks with, read from the page's theme when it is drawn. */
export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  /** Marks of a right answer and of a wrong one. */
  right: string;
  wrong: string;
}

/**
 * Plotly renders labels and hover text as a subset of HTML. Folder names are user data, so they
 * are escaped to entities, which plotly shows as the literal characters.
 */
export function escapePlotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A name for an axis: at most `max` characters, cut with an ellipsis (the hover text has it whole). */
export function shortLabel(name: string, max = 22): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Percent error bars of a 95 % interval around `value` (both in 0..1). */
export function ciErrorBars(points: readonly { value: number; ci95: readonly [number, number] }[]) {
  return {
    type: 'data',
    symmetric: false,
    array: points.map((p) => (p.ci95[1] - p.value) * 100),
    arrayminus: points.map((p) => (p.value - p.ci95[0]) * 100),
  };
}

/**
 * A percent axis zoomed to the data: from the lowest value (an interval's low end, in 0..1) less a
 * margin, on a step of 5, up to 100. When it does not start at 0 the title says where it starts.
 */
export function percentAxis(title: string, lows: readonly number[]) {
  const lowest = Math.min(1, ...lows.filter(Number.isFinite));
  const from = Math.max(0, Math.floor((lowest * 100 - 2) / 5) * 5);
  return {
    title: { text: from > 0 ? `${title} (%, ${from}–100)` : `${title} (%)` },
    range: [from, 100 + (100 - from) * 0.03],
  };
}

/** A rate in words: "1 in 2,100" (two significant figures), "none", or a percent from 1 in 5 up. */
export function oneIn(rate: number): string {
  if (!(rate > 0)) return 'none';
  if (rate >= 0.2) return `${Math.round(rate * 100)} %`;
  const n = 1 / rate;
  const step = n < 100 ? 1 : 10 ** (Math.floor(Math.log10(n)) - 1);
  return `1 in ${(Math.round(n / step) * step).toLocaleString('en')}`;
}

/** The first `limit` items, and the rest (empty when all fit). */
export function topAndRest<T>(items: readonly T[], limit: number): { top: T[]; rest: T[] } {
  if (items.length <= limit + 1) return { top: [...items], rest: [] };
  return { top: items.slice(0, limit), rest: items.slice(limit) };
}

/**
 * Category labels made distinct (a zero-width space per earlier repeat), so that two people with the
 * same name, or the same shortened name, keep a bar each: plotly merges equal categories.
 */
export function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = seen.get(label) ?? 0;
    seen.set(label, n + 1);
    return label + '\u200b'.repeat(n);
  });
}

/** People shown by name in a per-person chart; the rest are summed up in one bar. */
export const PEOPLE_SHOWN = 20;

/** Row height of horizontal bars: every name gets its own line, so none overprints another. */
export const BAR_ROW_PX = 24;
