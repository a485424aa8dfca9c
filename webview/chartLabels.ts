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
 * Chart.js puts log ticks only at integer mantissas, so an axis spanning less than about half a
 * decade (a loss curve from 3.6 to 2.8) gets one or two labels. There, evenly spaced "nice"
 * values (1, 2 or 5 × 10^k apart) read better; wider axes keep Chart.js's own ticks (undefined).
 */
export function narrowLogTicks(min: number, max: number, count = 6): number[] | undefined {
  if (!(min > 0) || !(max > min) || Math.log10(max / min) > 0.5) return undefined;
  const raw = (max - min) / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  // a step a little under the ideal is fine: up to count/0.75 ticks still fit
  const step = [1, 2, 2.5, 5, 10].map((k) => k * pow).find((s) => s >= 0.75 * raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max * (1 + 1e-12); v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length >= 2 ? ticks : undefined;
}
