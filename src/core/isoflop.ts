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

/** Budgets within 10% of each other are one budget (tables digitized from plots jitter). */
export const BUDGET_TOLERANCE = 1.1;
/** A valley needs this many distinct sizes for a parabola. */
export const MIN_VALLEY_SIZES = 3;
/** Sizes within 10% of each other are one size: two runs of 788M and 828M at one budget bend a
 *  parabola through 2.4 into a lowest point at 1.89. Stated, as BUDGET_TOLERANCE. */
export const SIZE_TOLERANCE = 1.1;

/** `rows` grouped into sizes (N within SIZE_TOLERANCE of the group's smallest), in increasing N. */
function sizeGroups(N: ArrayLike<number>, rows: readonly number[]): number[][] {
  return groupWithin(N, rows, SIZE_TOLERANCE);
}

/** `rows` in increasing `value`, grouped: a row joins the group whose smallest value is within `tolerance` (a ratio) of its own. */
function groupWithin(value: ArrayLike<number>, rows: readonly number[], tolerance: number): number[][] {
  const sorted = [...rows].sort((a, b) => value[a]! - value[b]!);
  const out: number[][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && value[i]! <= value[last[0]!]! * tolerance) last.push(i);
    else out.push([i]);
  }
  return out;
}

/** Which end of the sizes tried holds the budget's lowest mean loss, if one does. */
function lowestAtEnd(groups: readonly (readonly number[])[], loss: ArrayLike<number>): 'smallest' | 'largest' | undefined {
  const means = groups.map((g) => g.reduce((a, i) => a + loss[i]!, 0) / g.length);
  let low = 0;
  for (let k = 1; k < means.length; k++) if (means[k]! < means[low]!) low = k;
  return low === 0 ? 'smallest' : low === means.length - 1 ? 'largest' : undefined;
}
/** A line through the valleys' lowest points needs this many of them. */
export const MIN_VALLEYS = 2;

/**
 * `rows` (indices into `flops`, each with a finite positive compute) grouped into budgets, in
 * increasing compute: a row joins the budget whose smallest compute is within BUDGET_TOLERANCE.
 */
export function groupByBudget(flops: ArrayLike<number>, rows: readonly number[]): number[][] {
  return groupWithin(flops, rows, BUDGET_TOLERANCE);
}

/** loss ≈ c0 + c1·u + c2·u², u = ln N − centre. */
export interface Parabola {
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  readonly centre: number;
}

export function parabolaAt(p: Parabola, N: number): number {
  const u = Math.log(N) - p.centre;
  return p.c0 + p.c1 * u + p.c2 * u * u;
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

export interface IsoflopData {
  readonly N: ArrayLike<number>;
  readonly D: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
}

/** Least-squares parabola through (ln N, loss); undefined when the normal equations are singular. */
export function fitParabola(N: ArrayLike<number>, loss: ArrayLike<number>, rows: readonly number[]): Parabola | undefined {
  return parabolaOf(valleyRows(N, rows), loss);
}

/**
 * What a budget's parabola depends on apart from the losses: its rows' u = ln N − their mean and
 * the normal equations' sums of u^k (k = 0…4). The IsoFLOP bootstrap refits the same valleys to
 * a new loss per resample: this is worked out once (valleyDesigns), each refit only sums u^k·loss.
 */
interface ValleyRows {
  readonly rows: readonly number[];
  readonly centre: number;
  readonly u: Float64Array;
  readonly s: readonly number[];
}

/** A valley's rows as its runs are judged (leaveOneOut): how many sizes, and each row's leverage. */
interface JudgedRows extends ValleyRows {
  /** Distinct sizes (N exactly equal are one). */
  readonly distinct: number;
  /** Each row's leverage x_iᵀ(XᵀX)⁻¹x_i, when there are MIN_OUTLIER_SIZES sizes and XᵀX is invertible. */
  readonly leverage?: Float64Array;
}

function valleyRows(N: ArrayLike<number>, rows: readonly number[]): ValleyRows {
  let centre = 0;
  for (const i of rows) centre += Math.log(N[i]!);
  centre /= rows.length;
  const u = Float64Array.from(rows, (i) => Math.log(N[i]!) - centre);
  const s = [0, 0, 0, 0, 0];
  for (const v of u) {
    let p = 1;
    for (let k = 0; k <= 4; k++) {
      s[k]! += p;
      p *= v;
    }
  }
  return { rows, centre, u, s };
}

function judgedRows(N: ArrayLike<number>, rows: readonly number[]): JudgedRows {
  const v = valleyRows(N, rows);
  const distinct = new Set(rows.map((i) => N[i])).size;
  const inv = distinct >= MIN_OUTLIER_SIZES ? inverse3(v.s) : undefined;
  const leverage = inv && Float64Array.from(v.u, (x) => quadraticForm(inv, x));
  return { ...v, distinct, ...(leverage ? { leverage } : {}) };
}

/** [1, u, u²] · m · [1, u, u²] for a row-major 3×3 m. */
function quadraticForm(m: readonly number[], u: number): number {
  const x = [1, u, u * u];
  let h = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) h += x[a]! * m[3 * a + b]! * x[b]!;
  return h;
}

/** The valley's parabola through `loss` at its rows. */
function parabolaOf(v: ValleyRows, loss: ArrayLike<number>): Parabola | undefined {
  const t = [0, 0, 0];
  v.rows.forEach((i, k) => {
    const u = v.u[k]!;
    const y = loss[i]!;
    t[0]! += y;
    t[1]! += u * y;
    t[2]! += u * u * y;
  });
  const { s } = v;
  const m = [
    [s[0]!, s[1]!, s[2]!, t[0]!],
    [s[1]!, s[2]!, s[3]!, t[1]!],
    [s[2]!, s[3]!, s[4]!, t[2]!],
  ];
  const c = solve3(m);
  return c && { c0: c[0]!, c1: c[1]!, c2: c[2]!, centre: v.centre };
}

/** Gaussian elimination with partial pivoting on a 3×4 augmented matrix. */
function solve3(m: number[][]): number[] | undefined {
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12 * Math.max(1, Math.abs(m[0]![0]!)))) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < 3; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let k = col; k < 4; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let v = m[r]![3]!;
    for (let k = r + 1; k < 3; k++) v -= m[r]![k]! * x[k]!;
    x[r] = v / m[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/** Valleys need this many sizes before one of their runs can be judged an outlier by the others. */
const MIN_OUTLIER_SIZES = 5;
/** A run is an outlier (core/outlierRuns.ts) when its loss exceeds the parabola through its valley's
 *  other runs by more than OUTLIER_SIGMAS pooled robust σ and by OUTLIER_FRACTION of its loss;
 *  bench/isoflop.bench.ts measures how often it flags clean valleys and finds a run too high, and
 *  the profiles with and without it. */
const OUTLIER_FRACTION = 0.03;

/**
 * Each row's residual from the parabola through the group's other rows (leave one out), from the
 * one fit through all of them: e_i / (1 − h_i), h_i = x_iᵀ(XᵀX)⁻¹x_i the row's leverage (the
 * least-squares identity), so a budget of m runs costs m, not m refits of m (a 100,000-run sweep's
 * valleys of ~900 runs took 5 s a pass, and the IsoFLOP bootstrap makes a pass per resample). It
 * agrees with the m refits to rounding (test/unit/core/isoflopLeaveOneOut.test.ts). NaN for every
 * row of a valley of fewer than MIN_OUTLIER_SIZES sizes (not judged), and for a row whose leaving
 * would leave no parabola (h_i ≈ 1), as a refit that failed.
 */
export function leaveOneOut(N: ArrayLike<number>, loss: ArrayLike<number>, rows: readonly number[]): number[] {
  return leftOutResiduals(judgedRows(N, rows), loss) ?? rows.map(() => NaN);
}

function leftOutResiduals(v: JudgedRows, loss: ArrayLike<number>): number[] | undefined {
  const p = v.leverage && parabolaOf(v, loss);
  if (!p || !v.leverage) return undefined;
  return v.rows.map((i, k) => {
    const u = v.u[k]!;
    const h = v.leverage![k]!;
    return 1 - h > 1e-9 ? (loss[i]! - (p.c0 + p.c1 * u + p.c2 * u * u)) / (1 - h) : NaN;
  });
}

/** The inverse of the symmetric 3×3 matrix [[s0, s1, s2], [s1, s2, s3], [s2, s3, s4]] (row-major), or undefined when singular. */
function inverse3(s: readonly number[]): number[] | undefined {
  const [a, b, c, d, e] = s as [number, number, number, number, number];
  // cofactors of [[a, b, c], [b, c, d], [c, d, e]]
  const A = c * e - d * d;
  const B = -(b * e - c * d);
  const C = b * d - c * c;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-12 * Math.max(1, Math.abs(a)) ** 3) || !Number.isFinite(det)) return undefined;
  const E = a * e - c * c;
  const F = -(a * d - b * c);
  const I = a * c - b * b;
  return [A, B, C, B, E, F, C, F, I].map((v) => v / det);
}

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

/** The usable rows (N, D and loss finite and positive). */
function checkData(data: IsoflopData): number[] {
  const n = data.loss.length;
  if (data.N.length !== n || data.D.length !== n) throw new ScalingLensError('bad-argument', `IsoFLOP profiles need N, D and loss of one length (got ${data.N.length}, ${data.D.length}, ${n}).`);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const N = data.N[i]!;
    const D = data.D[i]!;
    const y = data.loss[i]!;
    if (N > 0 && D > 0 && y > 0 && Number.isFinite(N) && Number.isFinite(D) && Number.isFinite(y)) rows.push(i);
  }
  return rows;
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

/** The usable rows of `data` grouped by compute budget (C = 6ND). */
export function budgetGroups(data: IsoflopData): number[][] {
  const flops = Array.from({ length: data.loss.length }, (_, i) => FLOPS_PER_PARAM_TOKEN * data.N[i]! * data.D[i]!);
  return groupByBudget(flops, checkData(data));
}

/** The budgets that tried MIN_VALLEY_SIZES or more sizes: those that can hold a valley. */
function valleyBudgets(data: IsoflopData): { valleys: number[][]; rows: number } {
  const groups = budgetGroups(data);
  return { valleys: groups.filter((g) => sizeGroups(data.N, g).length >= MIN_VALLEY_SIZES), rows: groups.reduce((n, g) => n + g.length, 0) };
}

/** How many budgets tried MIN_VALLEY_SIZES or more sizes: those that can hold a valley. */
export function valleyBudgetCount(data: IsoflopData): number {
  return valleyBudgets(data).valleys.length;
}

/**
 * At least this share of a sweep's runs must share their budget with other sizes for it to be an
 * IsoFLOP design. In a sweep of sizes and token counts drawn at will, a few runs' 6ND fall within
 * 10% of each other by chance (in 12 sweeps of 80 such runs, 13–47% of the runs sat in such
 * budgets, mostly of 3 sizes, some of 4 or 5), and their valleys placed N_opt whose intervals missed
 * the truth at every budget. A designed IsoFLOP sweep puts nearly every run in a valley. A few
 * designed budgets among many other runs (3 of 5 sizes among 39 runs) fall short of it too: their
 * sweep gets the surface's plan, not the profiles. Stated.
 */
export const MIN_VALLEY_SHARE = 0.5;

/** Whether the rows hold an IsoFLOP design: at least MIN_VALLEYS budgets that can hold a valley, holding MIN_VALLEY_SHARE of the runs. */
export function isIsoflopDesign(data: IsoflopData): boolean {
  const { valleys, rows } = valleyBudgets(data);
  return valleys.length >= MIN_VALLEYS && valleys.reduce((n, g) => n + g.length, 0) >= MIN_VALLEY_SHARE * rows;
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
