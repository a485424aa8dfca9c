// How far a valley's parabola may place its lowest point from the valley's own: a loss against
// ln N is not a parabola (on the Chinchilla surface it rises more steeply toward small models; on
// Kaplan's joint law, toward large ones), so the parabola's vertex lies off the lowest loss by an
// amount that no resampling of its residuals shows, and that does not shrink with the noise. A
// cubic through the same runs bends with that skew: the gap between its lowest point and the
// parabola's is read as the parabola's shape error. Pure.
import type { IsoflopFit } from './isoflop';
import type { Parabola } from './isoflopParabola';
import { choleskySolve } from './optim/cholesky';

/**
 * The cubic's shift counted twice: it leaves a quartic term's share of the skew and is itself
 * noisy. Chosen on seeds 101–130 of bench/isoflop.bench.ts (of 1, 1.5, 2, 3: 2 is the least that
 * brought 95% intervals inside 0.3%-noise sweeps of Kaplan's joint law to ≥ 0.95); reported on 1–30.
 */
export const SHAPE_WEIGHT = 2;

/** Valleys need this many sizes before a cubic through them leaves any scatter to judge it by. */
export const MIN_CUBIC_SIZES = 5;

/** Least-squares cubic y ≈ c0 + c1·u + c2·u² + c3·u³, by its normal equations (positive-definite with 4 or more distinct u). */
function cubicFit(u: ArrayLike<number>, y: ArrayLike<number>): number[] | undefined {
  const s = new Float64Array(7);
  const t = new Float64Array(4);
  for (let k = 0; k < u.length; k++) {
    let p = 1;
    for (let j = 0; j <= 6; j++) {
      s[j] += p;
      if (j <= 3) t[j] += p * y[k]!;
      p *= u[k]!;
    }
  }
  const normal = Float64Array.from({ length: 16 }, (_, i) => s[Math.floor(i / 4) + (i % 4)]!);
  const x = new Float64Array(4);
  return choleskySolve(normal, t, x, 4) && x.every(Number.isFinite) ? Array.from(x) : undefined;
}

/**
 * The cubic's lowest point minus the parabola's, in ln N, for a valley of runs at u = ln N − the
 * parabola's centre; undefined when the valley has too few sizes or the cubic has no lowest point
 * among the sizes tried.
 */
export function vertexShift(u: ArrayLike<number>, loss: ArrayLike<number>, parabola: Parabola, sizes: number): number | undefined {
  if (sizes < MIN_CUBIC_SIZES || !(parabola.c2 > 0)) return undefined;
  const c = cubicFit(u, loss);
  if (!c) return undefined;
  const [, c1, c2, c3] = c as [number, number, number, number];
  // c1 + 2c2·u + 3c3·u² = 0 at the root whose second derivative 2c2 + 6c3·u is positive, written so
  // that it tends to the parabola's −c1/(2c2) as c3 → 0
  const disc = 4 * c2 * c2 - 12 * c1 * c3;
  if (!(disc >= 0)) return undefined;
  const denom = 2 * c2 + Math.sqrt(disc);
  if (!(denom > 0)) return undefined;
  const lowest = (-2 * c1) / denom;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < u.length; k++) {
    lo = Math.min(lo, u[k]!);
    hi = Math.max(hi, u[k]!);
  }
  if (lowest < lo || lowest > hi) return undefined;
  return lowest - -parabola.c1 / (2 * parabola.c2);
}

/**
 * The mean vertexShift over the valleys that placed an N_opt (their outliers left out), in ln N;
 * 0 when none has the sizes for a cubic. The valleys of a surface whose loss depends on ln N and
 * ln C alike share one shape, so their shifts are read as one.
 */
export function shapeShift(data: { readonly N: ArrayLike<number>; readonly loss: ArrayLike<number> }, fit: IsoflopFit): number {
  const shifts: number[] = [];
  for (const b of fit.budgets) {
    if (b.N === undefined || !b.parabola) continue;
    const rows = b.rows.filter((i) => !b.outliers?.includes(i));
    const u = rows.map((i) => Math.log(data.N[i]!) - b.parabola!.centre);
    const s = vertexShift(u, rows.map((i) => data.loss[i]!), b.parabola, b.sizes);
    if (s !== undefined) shifts.push(s);
  }
  return shifts.length ? shifts.reduce((a, v) => a + v, 0) / shifts.length : 0;
}
