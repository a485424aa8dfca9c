// A sweep's runs grouped into compute budgets and sizes, and whether they form an IsoFLOP design
// (budgets that each try several sizes). Pure.
import { FLOPS_PER_PARAM_TOKEN } from './allocation';
import { ScalingLensError } from './types';

/** Budgets within 10% of each other are one budget (tables digitized from plots jitter). */
export const BUDGET_TOLERANCE = 1.1;

/** A valley needs this many distinct sizes for a parabola. */
export const MIN_VALLEY_SIZES = 3;

/** Sizes within 10% of each other are one size: two runs of 788M and 828M at one budget bend a
 *  parabola through 2.4 into a lowest point at 1.89. Stated, as BUDGET_TOLERANCE. */
export const SIZE_TOLERANCE = 1.1;

/** A line through the valleys' lowest points needs this many of them. */
export const MIN_VALLEYS = 2;

export interface IsoflopData {
  readonly N: ArrayLike<number>;
  readonly D: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
}

/** `rows` grouped into sizes (N within SIZE_TOLERANCE of the group's smallest), in increasing N. */
export function sizeGroups(N: ArrayLike<number>, rows: readonly number[]): number[][] {
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

/**
 * `rows` (indices into `flops`, each with a finite positive compute) grouped into budgets, in
 * increasing compute: a row joins the budget whose smallest compute is within BUDGET_TOLERANCE.
 */
export function groupByBudget(flops: ArrayLike<number>, rows: readonly number[]): number[][] {
  return groupWithin(flops, rows, BUDGET_TOLERANCE);
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
