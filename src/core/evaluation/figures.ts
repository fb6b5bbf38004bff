import type { AccuracyPoint } from '../enrolment-curve';
import { formatPercent as pct } from '../stats';
import type { VerificationResult } from '../verification';
import type { OpenSetReport } from './analyse';
import { ciErrorBars, oneIn, percentAxis, type ChartPalette, type Figure } from './figure';

/** The false-accept axis: 1 in 100,000 to all, one tick per power of ten, in words. */
const FAR_TICKS = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
const farAxis = (title: string) => ({
  title: { text: title },
  type: 'log',
  range: [-5, 0],
  tickvals: FAR_TICKS,
  ticktext: FAR_TICKS.map((x) => (x === 1 ? 'all' : oneIn(x))),
});

/**
 * Named correctly on the first guess against photos per person, with 95 % intervals, on a log axis;
 * each size's value is printed under its tick, where no interval bar or line can cover it.
 */
export function accuracyFigure(
  curve: readonly AccuracyPoint[],
  datasetName: string,
  palette: ChartPalette,
): Figure {
  return {
    title: `Named correctly on the first guess · ${datasetName}`,
    summary: `Test photos named correctly on the first guess against the photos enrolled per person: ${curve
      .map((p) => `${p.size} per person ${pct(p.top1)} (likely ${pct(p.ci95[0])} – ${pct(p.ci95[1])})`)
      .join('; ')}. The table below lists the same values.`,
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'named correctly',
        x: curve.map((p) => p.size),
        y: curve.map((p) => p.top1 * 100),
        line: { color: palette.accent },
        marker: { color: palette.accent, size: 8 },
        error_y: {
          ...ciErrorBars(curve.map((p) => ({ value: p.top1, ci95: p.ci95 }))),
          color: palette.accent,
        },
        hovertemplate: '%{x} per person: %{y:.1f} %<extra></extra>',
      },
    ],
    layout: {
      xaxis: {
        title: { text: 'photos enrolled per person' },
        type: 'log',
        tickvals: curve.map((p) => p.size),
        ticktext: curve.map((p) => `${p.size}<br><b>${(p.top1 * 100).toFixed(1)} %</b>`),
      },
      yaxis: percentAxis(
        'correct',
        curve.map((p) => p.ci95[0]),
      ),
      showlegend: false,
    },
  };
}

/** A vertical line at a threshold, as a trace so that the legend names it and no label overprints. */
function thresholdLine(x: number, name: string, range: readonly number[], color: string, dash: string) {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x: [x, x],
    y: [range[0], range[1]],
    line: { color, dash, width: 1.5 },
    hoverinfo: 'skip',
  };
}

/** Strangers named, known people refused and wrong names against the threshold, with the operating points. */
export function openSetFigure(
  openSet: OpenSetReport,
  strangersName: string,
  threshold: number,
  palette: ChartPalette,
): Figure {
  const t = openSet.curve.map((p) => p.threshold);
  const line = (name: string, y: number[], color: string, dash: string) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: t,
    y: y.map((v) => v * 100),
    line: { color, dash, width: 2 },
    hovertemplate: `${name} at %{x:.2f}: %{y:.1f} %<extra></extra>`,
  });
  const { summary } = openSet;
  const range = [0, 101];
  return {
    title: `Strangers and known people, by threshold · strangers: ${strangersName}`,
    summary: `Strangers given a name, known people not recognised and people named wrongly, against the threshold from 0 to 2. The two error rates are equal (${pct(summary.eer)}) at ${summary.eerThreshold.toFixed(3)}; ${
      summary.thresholdAt1pctFar === null
        ? 'no threshold lets in 1 stranger in 100 or fewer'
        : `up to ${summary.thresholdAt1pctFar.toFixed(3)}, 1 stranger in 100 or fewer is given a name`
    }. The current threshold is ${threshold.toFixed(3)}. The table below gives both points.`,
    data: [
      line(
        'Strangers given a name',
        openSet.curve.map((p) => p.far),
        palette.wrong,
        'solid',
      ),
      line(
        'Known people not recognised',
        openSet.curve.map((p) => p.frr),
        palette.accent,
        'dash',
      ),
      line(
        'Named as someone else',
        openSet.curve.map((p) => p.wrongPerson),
        palette.muted,
        'dot',
      ),
      thresholdLine(threshold, `Now: ${threshold.toFixed(2)}`, range, palette.text, 'solid'),
      thresholdLine(
        summary.eerThreshold,
        `Equal errors: ${summary.eerThreshold.toFixed(2)}`,
        range,
        palette.muted,
        'dashdot',
      ),
      ...(summary.thresholdAt1pctFar === null
        ? []
        : [
            thresholdLine(
              summary.thresholdAt1pctFar,
              `1 stranger in 100: ${summary.thresholdAt1pctFar.toFixed(2)}`,
              range,
              palette.muted,
              'longdash',
            ),
          ]),
    ],
    layout: {
      xaxis: { title: { text: 'threshold (distance)' }, range: [0, 2] },
      yaxis: { title: { text: 'share of photos (%)' }, range },
    },
  };
}

/**
 * Same-person pairs accepted against different-person pairs let in, the latter on a log axis from
 * 1 in 100,000 to all, with the current threshold as a line named in the legend. Points that let in
 * fewer than 1 pair in 100,000 (none, with few pairs) sit on the axis's left edge.
 */
export function rocFigure(v: VerificationResult, threshold: number, palette: ChartPalette): Figure {
  const floor = FAR_TICKS[0]!;
  const at = v.roc.findLast((p) => p.threshold <= threshold) ?? v.roc[0]!;
  const atEdge = v.roc.filter((p) => p.far < floor).map((p) => p.tpr);
  // Zoomed to what shows right of the edge, the edge's top, and the current threshold's point.
  const axis = percentAxis('accepted', [
    ...v.roc.filter((p) => p.far >= floor).map((p) => p.tpr),
    ...(atEdge.length ? [Math.max(...atEdge)] : []),
    at.tpr,
  ]);
  const x = Math.max(at.far, floor);
  return {
    title: 'Pairs of test photos: the same person accepted, different people let in',
    summary: `${v.genuine.length} pairs of the same person and ${v.impostor.length} pairs of different people; area under the curve ${v.auc.toFixed(4)}; equal error rate ${pct(v.eer)} at distance ${v.eerThreshold.toFixed(3)}. At the current threshold ${threshold.toFixed(3)}, ${oneIn(at.far)} of the pairs of different people are let in and ${pct(at.tpr)} of the pairs of the same person are accepted.`,
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'every threshold',
        x: v.roc.map((p) => Math.max(p.far, floor)),
        y: v.roc.map((p) => p.tpr * 100),
        line: { shape: 'hv', color: palette.accent, width: 2 },
        hovertemplate: '%{y:.1f} % accepted<extra></extra>',
      },
      thresholdLine(
        x,
        `Now, at ${threshold.toFixed(2)}: ${oneIn(at.far)} let in, ${pct(at.tpr)} accepted`,
        axis.range,
        palette.text,
        'dot',
      ),
    ],
    layout: {
      xaxis: farAxis('pairs of different people let in'),
      yaxis: axis,
    },
  };
}
