import { wilsonInterval } from '../metrics';
import type { PersonAccuracy } from '../per-person';
import { formatPercent as pct } from '../stats';
import {
  BAR_ROW_PX,
  ciErrorBars,
  distinctLabels,
  escapePlotlyText,
  PEOPLE_SHOWN,
  percentAxis,
  shortLabel,
  topAndRest,
  type ChartPalette,
  type Figure,
} from './figure';
import type { PerPersonReport } from './people';

/**
 * Held-out accuracy per person as horizontal bars, worst first, every bar named with its value; over
 * PEOPLE_SHOWN people, the worst ones and one bar for all the others together. Colour and a pattern
 * tell people with every test photo right from those with some missed, with a legend.
 */
export function perPersonFigure(
  accuracy: readonly PersonAccuracy[],
  size: number,
  palette: ChartPalette,
): Figure {
  const { top, rest } = topAndRest(accuracy, PEOPLE_SHOWN);
  const rows = top.map((p) => ({ ...p, label: shortLabel(p.person) }));
  if (rest.length > 0) {
    const correct = rest.reduce((n, p) => n + p.correct, 0);
    const tested = rest.reduce((n, p) => n + p.tested, 0);
    rows.push({
      person: `${rest.length.toLocaleString('en')} other people together`,
      label: `${rest.length.toLocaleString('en')} other people`,
      correct,
      tested,
      top1: correct / tested,
      ci95: wilsonInterval(correct, tested),
    });
  }
  const named = distinctLabels(
    rows.map((r) => escapePlotlyText(`${r.label} · ${Math.round(r.top1 * 100)} %`)),
  );
  const trace = (
    name: string,
    keep: (r: (typeof rows)[number]) => boolean,
    color: string,
    pattern: string,
  ) => {
    const picked = rows.flatMap((r, i) => (keep(r) ? [{ r, y: named[i]! }] : []));
    return {
      type: 'bar',
      orientation: 'h',
      name,
      x: picked.map(({ r }) => r.top1 * 100),
      y: picked.map(({ y }) => y),
      customdata: picked.map(({ r }) => [escapePlotlyText(r.person), r.correct, r.tested]),
      error_x: {
        ...ciErrorBars(picked.map(({ r }) => ({ value: r.top1, ci95: r.ci95 }))),
        color: palette.text,
        thickness: 1,
      },
      marker: { color, pattern: { shape: pattern, fgcolor: palette.surface } },
      hovertemplate: '%{customdata[0]}: %{x:.1f} % (%{customdata[1]} of %{customdata[2]})<extra></extra>',
    };
  };
  const listed = accuracy.slice(0, 10).map((p) => `${p.person} ${pct(p.top1)} (${p.correct} of ${p.tested})`);
  const more = accuracy.length - listed.length;
  return {
    title: `Named correctly per person, worst first · ${size} photos enrolled each`,
    summary: `Test photos named correctly per person, worst first, ${accuracy.length} people: ${listed.join('; ')}${more > 0 ? `; and ${more} more (the CSV has all)` : ''}.`,
    data: [
      trace('Every test photo named', (r) => r.correct === r.tested, palette.right, ''),
      trace('Some test photos missed', (r) => r.correct < r.tested, palette.wrong, '/'),
    ],
    layout: {
      height: rows.length * BAR_ROW_PX + 110,
      xaxis: percentAxis(
        'correct',
        rows.map((r) => r.ci95[0]),
      ),
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: named, autorange: 'reversed' },
      barmode: 'overlay',
      showlegend: true,
      bargap: 0.25,
    },
  };
}

/** The confusion heatmap in cluster order: the share of each person's probes nearest each average. */
export function confusionFigure(people: PerPersonReport, palette: ChartPalette): Figure {
  const n = people.order.length;
  const shown = Array.from({ length: people.drawn }, (_, i) => i);
  const names = distinctLabels(shown.map((i) => escapePlotlyText(shortLabel(people.order[i]!, 18))));
  const mistaken = people.pairs.reduce((sum, p) => sum + p.count, 0);
  const top = people.pairs
    .slice(0, 3)
    .map((p) => `${p.truePerson} taken for ${p.predicted} ${p.count} time${p.count === 1 ? '' : 's'}`);
  const some = shown.length < n;
  return {
    title: some
      ? `Who is taken for whom: the ${shown.length} people most often mixed up, of ${n.toLocaleString('en')}`
      : `Who is taken for whom: ${n} people, similar faces next to each other`,
    summary: `Confusion matrix of ${n} people${some ? ` (the ${shown.length} most often mixed up are drawn)` : ''}, true person in rows and nearest average in columns: ${
      mistaken === 0
        ? 'every held-out probe was nearest to its own person'
        : `${mistaken} probe${mistaken === 1 ? ' was' : 's were'} nearest to someone else; most often ${top.join(', ')}`
    }.`,
    data: [
      {
        type: 'heatmap',
        x: names,
        y: names,
        z: shown.map((t) =>
          shown.map((p) => (people.tested[t] ? people.confusion[t]![p]! / people.tested[t]! : 0)),
        ),
        text: shown.map((t) => shown.map((p) => `${people.confusion[t]![p]} of ${people.tested[t]}`)),
        zmin: 0,
        zmax: 1,
        // Most cells are 0 and the diagonal near 1: the low end of the scale gets most colours,
        // so a single confusion stands out.
        colorscale: [
          [0, palette.surface],
          [0.001, '#fde68a'],
          [0.25, '#f97316'],
          [0.6, palette.wrong],
          [1, '#450a0a'],
        ],
        colorbar: { title: { text: 'share of test photos', side: 'right' }, thickness: 12 },
        hovertemplate: '%{y} → taken for %{x}: %{text}<extra></extra>',
        xgap: 1,
        ygap: 1,
      },
    ],
    layout: {
      height: Math.max(280, shown.length * 16 + 150),
      xaxis: { type: 'category', tickangle: -60, title: { text: 'taken for' } },
      yaxis: { type: 'category', autorange: 'reversed', title: { text: 'true person' } },
    },
  };
}
