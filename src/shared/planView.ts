// A compute plan's payload to the panel: the frontier's rows and a budget's plan, with its
// data-constrained, inference-aware, fixed-size and IsoFLOP variants (protocol.ts).
import type { ChartView } from './chartView';

export interface PlanRow {
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly loss: number;
  /** Bootstrap intervals [lo, hi] on N_opt, D_opt and L*, when the surface was bootstrapped. */
  readonly intervals?: PlanIntervals;
}

/**
 * At a budget: on N_opt, D_opt and L*. For a loss to reach: on the compute that reaches it and that
 * plan's N and D, and none on the loss, which is the one asked (core/reachInterval.ts).
 */
export interface PlanIntervals {
  readonly flops?: readonly [number, number];
  readonly N: readonly [number, number];
  readonly D: readonly [number, number];
  readonly loss?: readonly [number, number];
}

export interface PlanView {
  /** "Chinchilla preset", "Epoch preset" or "fitted on sweep.csv". */
  readonly source: string;
  /** What to recompute it from after a reload: 'chinchilla', 'epoch', or the sweep's path. */
  readonly surface: string;
  readonly params: readonly (readonly [string, number])[];
  readonly budget: PlanRow;
  readonly rows: readonly PlanRow[];
  readonly chart: ChartView;
  /** A fitted IsoFLOP sweep's Approach 2, beside the surface's answer. */
  readonly isoflop?: IsoflopView;
  /** The budget's split when only so many unique tokens exist (Muennighoff et al. 2023). */
  readonly constrained?: ConstrainedPlanView;
  /** The loss asked for: the budget is the least compute whose optimum reaches it. */
  readonly targetLoss?: number;
  /** The loss asked for, reached at the least training plus inference compute (Sardana et al. 2024). */
  readonly inference?: InferencePlanView;
  /** What the surface's fit did with the sweep: runs left out as far above the others. */
  readonly notes?: readonly string[];
  /** The model size and token count asked for: the loss there; `budget` is the optimal split of its 6·N·D. */
  readonly point?: PointPlanView;
  /** A fitted sweep's back-test: the surface refitted to its smaller runs, scored on its largest. */
  readonly trust?: string;
  /** The sweep's y when it is no loss in nats (val_bpb, val_ppl): every L* is in it, and said so with the loss it means. */
  readonly lossName?: string;
  /** Each surface law's back-test on the same runs, in one line, and the budget's plan on a law clearly better than Chinchilla's (no intervals). */
  readonly lawBackTests?: PlanLawBackTests;
}

export interface PlanLawBackTests {
  /** "Back-tested on the 5 largest runs: Chinchilla 5.4%, kaplan-nd 1.2% mean error." */
  readonly text: string;
  /** The budget's plan on the law clearly better than Chinchilla's, fitted to the whole sweep. */
  readonly plan?: { readonly law: string; readonly row: PlanRow };
}

export interface PointPlanView {
  /** 6·N·D. */
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly loss: number;
  /** From a bootstrapped surface: [lo, hi] on the loss at (N, D), at the surface's level. */
  readonly lossInterval?: readonly [number, number];
  /** loss − the optimal split's L* on the same budget (≥ 0). */
  readonly excessLoss: number;
  readonly warnings: readonly string[];
}

export interface InferencePlanView {
  readonly inferenceTokens: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly trainingFlops: number;
  readonly inferenceFlops: number;
  readonly totalFlops: number;
  /** The compute-optimal plan's training plus the same inference. */
  readonly chinchillaTotal: number;
  readonly saving: number;
  readonly warnings: readonly string[];
}

export interface ConstrainedPlanView {
  readonly uniqueTokens: number;
  /** The decay constants R_D*, R_N* and where they come from. */
  readonly RD: number;
  readonly RN: number;
  readonly decaySource: string;
  readonly N: number;
  readonly D: number;
  /** Passes over the unique data, D / U. */
  readonly epochs: number;
  readonly loss: number;
  /** Loss above the plan with unlimited unique data. */
  readonly excessLoss: number;
  readonly intervals?: PlanIntervals;
  readonly warnings: readonly string[];
}

/** One compute budget of an IsoFLOP sweep: its valley's lowest point, or why it has none. */
export interface IsoflopBudgetRow {
  readonly flops: number;
  readonly sizes: number;
  readonly N?: number;
  readonly D?: number;
  readonly loss?: number;
  readonly excluded?: string;
}

export interface IsoflopView {
  /** N_opt ∝ C^exponent through the valleys' lowest points. */
  readonly exponent: number;
  readonly exponentInterval?: readonly [number, number];
  /** The fitted surface's β/(α+β), for comparison. */
  readonly surfaceExponent: number;
  /** N_opt and D_opt at the plan's budget by the profiles (loss: not given by Approach 2). */
  readonly budget: { readonly N: number; readonly D: number; readonly tokensPerParam: number; readonly intervals?: Pick<PlanIntervals, 'N' | 'D'> };
  readonly rows: readonly IsoflopBudgetRow[];
  readonly notes: readonly string[];
  /** Loss against N at each budget: the points, each valley's parabola and its lowest point. */
  readonly chart: ChartView;
}

/**
 * An IsoFLOP sweep's own answer, Approach 2 on its rows: the panel's headline while no one curve's
 * prediction leads (a sweep opens with all its curves shown).
 */
export interface SweepHeadline {
  /** N_opt ∝ C^exponent through the valleys' lowest points; absent when no line could be drawn (`notes` say why). */
  readonly exponent?: number;
  readonly exponentInterval?: readonly [number, number];
  /** The interval's level (0.95). */
  readonly level?: number;
  readonly rows: readonly IsoflopBudgetRow[];
  readonly notes: readonly string[];
}
