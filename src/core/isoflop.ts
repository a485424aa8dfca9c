// Chinchilla's Approach 2 (Hoffmann et al. 2022, §3.2): in a sweep where several model sizes
// share each compute budget, the loss against log N at one budget is a valley; a parabola through
// it places the budget's best size N_opt(C), and a straight line through log N_opt against log C
// gives N_opt ∝ C^a (D_opt = C/6N_opt, so D_opt ∝ C^(1−a)). It assumes no functional form for the
// loss, which is why it is read beside the fitted surface (Approach 3): where the two disagree, the
// surface's form is doing the work. Pure.
import { FLOPS_PER_PARAM_TOKEN } from './allocation';
import { ScalingLensError } from './types';
import { isFarAbove, outlierNote } from './outlierRuns';
import { extent } from './arrayStats';
import { MIN_VALLEYS, MIN_VALLEY_SIZES, budgetGroups, sizeGroups, type IsoflopData } from './isoflopBudgets';
import { MIN_OUTLIER_SIZES, judgedRows, leftOutResiduals, parabolaAt, parabolaOf, type JudgedRows, type Parabola } from './isoflopParabola';

/** Which end of the sizes tried holds the budget's lowest mean loss, if one does. */
function lowestAtEnd(groups: readonly (readonly number[])[], loss: ArrayLike<number>): 'smallest' | 'largest' | undefined {
  const means = groups.map((g) => g.reduce((a, i) => a + loss[i]!, 0) / g.length);
  let low = 0;
  for (let k = 1; k < means.length; k++) if (means[k]! < means[low]!) low = k;
  return low === 0 ? 'smallest' : low === means.length - 1 ? 'largest' : undefined;
}

export interface IsoflopBudget {
  /** The budget's compute: the geometric mean of its rows' 6ND. */
  readonly flops: number;
  readonly rows: readonly number[];
  /** Rows left out of the valley as outliers (a run far above the parabola through the others). */
  readonly outliers?: readonly number[];
  /** Distinct model sizes tried at this budget. */
  readonly sizes: number;
  readonly parabola?: Parabola;
  /** The valley's lowest point; absent when the budget gives none (see `excluded`). */
  readonly N?: number;
  readonly D?: number;
  readonly loss?: number;
  /** Why this budget places no N_opt. */
  readonly excluded?: string;
}

export interface IsoflopFit {
  readonly budgets: readonly IsoflopBudget[];
  /** N_opt = kN·C^a and D_opt = C/(6·N_opt) = C^(1−a)/(6·kN). */
  readonly a: number;
  readonly kN: number;
  /** Budgets that placed an N_opt (the line's points). */
  readonly used: number;
  readonly warnings: readonly string[];
}

/** A run is an outlier (core/outlierRuns.ts) when its loss exceeds the parabola through its valley's
 *  other runs by more than OUTLIER_SIGMAS pooled robust σ and by OUTLIER_FRACTION of its loss;
 *  bench/isoflop.bench.ts measures how often it flags clean valleys and finds a run too high, and
 *  the profiles with and without it. */
const OUTLIER_FRACTION = 0.03;

/** Per group, the row to leave out as an outlier, if any; the noise scale is pooled over the groups. */
function outliersOf(loss: ArrayLike<number>, designs: readonly JudgedRows[]): (number | undefined)[] {
  const judged = designs.map((v) => (v.distinct >= MIN_OUTLIER_SIZES ? (leftOutResiduals(v, loss) ?? v.rows.map(() => NaN)) : undefined));
  const pooled = Float64Array.from(judged.flatMap((r) => r ?? []).filter(Number.isFinite), Math.abs).sort();
  if (pooled.length < 2 * MIN_OUTLIER_SIZES) return designs.map(() => undefined);
  const sigma = 1.4826 * pooled[pooled.length >> 1]!;
  return designs.map(({ rows }, g) => {
    const r = judged[g];
    if (!r) return undefined;
    let worst: number | undefined;
    r.forEach((v, k) => {
      if (isFarAbove(v, sigma, OUTLIER_FRACTION * loss[rows[k]!]!) && (worst === undefined || v > r[worst]!)) worst = k;
    });
    return worst === undefined ? undefined : rows[worst];
  });
}

/** A budget's rows as its valley is fitted, all but the losses: its compute, its sizes, its parabola's design. */
interface ValleyDesign extends JudgedRows {
  /** The budget's compute: the geometric mean of its rows' 6ND. */
  readonly flops: number;
  /** The rows grouped into sizes (sizeGroups). */
  readonly sizes: readonly (readonly number[])[];
}

function valleyDesign(data: IsoflopData, rows: readonly number[]): ValleyDesign {
  let logC = 0;
  for (const i of rows) logC += Math.log(FLOPS_PER_PARAM_TOKEN * data.N[i]! * data.D[i]!);
  return { ...judgedRows(data.N, rows), flops: Math.exp(logC / rows.length), sizes: sizeGroups(data.N, rows) };
}

/** The designs of the budgets `groups`, for fitValleys: worked out once for every resample's refit. */
export function valleyDesigns(data: IsoflopData, groups: readonly (readonly number[])[]): readonly ValleyDesign[] {
  return groups.map((rows) => valleyDesign(data, rows));
}

/** One budget's valley: its parabola and lowest point, or why it has none. */
function valley(data: IsoflopData, loss: ArrayLike<number>, design: ValleyDesign, outlier?: number): IsoflopBudget {
  const all = design.rows;
  const d = outlier === undefined ? design : valleyDesign(data, all.filter((i) => i !== outlier));
  const { flops } = d;
  const sizes = d.sizes.length;
  const base = { flops, rows: all, sizes, ...(outlier !== undefined ? { outliers: [outlier] } : {}) };
  if (sizes < MIN_VALLEY_SIZES) return { ...base, excluded: `${sizes} size${sizes === 1 ? '' : 's'} tried (a valley needs ${MIN_VALLEY_SIZES}, more than 10% apart)` };
  const parabola = parabolaOf(d, loss);
  if (!parabola) return { ...base, excluded: 'the sizes tried give no parabola' };
  if (!(parabola.c2 > 0)) return { ...base, parabola, excluded: 'the losses do not form a valley (no size is best in between)' };
  const u = -parabola.c1 / (2 * parabola.c2);
  const [lo, hi] = extent(d.u);
  if (u < lo || u > hi) {
    return { ...base, parabola, excluded: `the valley's lowest point lies ${u < lo ? 'below the smallest' : 'above the largest'} size tried` };
  }
  // the parabola may bend back inside the sizes tried by noise alone: a valley is bracketed only
  // when a size in between has the lowest loss, as a reader of the plot would check
  const end = lowestAtEnd(d.sizes, loss);
  if (end) return { ...base, parabola, excluded: `the lowest loss is at the ${end} size tried, so the valley's lowest point may lie ${end === 'smallest' ? 'below' : 'above'} it` };
  const N = Math.exp(parabola.centre + u);
  return { ...base, parabola, N, D: flops / (FLOPS_PER_PARAM_TOKEN * N), loss: parabola.c0 + parabola.c1 * u + parabola.c2 * u * u };
}

/** Ordinary least squares of y on x: slope and intercept. */
function line(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export interface IsoflopOptions {
  /** Fit every run, leaving none out as an outlier (for comparison; the default leaves them out). */
  readonly keepOutliers?: boolean;
}

/** The valleys of `loss` (the data's, or a resample's) at the given budgets, and the line through their lowest points. */
export function fitValleys(data: IsoflopData, loss: ArrayLike<number>, groups: readonly (readonly number[])[], opts: IsoflopOptions = {}, designs = valleyDesigns(data, groups)): IsoflopFit {
  const outliers = opts.keepOutliers ? groups.map(() => undefined) : outliersOf(loss, designs);
  const budgets = designs.map((d, g) => valley(data, loss, d, outliers[g]));
  const placed = budgets.filter((b) => b.N !== undefined);
  if (placed.length < MIN_VALLEYS) {
    const why = budgets.filter((b) => b.excluded).map((b) => `${b.flops.toExponential(2)} FLOPs: ${b.excluded}`);
    throw new ScalingLensError(
      'too-few-points',
      `IsoFLOP profiles need at least ${MIN_VALLEYS} compute budgets whose sizes bracket a lowest loss; ${placed.length === 1 ? 'one does' : 'none does'}${why.length ? ` (${why.join('; ')})` : ''}.`,
    );
  }
  const fit = line(placed.map((b) => Math.log(b.flops)), placed.map((b) => Math.log(b.N!)));
  const kN = Math.exp(fit.intercept);
  if (!Number.isFinite(fit.slope) || !(kN > 0) || !Number.isFinite(kN)) {
    throw new ScalingLensError('no-convergence', `IsoFLOP profiles: the line through the budgets' lowest points is degenerate (N_opt ∝ C^${fit.slope.toPrecision(3)}, prefactor ${kN}); check the sizes and budgets.`);
  }
  const warnings: string[] = [];
  if (!(fit.slope > 0 && fit.slope < 1)) {
    warnings.push(`N_opt ∝ C^${fit.slope.toPrecision(3)}: outside (0, 1), more compute would call for ${fit.slope <= 0 ? 'a smaller model' : 'fewer tokens'}; the budgets' lowest points do not trace a compute-optimal frontier.`);
  }
  if (placed.length === 2) warnings.push('N_opt ∝ C^a rests on 2 budgets: nothing checks that the points lie on a line.');
  for (const b of budgets) {
    for (const i of b.outliers ?? []) {
      const expected = b.parabola && { value: parabolaAt(b.parabola, data.N[i]!), from: 'the valley through its other sizes' };
      warnings.push(outlierNote('its valley', `N = ${data.N[i]!.toPrecision(3)} at ${b.flops.toExponential(2)} FLOPs`, loss[i]!, expected));
    }
  }
  const left = budgets.length - placed.length;
  if (left > 0) warnings.push(`${left} of ${budgets.length} budgets place no N_opt and are left out of the line.`);
  return { budgets, a: fit.slope, kN, used: placed.length, warnings };
}

/**
 * Approach 2 on a sweep's rows (N parameters, D tokens, final loss; C = 6ND): the budgets, each
 * budget's valley and lowest point, and N_opt ∝ C^a through them. Throws when fewer than two
 * budgets bracket a lowest loss.
 */
export function fitIsoflop(data: IsoflopData, opts: IsoflopOptions = {}): IsoflopFit {
  return fitValleys(data, data.loss, budgetGroups(data), opts);
}

export interface IsoflopAllocation {
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
}

/** N_opt and D_opt at a budget from the line through the valleys. */
export function isoflopAllocation(fit: Pick<IsoflopFit, 'a' | 'kN'>, flops: number): IsoflopAllocation {
  if (!(flops > 0) || !Number.isFinite(flops)) throw new ScalingLensError('bad-argument', `compute budget (FLOPs) must be a positive number, got ${flops}.`);
  const N = fit.kN * Math.pow(flops, fit.a);
  const D = flops / (FLOPS_PER_PARAM_TOKEN * N);
  return { flops, N, D, tokensPerParam: D / N };
}
