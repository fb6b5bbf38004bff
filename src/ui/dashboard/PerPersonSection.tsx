import { useMemo } from 'react';
import { errorMessage } from '../../core/errors';
import { formatPercent as pct } from '../../core/stats';
import { toCsv } from '../../core/csv';
import { analysePeople, type PerPersonReport } from '../../app/dashboard-people';
import { pathOfImageId } from '../../storage/datasets';
import { escapePlotlyText } from '../dataset/chart-data';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import { StoredThumb } from './StoredThumb';
import { TableScroll } from '../TableScroll';

/** Beyond this many people, names go to the hover text only. */
const MAX_TICK_LABELS = 30;
const PAIRS_SHOWN = 20;
const PROBES_SHOWN = 6;

/** Held-out accuracy per person, the most-confused pairs with their images, and an ordered confusion heatmap. */
export function PerPersonSection({ data, report, base }: DashboardSectionProps) {
  const result = useMemo(() => {
    try {
      return { people: analysePeople(data, report), error: null };
    } catch (e) {
      return { people: null, error: errorMessage(e) };
    }
  }, [data, report]);
  if (!result.people) {
    return (
      <section aria-labelledby="dash-people">
        <h3 id="dash-people">Per person</h3>
        <p role="alert" className="error-text">
          The per-person view could not be computed: {result.error}
        </p>
      </section>
    );
  }
  return <PerPersonView people={result.people} size={report.size} base={base} />;
}

function PerPersonView({ people, size, base }: { people: PerPersonReport; size: number; base: string }) {
  const n = people.order.length;

  const barChart = useMemo(() => {
    const a = people.accuracy;
    const listed = a.slice(0, 10).map((p) => `${p.identity} ${pct(p.top1)} (${p.correct} of ${p.tested})`);
    return {
      summary: `Held-out top-1 per person, worst first, ${a.length} people: ${listed.join('; ')}${a.length > listed.length ? `; and ${a.length - listed.length} more (the CSV has all)` : ''}.`,
      data: [
        {
          type: 'bar',
          x: a.map((p) => escapePlotlyText(p.identity)),
          y: a.map((p) => p.top1 * 100),
          customdata: a.map((p) => [p.correct, p.tested, p.ci95[0] * 100, p.ci95[1] * 100]),
          error_y: {
            type: 'data',
            symmetric: false,
            array: a.map((p) => (p.ci95[1] - p.top1) * 100),
            arrayminus: a.map((p) => (p.top1 - p.ci95[0]) * 100),
            thickness: 1,
          },
          marker: { color: a.map((p) => (p.top1 < 1 ? '#b45309' : '#1d4ed8')) },
          hovertemplate:
            '%{x}: %{y:.1f} % (%{customdata[0]} of %{customdata[1]}), 95 % CI %{customdata[2]:.1f}–%{customdata[3]:.1f} %<extra></extra>',
        },
      ],
      layout: {
        title: {
          text: `Held-out top-1 per person, worst first · ${size} enrolled each`,
          font: { size: 13 },
        },
        xaxis: {
          type: 'category',
          showticklabels: a.length <= MAX_TICK_LABELS,
          tickangle: -45,
          automargin: true,
        },
        yaxis: { title: { text: 'top-1 (%) with 95 % CI' }, range: [0, 101] },
        showlegend: false,
      },
    };
  }, [people, size]);

  const heatmap = useMemo(() => {
    const names = people.order.map(escapePlotlyText);
    const mistaken = people.pairs.reduce((sum, p) => sum + p.count, 0);
    const top = people.pairs
      .slice(0, 3)
      .map((p) => `${p.trueIdentity} taken for ${p.predicted} ${p.count} time${p.count === 1 ? '' : 's'}`);
    return {
      summary: `Confusion matrix of ${n} people, true person in rows and nearest average in columns: ${
        mistaken === 0
          ? 'every held-out probe was nearest to its own person'
          : `${mistaken} probe${mistaken === 1 ? ' was' : 's were'} nearest to someone else; most often ${top.join(', ')}`
      }.`,
      data: [
        {
          type: 'heatmap',
          x: names,
          y: names,
          z: people.confusion.map((row, t) => row.map((c) => (people.tested[t] ? c / people.tested[t]! : 0))),
          text: people.confusion.map((row, t) => row.map((c) => `${c} of ${people.tested[t]}`)),
          zmin: 0,
          zmax: 1,
          // Most cells are 0 and the diagonal near 1: the low end of the scale gets most colours,
          // so a single confusion stands out.
          colorscale: [
            [0, '#ffffff'],
            [0.001, '#fde68a'],
            [0.25, '#f97316'],
            [0.6, '#b91c1c'],
            [1, '#450a0a'],
          ],
          colorbar: { title: { text: 'share of probes' } },
          hovertemplate: '%{y} → nearest %{x}: %{text}<extra></extra>',
          xgap: n <= 40 ? 1 : 0,
          ygap: n <= 40 ? 1 : 0,
        },
      ],
      layout: {
        title: {
          text: `Confusion (true rows, nearest-average columns), ${n} people ordered by similarity`,
          font: { size: 13 },
        },
        height: Math.min(720, Math.max(360, 160 + n * 6)),
        xaxis: {
          type: 'category',
          showticklabels: n <= MAX_TICK_LABELS,
          tickangle: -45,
          title: { text: 'nearest average' },
        },
        yaxis: {
          type: 'category',
          showticklabels: n <= MAX_TICK_LABELS,
          autorange: 'reversed',
          title: { text: 'true person' },
        },
        margin: { t: 30, r: 20, b: n <= MAX_TICK_LABELS ? 120 : 50, l: n <= MAX_TICK_LABELS ? 140 : 60 },
      },
    };
  }, [people, n]);

  const pairs = people.pairs;
  return (
    <section aria-labelledby="dash-people">
      <h3 id="dash-people">Per person</h3>
      <PlotlyChart
        testId="chart-per-person"
        caption={`${people.accuracy.length} people with held-out probes; hover a bar for the name`}
        points={people.accuracy.length}
        filename={safeFileName(`${base}-per-person`)}
        {...barChart}
      />
      <CsvButton
        testId="csv-per-person"
        filename={`${base}-per-person`}
        csv={() =>
          toCsv(
            ['identity', 'tested', 'correct', 'top1', 'ci95_low', 'ci95_high'],
            people.accuracy.map((p) => [p.identity, p.tested, p.correct, p.top1, p.ci95[0], p.ci95[1]]),
          )
        }
      />

      <h4>Most-confused pairs</h4>
      {pairs.length === 0 ? (
        <p className="muted" data-testid="confused-none">
          No held-out probe was nearest to someone else’s average.
        </p>
      ) : (
        <TableScroll label="Most-confused pairs">
          <table className="db-table" data-testid="table-confused">
            <thead>
              <tr>
                <th>True person</th>
                <th>Taken for</th>
                <th>Probes</th>
                <th>Misrecognised images</th>
              </tr>
            </thead>
            <tbody>
              {pairs.slice(0, PAIRS_SHOWN).map((p) => (
                <tr key={`${p.trueIdentity}\n${p.predicted}`} data-testid="confused-row" data-count={p.count}>
                  <td>
                    <StoredThumb id={p.trueExample} alt={`${p.trueIdentity}, enrolled`} /> {p.trueIdentity}
                  </td>
                  <td>
                    <StoredThumb id={p.predictedExample} alt={`${p.predicted}, enrolled`} /> {p.predicted}
                  </td>
                  <td>{p.count}</td>
                  <td>
                    {p.probeIds.slice(0, PROBES_SHOWN).map((id) => (
                      <StoredThumb key={id} id={id} alt={`${p.trueIdentity}: ${pathOfImageId(id)}`} />
                    ))}
                    {p.probeIds.length > PROBES_SHOWN && ` +${p.probeIds.length - PROBES_SHOWN}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pairs.length > PAIRS_SHOWN && (
        <p className="muted">
          {PAIRS_SHOWN} of {pairs.length} pairs shown; the CSV has all.
        </p>
      )}
      <CsvButton
        testId="csv-confused"
        filename={`${base}-confused-pairs`}
        csv={() =>
          toCsv(
            ['true_identity', 'predicted', 'count', 'probe_images'],
            pairs.map((p) => [p.trueIdentity, p.predicted, p.count, p.probeIds.map(pathOfImageId).join(';')]),
          )
        }
      />

      <PlotlyChart
        testId="chart-confusion"
        caption={`${n} × ${n}; people ordered by average-linkage clustering of their averages, so confusions sit near the diagonal. Hover a cell for the names.`}
        points={n * n}
        filename={safeFileName(`${base}-confusion`)}
        {...heatmap}
      />
      <CsvButton
        testId="csv-confusion"
        filename={`${base}-confusion`}
        csv={() =>
          toCsv(
            ['true_identity', ...people.order],
            people.confusion.map((row, t) => [people.order[t]!, ...row]),
          )
        }
      />
    </section>
  );
}
