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
