import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { escapePlotlyText, type Figure, type FigureLayout } from '../../core/evaluation/figure';
import { useChartTheme, type ChartTheme } from '../useChartTheme';
import { useElementWidth } from '../useElementWidth';
import { loadPlotly, plotlyConfig, usePlotly, type Plotly } from '../usePlotly';
import { downloadUrl } from './download';
import '../charts.css';

/**
 * A chart's height where the figure sets none: short on a phone, so the page around it stays in
 * view, plus the rows its legend takes under the plot (about 7 px a character, 20 px a row).
 */
function heightFor(figure: Figure, width: number): number {
  const named =
    figure.layout.showlegend === false ? [] : figure.data.flatMap((t) => (t as { name?: string }).name ?? []);
  const legendWidth = named.length > 1 ? named.reduce((sum, name) => sum + name.length * 7 + 48, 0) : 0;
  return (width < 600 ? 260 : 340) + Math.ceil(legendWidth / Math.max(width, 1)) * 20;
}

/** The figure's layout in the page's theme: fonts, grid, transparent background, legend under the plot. */
function themedLayout(layout: FigureLayout, theme: ChartTheme, height: number): object {
  const font = { family: theme.font, size: 12, color: theme.muted };
  const axis = (own: unknown) => ({
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    automargin: true,
    ...(own as object),
  });
  return {
    ...layout,
    height,
    font,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    margin: { t: 8, r: 8, b: 40, l: 48, ...layout.margin },
    hoverlabel: { font: { ...font, color: theme.text }, bgcolor: theme.surface, bordercolor: theme.grid },
    legend: { orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom', x: 0, font },
    xaxis: axis(layout.xaxis),
    yaxis: axis(layout.yaxis),
  };
}

interface Props {
  testId: string;
  figure: Figure;
  /** Number of data points drawn, for tests (data-points). */
  points: number;
  /** A line under the title, in words. */
  caption?: ReactNode;
  /** PNG file name without extension: a "Download PNG" button when given. */
  filename?: string;
  /** Called with the `customdata` of a clicked point. */
  onClick?(customdata: unknown): void;
  /** The card around the chart already titles it: the figure's title goes only into the PNG. */
  inCard?: boolean;
}

/**
 * A plotly chart (plotly loads only when a chart is first shown) with its title in HTML above it,
 * drawn in the page's theme and again when the theme changes. Until it is drawn, a box of its final
 * height says so.
 */
export function PlotlyChart({ testId, figure, points, caption, filename, onClick, inCard = false }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [pngError, setPngError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const summaryId = useId();
  const theme = useChartTheme();
  const width = useElementWidth(root);
  const height = figure.layout.height ?? heightFor(figure, width || innerWidth);
  const layout = useMemo(() => themedLayout(figure.layout, theme, height), [figure, theme, height]);
  const onClickRef = useRef(onClick);
  useEffect(() => {
    onClickRef.current = onClick;
  }, [onClick]);

  const draw = useCallback(
    async (plotly: Plotly, el: HTMLDivElement, live: () => boolean) => {
      const plot = await plotly.react(el, figure.data, layout, plotlyConfig);
      plot.removeAllListeners?.('plotly_click');
      plot.on('plotly_click', (event) => onClickRef.current?.(event.points[0]?.customdata));
      if (live()) setDrawn(true);
    },
    [figure, layout],
  );
  const error = usePlotly(root, draw) ?? pngError;

  async function download() {
    try {
      const plotly = await loadPlotly();
      // The title goes into the picture, which has no page around it.
      const url = await plotly.toImage(
        {
          data: figure.data,
          layout: {
            ...layout,
            title: { text: escapePlotlyText(figure.title), font: { size: 16, color: theme.text } },
            margin: { ...(layout as { margin: object }).margin, t: 48 },
            paper_bgcolor: theme.surface,
          },
        },
        { format: 'png', width: 1000, height: Math.max(500, height + 40) },
      );
      downloadUrl(`${filename}.png`, url);
    } catch (e) {
      setPngError(`The PNG could not be made: ${e instanceof Error ? e.message : e}`);
    }
  }

  return (
    <figure className="chart" aria-describedby={summaryId}>
      <figcaption className="chart-head">
        {!inCard && <span className="chart-title">{figure.title}</span>}
        {caption && <span className="chart-caption">{caption}</span>}
        {filename && (
          <button
            type="button"
            onClick={() => void download()}
            disabled={!drawn}
            data-testid={`${testId}-png`}
          >
            Download PNG
          </button>
        )}
      </figcaption>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="chart-box" style={{ height }}>
        <div ref={root} data-testid={testId} data-points={points} data-drawn={drawn} className="chart-plot" />
        {!drawn && !error && (
          <p className="chart-status" role="status">
            Drawing the chart…
          </p>
        )}
      </div>
      <p id={summaryId} className="sr-only">
        {figure.summary}
      </p>
    </figure>
  );
}
