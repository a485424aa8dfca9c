// Tick labels for log axes (pure).
import { formatNumber } from './chartConfig';

/**
 * Which mantissas a log axis labels, so labels never crowd: it depends on how many pixels each
 * decade gets (horizontal labels need more room than vertical ones). Under a decade most
 * mantissas, then 1-2-5, then powers of ten only.
 */
export function logLabelSet(decades: number, pixels: number, horizontal: boolean): readonly number[] {
  const perDecade = pixels / Math.max(decades, 1e-9);
  if (decades <= 1.05 && perDecade > (horizontal ? 350 : 160)) return [1, 2, 3, 4, 5, 6, 8];
  if (perDecade > (horizontal ? 150 : 60)) return [1, 2, 5];
  return [1];
}

export function tickLabel(v: number, log: boolean, labels: readonly number[] = [1, 2, 5]): string {
  if (!log || !(v > 0)) return formatNumber(v);
  const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  return labels.some((k) => Math.abs(m - k) < 1e-6) ? formatNumber(v) : '';
}

/**
 * The ticks a log axis keeps, each of which gets a label and a grid line: the evenly spread ticks
 * of a narrow axis (narrowLogTicks), else those of Chart.js's `generated` ticks (every integer
 * mantissa) that logLabelSet labels. Chart.js draws a grid line for each tick it keeps, labelled
 * or not, and past maxTicksLimit only every n-th of them, so unlabelled ticks would leave lines
 * between the labels and labels without lines.
 */
export function shownLogTicks(generated: readonly number[], min: number, max: number, pixels: number, horizontal: boolean): number[] {
  const narrow = narrowLogTicks(min, max);
  if (narrow) return narrow;
  const decades = min > 0 && max > min ? Math.log10(max / min) : 0;
  const labels = logLabelSet(decades, pixels, horizontal);
  return generated.filter((v) => tickLabel(v, true, labels) !== '');
}

/**
 * Chart.js puts log ticks only at integer mantissas, so an axis spanning less than about half a
 * decade (a loss curve from 3.6 to 2.8) gets one or two labels, and one reaching below 2 (4 down
 * to 1.2) leaves 1.2–1.9 unlabelled. Under half a decade, evenly spaced "nice" values (1, 2 or 5
 * × 10^k apart) read better; up to MID_DECADES, nice mantissas evenly spread on the log scale;
 * wider axes keep Chart.js's own ticks (undefined).
 */
export function narrowLogTicks(min: number, max: number, count = 6): number[] | undefined {
  if (!(min > 0) || !(max > min)) return undefined;
  const decades = Math.log10(max / min);
  if (decades > MID_DECADES) return undefined;
  if (decades > 0.5) return midLogTicks(min, max, decades);
  const raw = (max - min) / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  // a step a little under the ideal is fine: up to count/0.75 ticks still fit
  const step = [1, 2, 2.5, 5, 10].map((k) => k * pow).find((s) => s >= 0.75 * raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max * (1 + 1e-12); v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length >= 2 ? ticks : undefined;
}

/** Past this many decades Chart.js's ticks (1-2-5 labels per decade) serve. */
export const MID_DECADES = 1.2;

/** Mantissas in the order they are wanted: 1-2-5 first, then the rest while they keep their distance. */
const MANTISSA_PRIORITY = [1, 2, 5, 3, 4, 1.5, 2.5, 6, 8, 1.2];

function midLogTicks(min: number, max: number, decades: number): number[] | undefined {
  const gap = decades / 10;
  const candidates: number[] = [];
  for (const m of MANTISSA_PRIORITY) {
    for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
      const v = Number((m * Math.pow(10, k)).toPrecision(12));
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) candidates.push(v);
    }
  }
  const ticks: number[] = [];
  for (const v of candidates) if (ticks.every((t) => Math.abs(Math.log10(v / t)) >= gap * 0.999)) ticks.push(v);
  return ticks.length >= 2 ? ticks.sort((a, b) => a - b) : undefined;
}

/** A marker label's horizontal extent in pixels and the row it was given (0: the chart's top line). */
export interface LabelSpan {
  readonly left: number;
  readonly right: number;
  readonly row: number;
}

/**
 * The first row, from `from` down, where a label spanning `left`…`right` meets none of `placed`:
 * two target lines near each other in an overlay (one curve's 10x short of the others') would
 * otherwise print their labels over each other.
 */
export function freeLabelRow(placed: readonly LabelSpan[], left: number, right: number, from = 0): number {
  const GAP = 6;
  let row = from;
  while (placed.some((p) => p.row === row && left < p.right + GAP && right > p.left - GAP)) row++;
  return row;
}
