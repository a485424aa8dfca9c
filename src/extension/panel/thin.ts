// Host-side thinning of long series before they cross to the webview. Chart.js's decimation
// plugin does not work on logarithmic axes, and scaling plots are log-log, so we keep, per bucket
// of (log) x, the points with the smallest and largest y: spikes survive, the shape stays.
import type { XY } from '../../shared/protocol';

/**
 * At most `maxPoints` points (≥ 4), first and last always kept, order preserved. Buckets are
 * equal-width in log x when `logX` (points with x ≤ 0 are dropped there), else in x. Points with a
 * non-finite x or y are dropped. One pass and no copy of the input when it is in x order (a
 * per-step log of millions of points is thinned in tens of milliseconds).
 */
export function thinMinMax(points: readonly XY[], maxPoints: number, logX: boolean): XY[] {
  const ok = logX ? (p: XY) => p.x > 0 && p.x < Infinity && Number.isFinite(p.y) : (p: XY) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const limit = Math.max(4, Math.floor(maxPoints));
  let n = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!ok(p)) continue;
    n++;
    if (p.x < prev) sorted = false;
    prev = p.x;
  }
  if (n <= limit) return n === points.length ? points.slice() : points.filter(ok);
  const src = sorted ? points : points.filter(ok).sort((a, b) => a.x - b.x);
  let iFirst = 0;
  while (!ok(src[iFirst]!)) iFirst++;
  let iLast = src.length - 1;
  while (!ok(src[iLast]!)) iLast--;
  const first = src[iFirst]!;
  const last = src[iLast]!;
  const lo = logX ? Math.log(first.x) : first.x;
  const span = (logX ? Math.log(last.x) : last.x) - lo;
  // two points per bucket, minus the two end points
  const buckets = Math.max(1, Math.floor((limit - 2) / 2));
  const scale = span > 0 ? buckets / span : 0;
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
  for (let i = iFirst + 1; i < iLast; i++) {
    const p = src[i]!;
    if (!ok(p)) continue;
    const bucket = Math.min(buckets - 1, Math.floor(((logX ? Math.log(p.x) : p.x) - lo) * scale));
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

/** `n` points spaced evenly in log space between `from` and `to` (both > 0), ends included. */
export function logSpace(from: number, to: number, n: number): number[] {
  if (!(from > 0) || !(to > 0) || n < 2) return from > 0 ? [from] : [];
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: n }, (_, i) => (i === 0 ? from : i === n - 1 ? to : Math.exp(a + ((b - a) * i) / (n - 1))));
}
