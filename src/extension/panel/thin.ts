// Host-side thinning of long series before they cross to the webview. Chart.js's decimation
// plugin does not work on logarithmic axes, and scaling plots are log-log, so we bin (log) x
// ourselves: per bin, the median loss as the dot, and the bin's lowest and highest loss as a
// shaded range. Not the min/max pairs of a decimator: on a per-step loss with wide noise those
// draw only the envelope (two ghost branches, the bulk of the losses invisible between them, and
// the fitted curve seemingly running through empty space). Spikes stay visible in the range.
import { medianInPlace } from '../../core/arrayStats';
import type { BandPoint, XY } from '../../shared/protocol';

export interface Thinned {
  readonly points: XY[];
  /** Per bin, the lowest and highest y of the points its dot stands for; absent when nothing was thinned. */
  readonly spread?: BandPoint[];
}

/**
 * At most `maxPoints` points (≥ 4), in x order. A series that fits is returned whole (points with a
 * non-finite x or y, or x ≤ 0 when `logX`, dropped). A longer one becomes one dot per occupied bin
 * (maxPoints / 2 bins, equal-width in log x when `logX`, else in x): the median y of the bin's
 * points at the x of its middle point. One pass when the input is in x order (a per-step log of
 * millions of points is thinned in tens of milliseconds).
 */
export function thinToBins(points: readonly XY[], maxPoints: number, logX: boolean): Thinned {
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
  if (n <= limit) {
    const kept = n === points.length ? points.slice() : points.filter(ok);
    return { points: sorted ? kept : kept.sort((a, b) => a.x - b.x) };
  }
  const src = sorted ? points : points.filter(ok).sort((a, b) => a.x - b.x);
  const key = logX ? (x: number) => Math.log(x) : (x: number) => x;
  let first = 0;
  while (!ok(src[first]!)) first++;
  let last = src.length - 1;
  while (!ok(src[last]!)) last--;
  const lo = key(src[first]!.x);
  const span = key(src[last]!.x) - lo;
  const bins = Math.max(1, Math.floor(limit / 2));
  const scale = span > 0 ? bins / span : 0;
  const out: XY[] = [];
  const spread: BandPoint[] = [];
  // one bin's values at a time, in scratch arrays grown to the largest bin
  let xs = new Float64Array(64);
  let ys = new Float64Array(64);
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let bin = 0;
  const flush = () => {
    if (count === 0) return;
    const x = xs[(count - 1) >> 1]!;
    out.push({ x, y: count === 1 ? ys[0]! : medianInPlace(ys.subarray(0, count)) });
    spread.push({ x, lo: min, hi: max });
    count = 0;
    min = Infinity;
    max = -Infinity;
  };
  for (let i = first; i <= last; i++) {
    const p = src[i]!;
    if (!ok(p)) continue;
    const b = Math.min(bins - 1, Math.floor((key(p.x) - lo) * scale));
    if (b !== bin) {
      flush();
      bin = b;
    }
    if (count === ys.length) [xs, ys] = [doubled(xs), doubled(ys)];
    xs[count] = p.x;
    ys[count++] = p.y;
    if (p.y < min) min = p.y;
    if (p.y > max) max = p.y;
  }
  flush();
  return { points: out, spread };
}

function doubled(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const g = new Float64Array(a.length * 2);
  g.set(a);
  return g;
}

/** `n` points spaced evenly in log space between `from` and `to` (both > 0), ends included. */
export function logSpace(from: number, to: number, n: number): number[] {
  if (!(from > 0) || !(to > 0) || n < 2) return from > 0 ? [from] : [];
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: n }, (_, i) => (i === 0 ? from : i === n - 1 ? to : Math.exp(a + ((b - a) * i) / (n - 1))));
}
