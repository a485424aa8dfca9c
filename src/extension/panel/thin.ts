// Host-side thinning of long series before they cross to the webview. Chart.js's decimation
// plugin does not work on logarithmic axes, and scaling plots are log-log, so we keep, per bucket
// of (log) x, the points with the smallest and largest y: spikes survive, the shape stays.
import type { XY } from '../../shared/protocol';

/**
 * At most `maxPoints` points (≥ 4), first and last always kept, order preserved. Buckets are
 * equal-width in log x when `logX` (points with x ≤ 0 are dropped there), else in x.
 */
export function thinMinMax(points: readonly XY[], maxPoints: number, logX: boolean): XY[] {
  const usable = logX ? points.filter((p) => p.x > 0) : points.slice();
  const limit = Math.max(4, Math.floor(maxPoints));
  if (usable.length <= limit) return usable;
  const sorted = isSortedByX(usable) ? usable : usable.slice().sort((a, b) => a.x - b.x);
  const t = logX ? (x: number) => Math.log(x) : (x: number) => x;
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const lo = t(first.x);
  const span = t(last.x) - lo;
  // two points per bucket, minus the two end points
  const buckets = Math.max(1, Math.floor((limit - 2) / 2));
  const out: XY[] = [first];
  let b = 0;
  let min: XY | undefined;
  let max: XY | undefined;
  const flush = () => {
    if (min && max) {
      if (min === max) out.push(min);
      else if (min.x <= max.x) out.push(min, max);
      else out.push(max, min);
    }
    min = max = undefined;
  };
  for (let i = 1; i < sorted.length - 1; i++) {
    const p = sorted[i]!;
    const bucket = span > 0 ? Math.min(buckets - 1, Math.floor(((t(p.x) - lo) / span) * buckets)) : 0;
    if (bucket !== b) {
      flush();
      b = bucket;
    }
    if (!min || p.y < min.y) min = p;
    if (!max || p.y > max.y) max = p;
  }
  flush();
  out.push(last);
  return out;
}

function isSortedByX(points: readonly XY[]): boolean {
  for (let i = 1; i < points.length; i++) if (points[i]!.x < points[i - 1]!.x) return false;
  return true;
}

/** `n` points spaced evenly in log space between `from` and `to` (both > 0), ends included. */
export function logSpace(from: number, to: number, n: number): number[] {
  if (!(from > 0) || !(to > 0) || n < 2) return from > 0 ? [from] : [];
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: n }, (_, i) => (i === 0 ? from : i === n - 1 ? to : Math.exp(a + ((b - a) * i) / (n - 1))));
}
