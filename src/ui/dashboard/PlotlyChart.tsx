import { useEffect, useRef, useState } from 'react';

interface Props {
  testId: string;
  /** Plotly traces; any user text in them must already be escaped (escapePlotlyText). */
  data: object[];
  layout: object;
  /** Number of data points drawn, for tests (data-points). */
  points: number;
  /** PNG file name without extension. */
  filename: string;
  caption: string;
}

/** A lazily loaded plotly chart with a "Download PNG" button; plotly loads only when a chart is shown. */
export function PlotlyChart({ testId, data, layout, points, filename, caption }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let live = true;
    import('plotly.js-dist-min')
      .then(async ({ default: Plotly }) => {
        if (!live) return;
        await Plotly.react(
          el,
          data,
          { height: 360, margin: { t: 30, r: 20, b: 50, l: 60 }, ...layout },
          {
            displaylogo: false,
            responsive: true,
            modeBarButtonsToRemove: ['select2d', 'lasso2d'],
          },
        );
        if (live) setDrawn(true);
      })
      .catch(
        (e: unknown) =>
          live && setError(`The chart could not be drawn: ${e instanceof Error ? e.message : e}`),
      );
    return () => {
      live = false;
    };
  }, [data, layout]);

  useEffect(() => {
    const el = root.current;
    return () => {
      if (el) void import('plotly.js-dist-min').then(({ default: Plotly }) => Plotly.purge(el));
    };
  }, []);

  async function download() {
    const el = root.current;
    if (!el) return;
    try {
      const { default: Plotly } = await import('plotly.js-dist-min');
      await Plotly.downloadImage(el, { format: 'png', filename, width: 1000, height: 500 });
    } catch (e) {
      setError(`The PNG could not be made: ${e instanceof Error ? e.message : e}`);
    }
  }

  return (
    <figure className="dash-chart">
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
      />
    </figure>
  );
}
