import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { FigureLayout } from '../../core/evaluation/figure';
import { wrapPlotlyTitle } from '../dataset/chart-data';
import { useElementWidth } from '../useElementWidth';
import { loadPlotly, plotlyConfig, usePlotly, type Plotly } from '../usePlotly';

/** The layout fields this component reads; the rest passes through to plotly. */
export type ChartLayout = FigureLayout;

const defaultHeight = 360;
const defaultMargin = { t: 30, r: 20, b: 50, l: 60 };

/** The title broken into lines that fit `width` px, with the top margin grown to hold them. */
export function fitTitle(layout: ChartLayout, width: number): ChartLayout {
  const margin = { ...defaultMargin, ...layout.margin };
  if (!layout.title || width <= 0) return { ...layout, margin };
  const size = layout.title.font?.size ?? 13;
  // About 0.55 em per character in plotly's default sans-serif.
  const { text, lines } = wrapPlotlyTitle(layout.title.text, Math.max(12, Math.floor(width / (size * 0.55))));
  const extra = Math.round((lines - 1) * size * 1.3);
  return {
    ...layout,
    title: { ...layout.title, text },
    margin: { ...margin, t: margin.t + extra },
    height: (layout.height ?? defaultHeight) + extra,
  };
}

interface Props {
  testId: string;
  /** Plotly traces; any user text in them must already be escaped (escapePlotlyText). */
  data: object[];
  layout: ChartLayout;
  /** What the chart shows, in a sentence or two: its text alternative for a screen reader. */
  summary: string;
  /** Number of data points drawn, for tests (data-points). */
  points: number;
  /** PNG file name without extension. */
  filename: string;
  caption: string;
}

/** A lazily loaded plotly chart with a "Download PNG" button; plotly loads only when a chart is shown. */
export function PlotlyChart({ testId, data, layout, summary, points, filename, caption }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [pngError, setPngError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const summaryId = useId();
  // Redrawn when the width crosses a 40 px step, so a resize does not redraw at every pixel.
  const width = Math.floor(useElementWidth(root) / 40) * 40;
  const fitted = useMemo(() => fitTitle(layout, width), [layout, width]);

  const draw = useCallback(
    async (plotly: Plotly, el: HTMLDivElement, live: () => boolean) => {
      await plotly.react(el, data, { height: defaultHeight, ...fitted }, plotlyConfig);
      if (live()) setDrawn(true);
    },
    [data, fitted],
  );
  const error = usePlotly(root, draw) ?? pngError;

  async function download() {
    const el = root.current;
    if (!el) return;
    try {
      const plotly = await loadPlotly();
      await plotly.downloadImage(el, { format: 'png', filename, width: 1000, height: 500 });
    } catch (e) {
      setPngError(`The PNG could not be made: ${e instanceof Error ? e.message : e}`);
    }
  }

  return (
    <figure className="dash-chart" aria-describedby={summaryId}>
      <figcaption className="ds-chart-bar">
        <span>{caption}</span>
        <button type="button" onClick={() => void download()} disabled={!drawn} data-testid={`${testId}-png`}>
          Download PNG
        </button>
      </figcaption>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div
        ref={root}
        data-testid={testId}
        data-points={points}
        data-drawn={drawn}
        className="ds-chart-plot"
        // As tall as the plot, so it never spills over what follows.
        style={{ height: fitted.height ?? defaultHeight }}
      />
      <p id={summaryId} className="sr-only">
        {summary}
      </p>
    </figure>
  );
}
