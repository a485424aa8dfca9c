// What `allocate --json` prints, and the laws' back-tests in it.
import type { Allocation, FixedSizePlan } from '../../core/allocation';
import type { ChinchillaParams } from '../../core/laws/chinchilla';
import type { AllocationInterval, Interval } from '../../core/surfaceBootstrap';
import type { SurfaceBackTest } from '../../core/surfaceBackTest';
import { betterLawPlan, lawComparisonText, type LawBackTest, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import type { Params } from '../../core/types';
import type { IsoflopAllocation } from '../../core/isoflop';
import type { IsoflopAllocationInterval } from '../../core/isoflopBootstrap';
import type { InferenceAwarePlan } from '../../core/inferenceAllocation';
import type { ConstrainedAllocation, ConstrainedInterval } from '../../core/constrainedAllocation';
import type { ReachInterval } from '../../core/reachInterval';

/**
 * Each surface law back-tested on the same runs, their line as the panel's Plan gives it, and the
 * plan at each budget (and the compute --loss takes) on the law clearly better than Chinchilla's, or
 * on the law that fits where Chinchilla's fit gives no plan (`chinchillaNoPlan`), its surface fitted
 * to the whole sweep (no intervals).
 */
export interface LawBackTestsJson {
  laws: LawBackTest[];
  text?: string;
  better?: { law: string; params: Params; chinchillaNoPlan?: string; allocations: Allocation[]; forLoss?: Allocation & { targetLoss: number } };
}

export interface AllocateJson {
  source: string;
  /** About the source: a fit that did not converge. */
  warnings?: string[];
  surface: ChinchillaParams;
  allocations: Allocation[];
  forLoss?: Allocation & { targetLoss: number };
  /** From a bootstrapped fit: each refit's least compute to reach forLoss's loss, and its N and D, at `level` (hi Infinity, null in JSON, when too many refits never reach it). */
  forLossInterval?: ReachInterval;
  /** With --n N: N on each budget, or with --n N --d D one plan, N on D tokens (its budget 6·N·D), against the optimal split of the same budget. */
  fixedSize?: FixedSizePlan[];
  /** From a bootstrapped fit: an interval on each fixedSize plan's loss, at `level`. */
  fixedSizeIntervals?: Interval[];
  /** From a bootstrapped fit: intervals on N_opt, D_opt, tokens/param and L* per budget, at `level`. */
  allocationIntervals?: AllocationInterval[];
  level?: number;
  /** Why a bootstrapped fit gave no intervals. */
  intervalNote?: string;
  /** About the plans: a budget (or the compute --loss takes) far past the sweep the surface was fitted to, as the panel's Plan says it; a saved fit without the laws' comparison. */
  notes?: string[];
  /** How far the surface held on its sweep's largest runs (core/surfaceBackTest.ts), from a fitted sweep. */
  backTest?: SurfaceBackTest;
  /**
   * From a sweep fitted here, or a fit's JSON that holds them (`lawBackTests`): the surface laws'
   * back-tests and the clearly better law's plan (LawBackTestsJson).
   */
  backTests?: LawBackTestsJson;
  /** With --unique U: the best split when only U unique tokens exist (repeating them is worth less). */
  constrained?: {
    uniqueTokens: number;
    RD: number;
    RN: number;
    /** Where R_D*, R_N* come from: the chinchilla-dc fit, or Muennighoff et al.'s published values. */
    decaySource: string;
    allocations: ConstrainedAllocation[];
    /** Per budget, over the fit's bootstrap refits with R_D*, R_N* held (absent where too few refits gave a split). */
    intervals?: (ConstrainedInterval | undefined)[];
  };
  /** With --loss L --inference I: the cheapest N and D to reach L when the model then serves I tokens. */
  inference?: InferenceAwarePlan;
  /** The fit's IsoFLOP profiles (Approach 2) at the same budgets, with intervals from their refits. */
  isoflop?: { a: number; allocations: IsoflopAllocation[]; intervals?: IsoflopAllocationInterval[]; /** The exponent's interval from the saved refits, at `level` (as `fit` prints it). */ aInterval?: Interval; level?: number; intervalNote?: string };
}

/** The laws' back-tests as JSON: their line, and the clearly better law's plan at each of `budgets` (those where it gives one). */
export function backTestsJson(c: SurfaceLawComparison, budgets: readonly number[]): NonNullable<AllocateJson['backTests']> {
  const text = lawComparisonText(c);
  const allocations = budgets.flatMap((b) => betterLawPlan(c, b) ?? []);
  return { laws: [...c.backTests], ...(text ? { text } : {}), ...(c.better ? { better: { ...c.better, allocations } } : {}) };
}
