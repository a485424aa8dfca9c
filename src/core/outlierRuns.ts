// A run whose loss is far above what the rest of its sweep says it should be is a diverged or
// broken run, not noise: left in, it drags the fit toward it. One rule wherever a sweep is judged
// (an IsoFLOP valley, core/isoflop.ts; a loss surface, below): a run is an outlier when its
// residual above the model through the others exceeds OUTLIER_SIGMAS robust σ (1.4826·MAD) of the
// others' residuals, so noise does not reach it, and a stated share of its loss, so a near-noiseless
// sweep's tiny σ flags nothing. Both numbers are stated, not tuned on any data set. Pure.
import { lowerBound } from './arrayStats';
import { chinchillaLaw, chinchillaQuickStarts, fitChinchilla } from './laws/chinchilla';
import { ScalingLensError, type Law, type Observations, type Params } from './types';

export const OUTLIER_SIGMAS = 6;

/** Whether a residual above the model (in the units of σ and `floor`) marks a run as an outlier. */
export function isFarAbove(residual: number, sigma: number, floor: number): boolean {
  return residual > OUTLIER_SIGMAS * sigma && residual > floor;
}

/** "left a run out of its valley as an outlier: N = 4.1e8 at 1.00e20 FLOPs, loss 10.8 against 2.62 from the valley through its other sizes." */
export function outlierNote(place: string, run: string, loss: number, expected?: { readonly value: number; readonly from: string }): string {
  const against = expected ? ` against ${expected.value.toPrecision(3)} from ${expected.from}` : '';
  return `left a run out of ${place} as an outlier: ${run}, loss ${loss.toPrecision(3)}${against}.`;
}

/** A surface's outliers are 10% above it: further than a digitized or noisy sweep strays (1% noise is 10σ short of it). */
export const SURFACE_OUTLIER_SHARE = 0.1;
/** A surface has up to five parameters: with fewer rows, the others' residuals say little of the noise. */
const MIN_JUDGED_ROWS = 10;
/** More than this share of rows far off is the law not describing the sweep, not broken runs. */
const MAX_OUTLIER_SHARE = 0.25;

/** ln(observed / fitted) at each observation. */
export function logResiduals(law: Law, params: Params, obs: Observations): Float64Array {
  return Float64Array.from(obs.y, (y, i) => Math.log(y / law.predict(params, obs.x[i]!, obs.x2?.[i], obs.x3?.[i])));
}

/**
 * The rows (indices) far above a fitted surface, by their log residuals: more than OUTLIER_SIGMAS
 * robust σ of the other rows' residuals and more than SURFACE_OUTLIER_SHARE above it. Empty for
 * fewer than MIN_JUDGED_ROWS rows, or when more than MAX_OUTLIER_SHARE of them would be.
 */
export function surfaceOutliers(residuals: ArrayLike<number>): number[] {
  const n = residuals.length;
  if (n < MIN_JUDGED_ROWS) return [];
  const floor = Math.log1p(SURFACE_OUTLIER_SHARE);
  const out: number[] = [];
  let sorted: Float64Array | undefined;
  for (let i = 0; i < n; i++) {
    // σ of the others only for the rows past the floor: it is the floor that rules on clean data
    if (!(residuals[i]! > floor)) continue;
    sorted ??= sortedAbsFinite(residuals);
    if (isFarAbove(residuals[i]!, sigmaWithout(sorted, Math.abs(residuals[i]!)), floor)) out.push(i);
  }
  return out.length <= MAX_OUTLIER_SHARE * n ? out : [];
}

/** |v| of the finite values, sorted: what robustSigma sorts, sorted once for every row judged. */
function sortedAbsFinite(values: ArrayLike<number>): Float64Array {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(Math.abs(values[i]!));
  return Float64Array.from(finite).sort();
}

/**
 * robustSigma of the values but one whose |value| is `v`, from their sorted |values|: the median of
 * the rest read around v's place, not a sort of n − 1 values for each row (a 20,000-row sweep that a
 * one-count law fitted loosely judged thousands of rows, O(n² log n): 8 s of a 13 s fit).
 */
function sigmaWithout(sorted: Float64Array, v: number): number {
  // an infinite residual is none of the finite values the σ is read from
  if (!Number.isFinite(v)) return medianSigma(sorted.length, (j) => sorted[j]!);
  // the first index holding v (any copy leaves the same rest)
  const lo = lowerBound(sorted, v);
  return medianSigma(sorted.length - 1, (j) => sorted[j < lo ? j : j + 1]!);
}

/** 1.4826 × the median of `length` sorted values read by `at`, as robustSigma (0 for none). */
function medianSigma(length: number, at: (j: number) => number): number {
  if (length <= 0) return 0;
  const m = length >> 1;
  return 1.4826 * (length % 2 ? at(m) : 0.5 * (at(m - 1) + at(m)));
}

/** A row far above the surface, and the surface's loss there. */
export interface OutlierRow {
  readonly row: number;
  readonly fitted: number;
}

/**
 * The rows of a sweep (N, D, final loss) far above the Chinchilla surface fitted to all of them:
 * what a learning-curve fit of the sweep's slices (--group N) is told, where no surface is fitted
 * otherwise. The surface is fitted from the quick grid (a check, not the answer); rows without a
 * finite positive N, D and loss are not judged; none when the fit fails.
 */
export function sweepOutliers(obs: Observations): OutlierRow[] {
  const usable: number[] = [];
  for (let i = 0; i < obs.y.length; i++) if ([obs.x[i]!, obs.x2![i]!, obs.y[i]!].every((v) => v > 0 && Number.isFinite(v))) usable.push(i);
  if (usable.length < MIN_JUDGED_ROWS) return [];
  const sub = { x: Float64Array.from(usable, (i) => obs.x[i]!), x2: Float64Array.from(usable, (i) => obs.x2![i]!), y: Float64Array.from(usable, (i) => obs.y[i]!) };
  try {
    const fit = fitChinchilla(sub, { starts: chinchillaQuickStarts() });
    return surfaceOutliers(logResiduals(chinchillaLaw, fit.params, sub)).map((k) => ({ row: usable[k]!, fitted: chinchillaLaw.predict(fit.params, sub.x[k]!, sub.x2[k]!) }));
  } catch (e) {
    if (e instanceof ScalingLensError) return [];
    throw e;
  }
}
