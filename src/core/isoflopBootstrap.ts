// Intervals for Approach 2 (isoflop.ts) by a residual bootstrap: each resample adds to every
// valley's fitted losses residuals drawn from all valleys' residuals (pooled: a budget of 4 sizes
// has too few of its own), refits the valleys and the line through their lowest points, and reads
// percentile intervals off the refits. The design, which sizes were tried at which budget, stays
// fixed: resampling rows would drop sizes and leave valleys unbracketed for reasons of the
// resample, not of the data. Seeded; same input, same output.
import { bootstrapFailure } from './calibrate';
import { fitIsoflop, fitValleys, isoflopAllocation, valleyDesigns, type IsoflopFit } from './isoflop';
import { parabolaAt } from './isoflopParabola';
import { isIsoflopDesign, type IsoflopData } from './isoflopBudgets';
import { mulberry32, randomInt } from './random';
import { SHAPE_WEIGHT, shapeShift } from './isoflopShape';
import { checkBootstrapOptions, interval, withEstimate, type Interval } from './surfaceBootstrap';
import { ScalingLensError } from './types';

export interface IsoflopBootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly level?: number;
}

export interface IsoflopAllocationInterval {
  readonly flops: number;
  readonly N: Interval;
  readonly D: Interval;
}

export interface IsoflopDraw {
  readonly a: number;
  readonly kN: number;
  /** Absent in a fit saved before it was kept: such draws get the data's shift alone. */
  readonly gap?: number;
}

export interface IsoflopBootstrap {
  readonly resamples: number;
  readonly failed: number;
  readonly level: number;
  /** Every refit's line (a, kN) and its valleys' own shape gap (shapeShift of the refit, ln N), in resample order. */
  readonly draws: readonly IsoflopDraw[];
  readonly a: Interval;
  /** SHAPE_WEIGHT × how far, in ln N, the valleys' cubics place their lowest points from the
   *  parabolas' (isoflopShape.ts): the move the N_opt intervals are joined with (isoflopIntervals). */
  readonly shapeShift: number;
}

/** Residuals of every valley's parabola, scaled up by √(n/(n−p)) for the parameters fitted. */
function pooledResiduals(data: IsoflopData, fit: IsoflopFit): { rows: number[]; fitted: Float64Array; residuals: number[] } {
  const rows: number[] = [];
  const fitted = Float64Array.from(data.loss);
  const raw: number[] = [];
  let parabolas = 0;
  for (const b of fit.budgets) {
    if (!b.parabola) continue;
    parabolas++;
    for (const i of b.rows) {
      if (b.outliers?.includes(i)) continue;
      fitted[i] = parabolaAt(b.parabola, data.N[i]!);
      raw.push(data.loss[i]! - fitted[i]!);
      rows.push(i);
    }
  }
  const dof = raw.length - 3 * parabolas;
  const scale = dof > 0 ? Math.sqrt(raw.length / dof) : 0;
  return { rows, fitted, residuals: dof > 0 ? raw.map((r) => r * scale) : [] };
}

export function bootstrapIsoflop(data: IsoflopData, fit: IsoflopFit, opts: IsoflopBootstrapOptions = {}): IsoflopBootstrap {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  checkBootstrapOptions(resamples, level);
  const { rows, fitted, residuals } = pooledResiduals(data, fit);
  if (residuals.length === 0) {
    throw new ScalingLensError('too-few-points', 'no interval: every valley has exactly 3 sizes, so its parabola passes through each point and leaves no scatter to resample.');
  }
  // the same budgets as the fit's, every row of each (an outlier is judged again in each resample)
  const groups = fit.budgets.map((b) => b.rows);
  const designs = valleyDesigns(data, groups);
  const uniform = mulberry32(opts.seed ?? 1);
  const loss = Float64Array.from(data.loss);
  const draws: IsoflopDraw[] = [];
  let failed = 0;
  for (let r = 0; r < resamples; r++) {
    for (const i of rows) loss[i] = fitted[i]! + residuals[randomInt(uniform, residuals.length)]!;
    try {
      const refit = fitValleys(data, loss, groups, {}, designs);
      if (Number.isFinite(refit.a) && refit.kN > 0 && Number.isFinite(refit.kN)) draws.push({ a: refit.a, kN: refit.kN, gap: shapeShift({ N: data.N, loss }, refit) });
      else failed++;
    } catch {
      failed++;
    }
  }
  const a = interval(draws.map((d) => d.a), level);
  return { resamples, failed, level, draws, a: withEstimate(a, fit.a), shapeShift: SHAPE_WEIGHT * shapeShift(data, fit) };
}

/** Why a bootstrap gives no interval (too many failed refits), or undefined. */
export function isoflopBootstrapFailure(boot: IsoflopBootstrap): string | undefined {
  return bootstrapFailure(boot.draws.length, boot.resamples);
}

/**
 * Percentile intervals on N_opt and D_opt at each budget, stretched to contain the fit's own, and
 * joined with the same interval moved by `shapeShift` (ln N): the residual bootstrap shows how the
 * vertices scatter with the noise, not how far a parabola places them off a skewed valley's lowest
 * point, which does not shrink with the noise (bench/isoflop.bench.ts: without it, 95% intervals
 * inside a 0.3%-noise sweep of Kaplan's joint law held the truth in none of 30 sweeps).
 *
 * The data's gap ĝ (= shift / SHAPE_WEIGHT) is itself noisy. A resample's valleys have no skew, so
 * its own gap g_r scatters about 0 by the noise alone; the interval is also joined with the
 * percentiles of each draw moved by ĝ + g_r, which carries that noise in (bench/isoflop.bench.ts,
 * chosen on seeds 101–130 over shrinking ĝ by its spread or moving each draw alone: on seeds 1–30
 * Kaplan's law at 1% noise went from 0.83 to 0.93 at 6e19, no cell covered less).
 */
export function isoflopIntervals(draws: readonly IsoflopDraw[], fit: Pick<IsoflopFit, 'a' | 'kN'>, budgets: readonly number[], level: number, shift = 0): IsoflopAllocationInterval[] {
  const move = Math.exp(shift);
  const gap = shift / SHAPE_WEIGHT;
  const ownGaps = shift !== 0 && draws.length > 0 && draws.every((d) => Number.isFinite(d.gap));
  return budgets.map((flops) => {
    const at = isoflopAllocation(fit, flops);
    const plans = draws.map((d) => isoflopAllocation(d, flops));
    const iv = (k: 'N' | 'D'): Interval => {
      const i = withEstimate(interval(plans.map((p) => p[k]), level), at[k]);
      const m = k === 'N' ? move : 1 / move;
      let lo = Math.min(i.lo, i.lo * m);
      let hi = Math.max(i.hi, i.hi * m);
      if (ownGaps) {
        const sign = k === 'N' ? 1 : -1;
        const moved = interval(plans.map((p, r) => p[k] * Math.exp(sign * (gap + draws[r]!.gap!))), level);
        lo = Math.min(lo, moved.lo);
        hi = Math.max(hi, moved.hi);
      }
      return { lo, median: i.median, hi };
    };
    return { flops, N: iv('N'), D: iv('D') };
  });
}

export interface ProfilesWithIntervals {
  readonly fit: IsoflopFit;
  /** The residual bootstrap, when asked for and usable. */
  readonly boot?: IsoflopBootstrap;
  /** Why there is no interval (every valley of 3 sizes, too many failed refits). */
  readonly intervalNote?: string;
}

/**
 * Approach 2 on a sweep and, with `resamples`, its bootstrap: undefined when the sweep is no
 * IsoFLOP design; throws a ScalingLensError when fewer than two budgets bracket a lowest loss.
 */
export function profilesWithIntervals(data: IsoflopData, resamples: number | undefined, seed: number): ProfilesWithIntervals | undefined {
  if (!isIsoflopDesign(data)) return undefined;
  const fit = fitIsoflop(data);
  if (resamples === undefined) return { fit };
  try {
    const boot = bootstrapIsoflop(data, fit, { resamples, seed });
    const failure = isoflopBootstrapFailure(boot);
    return failure ? { fit, intervalNote: failure } : { fit, boot };
  } catch (err) {
    if (err instanceof ScalingLensError) return { fit, intervalNote: err.message };
    throw err;
  }
}
