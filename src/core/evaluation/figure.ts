/** A plotly figure as plain data: traces and layout, drawn by the UI's PlotlyChart. */
export interface Figure {
  /** What the chart shows, in a sentence or two: its text alternative for a screen reader. */
  summary: string;
  /** Traces; any user text in them is already escaped (escapePlotlyText). */
  data: object[];
  layout: FigureLayout;
}

/** The layout fields the UI reads (title wrapping, height, margins); the rest passes through to plotly. */
export interface FigureLayout {
  title?: { text: string; font?: { size?: number } };
  height?: number;
  margin?: { t?: number; r?: number; b?: number; l?: number };
  [key: string]: unknown;
}

/**
 * Plotly renders labels and hover text as a subset of HTML. Folder names are user data, so they
 * are escaped to entities, which plotly shows as the literal characters.
 */
export function escapePlotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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

export const TITLE_FONT = { size: 13 } as const;
export const PERCENT_AXIS = { title: { text: 'top-1 (%) with 95 % CI' }, range: [0, 101] } as const;
