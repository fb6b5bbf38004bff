import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PersonRecord } from '../../storage/schema';
import { escapePlotlyText } from '../../core/evaluation/figure';
import { useElementWidth } from '../useElementWidth';
import { plotlyConfig, usePlotly, type Plotly } from '../usePlotly';
import { sortPeople, type ChartSort } from './chart-data';

/** Its text alternative: how many people, the range, and the first few bars in the chart's order. */
function describe(sorted: readonly PersonRecord[]): string {
  const counts = sorted.map((i) => i.imageCount);
  const listed = sorted.slice(0, 10).map((i) => `${i.name} ${i.imageCount}`);
  const more = sorted.length - listed.length;
  return `Images per person, ${sorted.length} people, ${Math.min(...counts)} to ${Math.max(...counts)} each: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

interface Props {
  people: readonly PersonRecord[];
  selected: string | null;
  /** Called with the person key of the clicked bar. */
  onSelect(key: string): void;
}

/** Images per person as a bar chart; plotly (about 1 MB) loads only when a chart is shown. */
export function PersonChart({ people, selected, onSelect }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<ChartSort>('count');
  const summaryId = useId();
  const onSelectRef = useRef(onSelect);
  const sorted = useMemo(() => sortPeople(people, sort), [people, sort]);
  // Names turn when they would overlap: a phone shows 8 people's names at an angle.
  const width = useElementWidth(root);
  const longest = Math.max(...sorted.map((i) => i.name.length));
  const slanted = sorted.length > 12 || (width > 0 && (longest * 7 + 8) * sorted.length > width - 60);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  const draw = useCallback(
    async (plotly: Plotly, el: HTMLDivElement) => {
      const plot = await plotly.react(
        el,
        [
          {
            type: 'bar',
            x: sorted.map((i) => escapePlotlyText(i.name)),
            y: sorted.map((i) => i.imageCount),
            customdata: sorted.map((i) => i.key),
            marker: { color: sorted.map((i) => (i.key === selected ? '#b45309' : '#1f3a5f')) },
            hovertemplate: '%{x}<br>%{y} images<extra></extra>',
          },
        ],
        {
          height: 340,
          margin: { t: 10, r: 10, b: 10, l: 50 },
          xaxis: {
            type: 'category',
            // Every person gets a label, not plotly's thinned-out selection.
            tickmode: 'linear',
            dtick: 1,
            tickangle: slanted ? -60 : 0,
            tickfont: { size: sorted.length > 40 ? 9 : 12 },
            automargin: true,
          },
          yaxis: { title: { text: 'images' }, rangemode: 'tozero' },
          bargap: 0.15,
        },
        plotlyConfig,
      );
      plot.removeAllListeners?.('plotly_click');
      plot.on('plotly_click', (event) => {
        const key = event.points[0]?.customdata;
        if (typeof key === 'string') onSelectRef.current(key);
      });
    },
    [sorted, selected, slanted],
  );
  const error = usePlotly(root, draw);

  return (
    <figure className="ds-chart" aria-describedby={summaryId}>
      <figcaption className="ds-chart-bar">
        <span>Images per person</span>
        <label>
          Sort by{' '}
          <select
            value={sort}
            onChange={(e) => setSort(e.target.value as ChartSort)}
            data-testid="chart-sort"
          >
            <option value="count">count</option>
            <option value="name">name</option>
          </select>
        </label>
        <span className="muted">Click a bar to show that person’s images.</span>
      </figcaption>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div ref={root} data-testid="identity-chart" className="ds-chart-plot" />
      <p id={summaryId} className="sr-only">
        {describe(sorted)}
      </p>
    </figure>
  );
}
