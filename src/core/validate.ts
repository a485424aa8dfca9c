// Turns raw observations into a clean curve every law can fit: finite, positive (the laws take
// logs of both x and y), sorted by x, duplicates averaged. Problems a user can fix become a
// ScalingLensError with a plain message; harmless oddities become warnings.
import { extent } from './arrayStats';
import { ScalingLensError } from './types';

export interface Curve {
  /** Sorted ascending, distinct. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly warnings: readonly string[];
}

export function prepareCurve(xIn: ArrayLike<number>, yIn: ArrayLike<number>, minPoints: number, lawName: string): Curve {
  if (xIn.length !== yIn.length) {
    throw new ScalingLensError('bad-argument', `x has ${xIn.length} values but y has ${yIn.length}`);
  }
  const warnings: string[] = [];
  const n = xIn.length;
  let sorted = true;
  let increasing = true;
  for (let i = 0; i < n; i++) {
    const x = xIn[i];
    const y = yIn[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new ScalingLensError('non-finite', `point ${i + 1} is not a finite number (x = ${x}, y = ${y})`);
    }
    if (x <= 0) throw new ScalingLensError('non-positive', `x must be positive (log scale), point ${i + 1} has x = ${x}`);
    if (y <= 0) throw new ScalingLensError('non-positive', `y must be positive (log scale), point ${i + 1} has y = ${y}`);
    if (i > 0 && !(x > xIn[i - 1])) {
      increasing = false;
      if (x < xIn[i - 1]) sorted = false;
    }
  }
  // already clean (the usual per-step log): no copy; the arrays are only ever read downstream
  if (increasing && n >= minPoints && xIn instanceof Float64Array && yIn instanceof Float64Array) {
    const [yMin, yMax] = extent(yIn);
    if (!(yMax - yMin <= 1e-12 * Math.max(1, Math.abs(yMax)))) return { x: xIn, y: yIn, warnings };
  }
  // logs are almost always in x order already: only then is the index permutation skipped
  let order: Uint32Array | undefined;
  if (!sorted) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => xIn[a] - xIn[b] || a - b);
    warnings.push('points were not in x order; sorted them');
  }
  const at = order ? (k: number) => order![k] : (k: number) => k;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let m = 0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let k = 0; k < n; ) {
    const x = xIn[at(k)];
    let sum = 0;
    let cnt = 0;
    while (k < n && xIn[at(k)] === x) {
      sum += yIn[at(k)];
      cnt++;
      k++;
    }
    const y = sum / cnt;
    xs[m] = x;
    ys[m] = y;
    m++;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  const dupes = n - m;
  if (dupes > 0) warnings.push(`averaged ${dupes} duplicate x value${dupes === 1 ? '' : 's'}`);
  if (m < minPoints) {
    throw new ScalingLensError(
      'too-few-points',
      `${lawName} needs at least ${minPoints} points with distinct x, got ${m}`,
    );
  }
  if (yMax - yMin <= 1e-12 * Math.max(Math.abs(yMax), Math.abs(yMin))) { // relative: losses of 1e-12 still vary
    throw new ScalingLensError('constant-y', `y is constant (${yMax}); there is no trend to fit`);
  }
  return { x: m === n ? xs : xs.slice(0, m), y: m === n ? ys : ys.slice(0, m), warnings };
}

/** RMSLE = sqrt(mean((log ŷ − log y)²)); NaN when any prediction is not positive and finite. */
export function rmsle(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  if (y.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(pred[i] > 0) || !Number.isFinite(pred[i])) return NaN;
    const d = Math.log(pred[i]) - Math.log(y[i]);
    s += d * d;
  }
  return Math.sqrt(s / y.length);
}
