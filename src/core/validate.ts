// Turns raw observations into a clean curve every law can fit: finite, positive (the laws take
// logs of both x and y), sorted by x, duplicates averaged. Problems a user can fix become a
// ScalingLensError with a plain message; harmless oddities become warnings.
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
  const order: number[] = [];
  for (let i = 0; i < xIn.length; i++) {
    const x = xIn[i];
    const y = yIn[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new ScalingLensError('non-finite', `point ${i + 1} is not a finite number (x = ${x}, y = ${y})`);
    }
    if (x <= 0) throw new ScalingLensError('non-positive', `x must be positive (log scale), point ${i + 1} has x = ${x}`);
    if (y <= 0) throw new ScalingLensError('non-positive', `y must be positive (log scale), point ${i + 1} has y = ${y}`);
    order.push(i);
  }
  let sorted = true;
  for (let i = 1; i < xIn.length; i++) if (xIn[i] < xIn[i - 1]) sorted = false;
  if (!sorted) {
    order.sort((a, b) => xIn[a] - xIn[b]);
    warnings.push('points were not in x order; sorted them');
  }
  const xs: number[] = [];
  const ys: number[] = [];
  let dupes = 0;
  for (let k = 0; k < order.length; ) {
    const x = xIn[order[k]];
    let sum = 0;
    let cnt = 0;
    while (k < order.length && xIn[order[k]] === x) {
      sum += yIn[order[k]];
      cnt++;
      k++;
    }
    if (cnt > 1) dupes += cnt - 1;
    xs.push(x);
    ys.push(sum / cnt);
  }
  if (dupes > 0) warnings.push(`averaged ${dupes} duplicate x value${dupes === 1 ? '' : 's'}`);
  if (xs.length < minPoints) {
    throw new ScalingLensError(
      'too-few-points',
      `${lawName} needs at least ${minPoints} points with distinct x, got ${xs.length}`,
    );
  }
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  if (yMax - yMin <= 1e-12 * Math.max(Math.abs(yMax), Math.abs(yMin))) { // relative: losses of 1e-12 still vary
    throw new ScalingLensError('constant-y', `y is constant (${yMax}); there is no trend to fit`);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), warnings };
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
