import { useEffect, useState, type RefObject } from 'react';
import type PlotlyModule from 'plotly.js-cartesian-dist-min';

export type Plotly = typeof PlotlyModule;

/**
 * plotly is loaded only when a chart is first shown. Its cartesian bundle draws every chart here (bar,
 * scatter, heatmap) in 1.4 MB against the full bundle's 4.4 MB; a custom build of plotly.js/lib/core with
 * the three traces measured 1.1 MB but needs plotly.js's source and its 209 packages to build.
 */
export const loadPlotly = (): Promise<Plotly> =>
  import('plotly.js-cartesian-dist-min').then((m) => m.default);

/** The options every chart is drawn with: no toolbar, which would cover the chart's top right. */
export const plotlyConfig = { displayModeBar: false, displaylogo: false, responsive: true };

/**
 * Draws into `root` with `draw` whenever `draw` changes (give it `useCallback` with what it reads),
 * loading plotly on first use, and purges the plot on unmount. `live()` is false once a newer draw
 * or the unmount has superseded this one. Returns the message to show when drawing failed.
 */
export function usePlotly(
  root: RefObject<HTMLDivElement | null>,
  draw: (plotly: Plotly, el: HTMLDivElement, live: () => boolean) => Promise<void>,
): string | null {
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let live = true;
    loadPlotly()
      .then((plotly) => (live ? draw(plotly, el, () => live) : undefined))
      .catch(
        (e: unknown) =>
          live && setError(`The chart could not be drawn: ${e instanceof Error ? e.message : e}`),
      );
    return () => {
      live = false;
    };
  }, [root, draw]);

  useEffect(() => {
    const el = root.current;
    return () => {
      if (el) void loadPlotly().then((plotly) => plotly.purge(el));
    };
  }, [root]);

  return error;
}
