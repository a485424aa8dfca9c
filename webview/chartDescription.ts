// The chart as text, for a screen reader (the canvas's accessible name): what is plotted against
// what, each curve's observed range, and where each drawn extrapolation, forecast or plan ends, in
// the numbers the chart shows. A canvas alone gives a screen-reader user no numbers at all.
import type { ChartSeries, ChartView } from '../src/shared/protocol';
import type { PredictionView } from '../src/shared/fitView';
import { extent } from '../src/core/arrayStats';
import { formatNumber } from './chartConfig';
import { fmtLoss } from './format';

const OBSERVED = new Set(['fit', 'heldout', 'warmup', 'outlier']);
const ENDS = new Set(['extrapolation', 'forecast', 'frontier', 'backtest']);
/** Sentences about series beyond this many are summed up as "and N more", so the name stays readable. */
const MAX_SENTENCES = 12;

const range = (values: readonly number[]): string => {
  const [lo, hi] = extent(values);
  return lo === hi ? formatNumber(lo) : `${formatNumber(lo)} to ${formatNumber(hi)}`;
};

function observed(view: ChartView, series: readonly ChartSeries[]): string[] {
  const byCurve = new Map<string, { x: number[]; y: number[]; last?: { x: number; y: number } }>();
  for (const s of series) {
    const c = byCurve.get(s.curve) ?? { x: [], y: [] };
    for (const p of s.points) {
      c.x.push(p.x);
      c.y.push(p.y);
      if (s.role !== 'outlier' && (!c.last || p.x >= c.last.x)) c.last = p;
    }
    byCurve.set(s.curve, c);
  }
  return [...byCurve].map(([curve, c]) => {
    const last = c.last ? `, last ${formatNumber(c.last.y)} at ${formatNumber(c.last.x)}` : '';
    return `${curve}: ${c.x.length} points, ${view.xLabel} ${range(c.x)}, ${view.yLabel} ${range(c.y)}${last}.`;
  });
}

/** Where `s` ends, with the interval there when its group draws one (the band is a series of its own). */
function end(view: ChartView, s: ChartSeries, drawn: readonly ChartSeries[]): string | undefined {
  const p = s.points.reduce<ChartSeries['points'][number] | undefined>((a, q) => (!a || q.x > a.x ? q : a), undefined);
  if (!p) return undefined;
  const bands = [s, ...drawn.filter((b) => b.group === s.group && b.role === 'band')].flatMap((b) => b.band ?? []);
  const band = bands.filter((b) => b.x <= p.x * (1 + 1e-9)).reduce<(typeof bands)[number] | undefined>((a, b) => (!a || b.x > a.x ? b : a), undefined);
  const interval = band && band.lo !== band.hi ? ` (interval ${formatNumber(band.lo)} to ${formatNumber(band.hi)} at ${formatNumber(band.x)})` : '';
  return `${s.label}${s.curve && !s.label.includes(s.curve) ? ` (${s.curve})` : ''}: ${view.yLabel} ${formatNumber(p.y)}${interval} at ${view.xLabel} ${formatNumber(p.x)}.`;
}

/**
 * `shown(s)`: whether the chart draws series `s` now (the legend toggles hide groups); `lead`, a
 * sentence said first (the headline's prediction, which the chart draws as its target).
 */
export function describeChart(view: ChartView, shown: (s: ChartSeries) => boolean = (s) => !s.hidden, lead?: string): string {
  const drawn = view.series.filter((s) => shown(s) && s.points.length > 0);
  const axes = `${view.xLog ? 'log' : 'linear'} ${view.xLabel}, ${view.yLog ? 'log' : 'linear'} ${view.yLabel}`;
  const sentences = [...observed(view, drawn.filter((s) => OBSERVED.has(s.role))), ...drawn.filter((s) => ENDS.has(s.role)).map((s) => end(view, s, drawn)).filter((t): t is string => t !== undefined)];
  const more = sentences.length > MAX_SENTENCES ? ` And ${sentences.length - MAX_SENTENCES} more series; the tables below list them.` : '';
  const marks = view.markers.filter((m) => !m.hidden && m.x !== undefined).map((m) => `${m.label} at ${formatNumber(m.x!)}`);
  return [`Chart${view.title ? ` ${view.title}` : ''}: ${view.yLabel} against ${view.xLabel} (${axes}).`, lead, ...sentences.slice(0, MAX_SENTENCES), more, marks.length ? `Marked: ${marks.join(', ')}.` : '']
    .filter(Boolean)
    .join(' ');
}

/**
 * The headline's prediction as one sentence, in the headline's numbers: the chart's accessible name
 * begins with it, and a screen reader hears it when a refit changes it (webview/announce.ts).
 * "Prediction: loss at 10x (5.12B samples) 0.3353, 95% interval 0.3140 to 0.3580, by Mix (…), for run 0."
 */
export function predictionSentence(p: PredictionView, yLabel: string, stale = false): string {
  const interval = p.lo !== undefined && p.hi !== undefined ? `, ${p.level !== undefined ? `${Math.round(p.level * 100)}% ` : ''}interval ${fmtLoss(p.lo)} to ${fmtLoss(p.hi)}` : '';
  const reached = p.reached ? ` ${p.reached}.` : '';
  return `Prediction${stale ? ' (previous fit)' : ''}: ${yLabel} at ${p.targetLabel} ${fmtLoss(p.y)}${interval}, by ${p.lawName ?? p.law}, for ${p.curve}.${reached}`;
}
