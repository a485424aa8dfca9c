// The loss falling away below the fitted curve at the end of the data: an LR decay or a cooldown
// the laws do not see (a WSD run in its decay, a log without its LR). The laws then carry on the
// slower fall before it, so a prediction past the data is likely too high. Said, not corrected.
import type { CurveAnalysis, Point } from './analysis';
import type { Law, Params } from './types';
import { maxBy, medianInPlace, successiveNoise } from './arrayStats';
import { lineFit } from './laws/common';

/** Curves shorter than this have too few points at their end to judge. */
const MIN_POINTS = 20;
/** The end judged: this share of the points, at least MIN_TAIL of them. */
const TAIL_SHARE = 0.05;
const MIN_TAIL = 5;
/** A fall under this (1%) is within what a fit's own bias can be. */
const MIN_FALL = 0.01;
/** …and it must be this many standard errors of the tail's median below the curve. */
const SIGMAS = 3;

export interface LateFall {
  /** ln(median of the last points / fitted value at the last x): negative. */
  readonly fall: number;
  readonly points: number;
}

/**
 * Whether the last points of a curve (`points`, in x order) lie below `fittedAtEnd`, the fit at the
 * last x, by more than 1% and 3 standard errors of their median (σ from successive differences of
 * log y, robust to the curve's own trend). The median of the tail is compared with the curve at its
 * last x, below the curve at the tail's middle on a falling curve: a fit that follows the data is
 * never flagged for it.
 */
export function lateFall(points: readonly Point[], fittedAtEnd: number): LateFall | undefined {
  const n = points.length;
  if (n < MIN_POINTS || !(fittedAtEnd > 0)) return undefined;
  const k = Math.max(MIN_TAIL, Math.round(TAIL_SHARE * n));
  const tail = Float64Array.from(points.slice(n - k), (p) => Math.log(p.y));
  if (!tail.every(Number.isFinite)) return undefined;
  const { sigma, effective } = tailNoise(tail);
  const fall = medianInPlace(tail) - Math.log(fittedAtEnd);
  const limit = Math.max(Math.log1p(MIN_FALL), (SIGMAS * 1.2533 * sigma) / Math.sqrt(effective));
  return fall < -limit ? { fall, points: k } : undefined;
}

/** A tail this long also has its noise's correlation measured; a shorter one is taken as independent points. */
const MIN_CORRELATED_TAIL = 20;

/**
 * The tail's noise and how many independent points it is worth. A per-step loss wanders with the
 * data order (AR(1)-like, autocorrelation up to 0.9): differences one step apart see σ·√(1−ρ), so
 * alone they made 5 of an audit's 6 "falling away" flags on constant-LR or pre-decay runs. Differences a tenth of the
 * tail apart see the level's σ; their ratio gives ρ, and k·(1−ρ)/(1+ρ) points' worth. The tail is
 * detrended by a line first, so a fall inside it does not count as noise.
 */
function tailNoise(tail: Float64Array): { sigma: number; effective: number } {
  const k = tail.length;
  const short = successiveNoise(tail);
  if (k < MIN_CORRELATED_TAIL) return { sigma: short, effective: k };
  const r = detrended(tail);
  const near = successiveNoise(r);
  const far = successiveNoise(r, Math.max(2, Math.round(k / 10)));
  if (!(far > near)) return { sigma: short, effective: k };
  const rho = Math.min(0.98, 1 - (near / far) ** 2);
  return { sigma: Math.max(short, far), effective: Math.max(1, (k * (1 - rho)) / (1 + rho)) };
}

/** Residuals of v about its least-squares line in the index. */
function detrended(v: Float64Array): Float64Array {
  const [a, b] = lineFit(Float64Array.from(v, (_, i) => i), v);
  return Float64Array.from(v, (y, i) => y - a - b * i);
}

export function lateFallWarning(f: LateFall): string {
  return `the last ${f.points} points lie ${(100 * -Math.expm1(f.fall)).toFixed(1)}% below the fitted curve: the loss falls faster than the laws follow (an LR decay or cooldown, which they do not see), so predictions past the data are likely too high`;
}

/** The warning for a curve's fit by `law` at `params` (the law evaluated at its last fit point), or undefined. */
export function lateFallOf(a: CurveAnalysis, law: Law, params: Params): string | undefined {
  const fall = lateFallAt(a.fitPoints, law, params);
  return fall && lateFallWarning(fall);
}

/** The late fall of `points` below the fit of `law` at `params` (evaluated at their last x), or undefined. */
export function lateFallAt(points: readonly Point[], law: Law, params: Params): LateFall | undefined {
  if (points.length === 0) return undefined;
  return lateFall(points, law.predict(params, maxBy(points, (p) => p.x)));
}
