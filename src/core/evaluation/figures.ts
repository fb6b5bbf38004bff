import type { AccuracyPoint } from '../enrolment-curve';
import type { PersonAccuracy } from '../per-person';
import { formatPercent as pct } from '../stats';
import type { VerificationResult } from '../verification';
import type { OpenSetReport } from './analyse';
import { ciErrorBars, escapePlotlyText, PERCENT_AXIS, TITLE_FONT, type Figure } from './figure';
import type { PerPersonReport } from './people';

/** Beyond this many people, names go to the hover text only. */
export const MAX_TICK_LABELS = 30;

/** Held-out top-1 against images per person, with 95 % intervals, on a log axis. */
export function accuracyFigure(curve: readonly AccuracyPoint[], datasetName: string): Figure {
  return {
    summary: `Held-out top-1 against enrolment images per person: ${curve
      .map((p) => `${p.size} per person ${pct(p.top1)} (95 % CI ${pct(p.ci95[0])} – ${pct(p.ci95[1])})`)
      .join('; ')}. The table below lists the same values.`,
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'top-1',
        x: curve.map((p) => p.size),
        y: curve.map((p) => p.top1 * 100),
        error_y: ciErrorBars(curve.map((p) => ({ value: p.top1, ci95: p.ci95 }))),
        hovertemplate: '%{x} per person: %{y:.1f} %<extra></extra>',
      },
    ],
    layout: {
      title: {
        text: `Held-out top-1 vs images per person · ${escapePlotlyText(datasetName)}`,
        font: TITLE_FONT,
      },
      xaxis: {
        title: { text: 'enrolment images per person' },
        type: 'log',
        tickvals: curve.map((p) => p.size),
      },
      yaxis: PERCENT_AXIS,
    },
  };
}

/** FAR, FRR and wrong-person rate against the threshold, with the EER and 1 %-FAR points marked. */
export function openSetFigure(openSet: OpenSetReport, strangersName: string): Figure {
  const t = openSet.curve.map((p) => p.threshold);
  const line = (name: string, y: number[], color: string) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: t,
    y: y.map((v) => v * 100),
    line: { color },
    hovertemplate: `${name} at %{x:.2f}: %{y:.1f} %<extra></extra>`,
  });
  const markers: { x: number; label: string }[] = [{ x: openSet.summary.eerThreshold, label: 'EER' }];
  if (openSet.summary.thresholdAt1pctFar !== null)
    markers.push({ x: openSet.summary.thresholdAt1pctFar, label: '1 % FAR' });
  const { summary } = openSet;
  return {
    summary: `Strangers given a name (FAR), known people told No match (FRR) and wrong person, against the threshold from 0 to 2. Equal error rate ${pct(summary.eer)} at threshold ${summary.eerThreshold.toFixed(3)}; ${
      summary.thresholdAt1pctFar === null
        ? 'no threshold keeps FAR at 1 % or below'
        : `FAR stays at 1 % or below up to ${summary.thresholdAt1pctFar.toFixed(3)}`
    }. The table below gives both operating points.`,
    data: [
      line(
        'FAR (stranger given a name)',
        openSet.curve.map((p) => p.far),
        '#b91c1c',
      ),
      line(
        'FRR (known person: No match)',
        openSet.curve.map((p) => p.frr),
        '#1d4ed8',
      ),
      line(
        'Wrong person',
        openSet.curve.map((p) => p.wrongPerson),
        '#b45309',
      ),
    ],
    layout: {
      title: { text: `Open set · strangers: ${escapePlotlyText(strangersName)}`, font: TITLE_FONT },
      xaxis: { title: { text: 'threshold (distance)' }, range: [0, 2] },
      yaxis: { title: { text: 'rate (%)' }, range: [0, 101] },
      shapes: markers.map((m) => ({
        type: 'line',
        x0: m.x,
        x1: m.x,
        yref: 'paper',
        y0: 0,
        y1: 1,
        line: { dash: 'dot', color: '#444', width: 1 },
      })),
      annotations: markers.map((m, i) => ({
        x: m.x,
        yref: 'paper',
        y: 1 - i * 0.08,
        text: `${m.label} ${m.x.toFixed(3)}`,
        showarrow: false,
        xanchor: 'left',
      })),
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}

/** The verification ROC of genuine against impostor pairs. */
export function rocFigure(v: VerificationResult): Figure {
  return {
    summary: `ROC curve of ${v.genuine.length} genuine and ${v.impostor.length} impostor pairs: true accept rate against false accept rate, area under the curve ${v.auc.toFixed(4)}, equal error rate ${pct(v.eer)} at distance ${v.eerThreshold.toFixed(3)}.`,
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'ROC',
        x: v.roc.map((p) => p.far),
        y: v.roc.map((p) => p.tpr),
        line: { shape: 'hv' },
        hovertemplate: 'FAR %{x:.4f}, TAR %{y:.4f}<extra></extra>',
      },
    ],
    layout: {
      title: {
        text: `Verification ROC · AUC ${v.auc.toFixed(4)} · EER ${pct(v.eer)}`,
        font: TITLE_FONT,
      },
      xaxis: { title: { text: 'false accept rate' }, range: [0, 1] },
      yaxis: { title: { text: 'true accept rate' }, range: [0, 1.01] },
      showlegend: false,
    },
  };
}

/** Held-out top-1 per person as bars, worst first; names on the axis only while they fit. */
export function perPersonFigure(accuracy: readonly PersonAccuracy[], size: number): Figure {
  const listed = accuracy.slice(0, 10).map((p) => `${p.person} ${pct(p.top1)} (${p.correct} of ${p.tested})`);
  const more = accuracy.length - listed.length;
  return {
    summary: `Held-out top-1 per person, worst first, ${accuracy.length} people: ${listed.join('; ')}${more > 0 ? `; and ${more} more (the CSV has all)` : ''}.`,
    data: [
      {
        type: 'bar',
        x: accuracy.map((p) => escapePlotlyText(p.person)),
        y: accuracy.map((p) => p.top1 * 100),
        customdata: accuracy.map((p) => [p.correct, p.tested, p.ci95[0] * 100, p.ci95[1] * 100]),
        error_y: { ...ciErrorBars(accuracy.map((p) => ({ value: p.top1, ci95: p.ci95 }))), thickness: 1 },
        marker: { color: accuracy.map((p) => (p.top1 < 1 ? '#b45309' : '#1d4ed8')) },
        hovertemplate:
          '%{x}: %{y:.1f} % (%{customdata[0]} of %{customdata[1]}), 95 % CI %{customdata[2]:.1f}–%{customdata[3]:.1f} %<extra></extra>',
      },
    ],
    layout: {
      title: { text: `Held-out top-1 per person, worst first · ${size} enrolled each`, font: TITLE_FONT },
      xaxis: {
        type: 'category',
        showticklabels: accuracy.length <= MAX_TICK_LABELS,
        tickangle: -45,
        automargin: true,
      },
      yaxis: PERCENT_AXIS,
      showlegend: false,
    },
  };
}

/** The confusion heatmap in cluster order: the share of each person's probes nearest each average. */
export function confusionFigure(people: PerPersonReport): Figure {
  const n = people.order.length;
  const names = people.order.map(escapePlotlyText);
  const labelled = n <= MAX_TICK_LABELS;
  const mistaken = people.pairs.reduce((sum, p) => sum + p.count, 0);
  const top = people.pairs
    .slice(0, 3)
    .map((p) => `${p.truePerson} taken for ${p.predicted} ${p.count} time${p.count === 1 ? '' : 's'}`);
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
        font: TITLE_FONT,
      },
      height: Math.min(720, Math.max(360, 160 + n * 6)),
      xaxis: {
        type: 'category',
        showticklabels: labelled,
        tickangle: -45,
        title: { text: 'nearest average' },
      },
      yaxis: {
        type: 'category',
        showticklabels: labelled,
        autorange: 'reversed',
        title: { text: 'true person' },
      },
      margin: { t: 30, r: 20, b: labelled ? 120 : 50, l: labelled ? 140 : 60 },
    },
  };
}
