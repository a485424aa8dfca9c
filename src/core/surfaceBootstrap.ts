// Percentile bootstrap for a fitted Chinchilla surface: resample points (or whole runs) with
// replacement, refit, and read 95% intervals off the refits' parameters and compute-optimal
// allocations. A resample is a weight vector over the original points (no copies). Each refit
// starts from the best full-data fit and its curvature — a resample's optimum lies near it — and
// only falls back to the 4,500-start grid (screened on a large table, as the fit's) when that
// fails. Starting every resample from the same point (rather
// than from the previous resample's optimum) keeps one resample that lands in an odd local
// minimum from dragging the following ones there, and makes each refit depend on its own draw only.
import { optimalAllocation } from './allocation';
import { chinchillaLoss } from './laws/chinchilla';
import { chinchillaStartGrid, centre, fromCentred, fromVector, screenedRun, surfaceLogData, toCentred, toVector, CHINCHILLA_DELTA, type ChinchillaParams } from './laws/chinchilla';
import { huberLseObjective } from './laws/chinchillaObjective';
import { minimize } from './optim/bfgs';
import { inverseHessianAt } from './optim/hessian';
import { mulberry32, randomInt } from './random';
import { ScalingLensError, type Observations } from './types';

export interface Interval {
  readonly lo: number;
  readonly median: number;
  readonly hi: number;
}

export interface SurfaceBootstrapOptions {
  /** Number of resamples; default 4000 (as in Besiroglu et al. 2024). */
  readonly resamples?: number;
  readonly seed?: number;
  /** Central interval mass; default 0.95. */
  readonly level?: number;
  /** Compute budgets (FLOPs) at which to report intervals on the optimal allocation. */
  readonly budgets?: readonly number[];
  /** Run id of each point: resample whole runs instead of points (points of one run move together). */
  readonly groups?: ArrayLike<number>;
  readonly isCancelled?: () => boolean;
}

export interface AllocationInterval {
  readonly flops: number;
  readonly N: Interval;
  readonly D: Interval;
  readonly tokensPerParam: Interval;
  readonly loss: Interval;
}

export interface SurfaceBootstrap {
  readonly resamples: number;
  /** Refits that converged from the full-data optimum. */
  readonly warmRefits: number;
  /** Refits that needed the full start grid. */
  readonly gridRefits: number;
  /** Resamples with no usable refit (excluded from the intervals). */
  readonly failed: number;
  readonly level: number;
  readonly params: Readonly<Record<'E' | 'A' | 'B' | 'alpha' | 'beta', Interval>>;
  readonly allocations: readonly AllocationInterval[];
  /** Every successful refit, in resample order. */
  readonly draws: readonly ChinchillaParams[];
  readonly cancelled: boolean;
}

/** The surface's and the IsoFLOP profiles' bootstraps refuse the same bad options, in the same words. */
export function checkBootstrapOptions(resamples: number, level: number): void {
  if (!Number.isInteger(resamples) || resamples < 1) throw new ScalingLensError('bad-argument', `bootstrap resamples must be a whole number ≥ 1, got ${resamples}.`);
  if (!(level > 0 && level < 1)) throw new ScalingLensError('bad-argument', `bootstrap level must be between 0 and 1, got ${level}.`);
}

/** Linear-interpolated quantile of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < n ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export function interval(values: readonly number[], level: number): Interval {
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  const tail = (1 - level) / 2;
  return { lo: quantileSorted(sorted, tail), median: quantileSorted(sorted, 0.5), hi: quantileSorted(sorted, 1 - tail) };
}

/** `i` stretched to contain the point estimate `at`: an interval that excludes its own estimate is never shown. */
export function withEstimate(i: Interval, at: number): Interval {
  return { lo: Math.min(i.lo, at), median: i.median, hi: Math.max(i.hi, at) };
}

function groupIndex(groups: ArrayLike<number> | undefined, n: number): number[][] {
  if (groups === undefined) return Array.from({ length: n }, (_, i) => [i]);
  if (groups.length !== n) throw new ScalingLensError('bad-argument', `bootstrap groups have ${groups.length} entries for ${n} points.`);
  const byId = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byId.get(groups[i]) ?? [];
    list.push(i);
    byId.set(groups[i], list);
  }
  return [...byId.values()];
}

/** Resamples for a plan's intervals (the panel's Plan, `allocate --from SWEEP.csv`): refits start at the full fit, so a few hundred take a fraction of a second. */
export const PLAN_RESAMPLES = 200;

export function bootstrapChinchilla(obs: Observations, fitted: ChinchillaParams, opts: SurfaceBootstrapOptions = {}): SurfaceBootstrap {
  const resamples = opts.resamples ?? 4000;
  const level = opts.level ?? 0.95;
  checkBootstrapOptions(resamples, level);
  const data = centre(surfaceLogData(obs));
  const n = data.logL.length;
  const units = groupIndex(opts.groups, n);
  const weights = new Float64Array(n);
  const objective = huberLseObjective(data, CHINCHILLA_DELTA, weights);
  const uniform = mulberry32(opts.seed ?? 1);
  const full = toCentred(toVector(fitted), data);
  // every refit starts from the full fit's curvature too: ~13 objective evaluations a resample, not ~40
  const curvature = inverseHessianAt(huberLseObjective(data, CHINCHILLA_DELTA), full);
  let warmRefits = 0;
  let gridRefits = 0;
  let failed = 0;
  let cancelled = false;
  const draws: ChinchillaParams[] = [];
  let grid: Float64Array[] | undefined;

  for (let r = 0; r < resamples; r++) {
    if (opts.isCancelled?.()) {
      cancelled = true;
      break;
    }
    weights.fill(0);
    for (let k = 0; k < units.length; k++) for (const i of units[randomInt(uniform, units.length)]) weights[i] += 1;

    const res = minimize(objective, full, curvature ? { inverseHessian: curvature } : {});
    let x: Float64Array | undefined;
    if (res.converged) {
      warmRefits++;
      x = res.x;
    } else {
      grid ??= chinchillaStartGrid();
      const { run } = screenedRun(obs, data, grid, { weights });
      if (run.best?.converged) {
        gridRefits++;
        x = toCentred(run.best.x, data);
      }
    }
    if (x === undefined) {
      failed++;
      continue;
    }
    draws.push(fromVector(fromCentred(x, data)));
  }

  const pick = (k: keyof ChinchillaParams): Interval => interval(draws.map((d) => d[k]), level);
  const allocations = allocationIntervals(draws, opts.budgets ?? [], level);
  return {
    resamples,
    warmRefits,
    gridRefits,
    failed,
    level,
    params: { E: pick('E'), A: pick('A'), B: pick('B'), alpha: pick('alpha'), beta: pick('beta') },
    allocations,
    draws,
    cancelled,
  };
}

/**
 * Percentile intervals on the compute-optimal allocation at each budget from bootstrap refits
 * (draws with a non-positive exponent have no optimum and are skipped). With `fitted`, the
 * full-data surface, each interval is stretched to contain that surface's own allocation: an
 * interval that excludes its point estimate is never shown.
 */
export function allocationIntervals(draws: readonly ChinchillaParams[], budgets: readonly number[], level: number, fitted?: ChinchillaParams): AllocationInterval[] {
  const usable = draws.filter((d) => d.alpha > 0 && d.beta > 0 && Object.values(d).every(Number.isFinite));
  return budgets.map((flops) => {
    const plans = usable.map((d) => optimalAllocation(d, flops));
    const at = fitted ? optimalAllocation(fitted, flops) : undefined;
    const iv = (k: 'N' | 'D' | 'tokensPerParam' | 'loss'): Interval => {
      const i = interval(plans.map((p) => p[k]), level);
      return at ? withEstimate(i, at[k]) : i;
    };
    return { flops, N: iv('N'), D: iv('D'), tokensPerParam: iv('tokensPerParam'), loss: iv('loss') };
  });
}

/** Intervals on the predicted loss L(N, D) at each point, from the bootstrap's refits. */
export function predictionIntervals(boot: SurfaceBootstrap, points: readonly { readonly N: number; readonly D: number }[]): Interval[] {
  return points.map(({ N, D }) => interval(boot.draws.map((d) => chinchillaLoss(d, N, D)), boot.level));
}
