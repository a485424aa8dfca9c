// How far a sweep's fitted surface can be trusted to extrapolate in compute, measured on the sweep
// itself: the surface refitted, by the same recipe, to the runs below the sweep's largest budgets,
// then scored on those largest runs. Beside it, on the compute-optimal frontier, the naive baseline
// a compute plan must beat: one power law in compute, E + A·C^−a, through the frontier of the runs
// fitted. Pure.
import { maxBy, minBy } from './arrayStats';
import { BEYOND_RATIO } from './calibrate';
import { getLaw } from './laws/index';
import { fitSweepSurface, observationsAt, type SweepFitOptions } from './sweepSurface';
import { timesText } from './beyondSweep';
import { factorText, formatAmount, formatPercent, signedPercent } from './units';
import type { Observations } from './types';

/**
 * The runs held out: those in the top quarter of the sweep's compute range on a log scale (for an
 * IsoFLOP sweep, its largest budget or budgets). A stated share, not tuned: enough runs to score,
 * and the rest still spanning most of the sweep.
 */
export const HELD_OUT_SHARE_OF_RANGE = 0.25;
/**
 * The refit's starts: a tenth of the grid the sweep's own fit searches. On the bundled sweeps
 * (bench/surfaceBackTest.bench.ts: OPT's checkpoints cut at 4 budgets, Epoch AI's points) it gives
 * the full grid's figures to the digit, at a tenth of the wait the back-test adds to a fit.
 */
export const BACKTEST_FIT = { quick: true } as const;

/** A sweep spanning less than this factor in compute has nothing to extrapolate to. */
const MIN_COMPUTE_SPAN = 2;
/** Held-out runs scored at the least: one run is an anecdote. */
const MIN_HELD_OUT = 2;

export interface SurfaceBackTestResult {
  /** Runs the surface was refitted to: compute up to `fitFlops`. */
  readonly fitRuns: number;
  readonly fitFlops: number;
  /** Runs scored: compute above the cut, up to `heldFlops`. */
  readonly heldRuns: number;
  readonly heldFlops: number;
  /** Mean |predicted / observed − 1| over the held-out runs, and the signed one of largest size. */
  readonly meanAbsError: number;
  readonly worstError: number;
  /**
   * On the compute-optimal frontier of the held-out runs (each IsoFLOP budget's lowest, frontierOf),
   * the surface's mean error and that of the naive baseline, E + A·C^−a through the frontier of the
   * runs fitted. Absent when the fitted runs hold too few such budgets to fit it, or the held-out
   * runs none (a sweep without shared budgets).
   */
  readonly frontier?: { readonly runs: number; readonly surface: number; readonly baseline: number };
}

export type SurfaceBackTest = SurfaceBackTestResult | { readonly reason: string };

/** 6·N·D of every run, to 3 significant digits: the runs of one IsoFLOP budget share one value whatever rounding D was written with. */
export function budgetsOf(obs: Observations): Float64Array {
  return Float64Array.from(obs.y, (_, i) => Number((6 * obs.x[i]! * obs.x2![i]!).toPrecision(3)));
}

/** Mean |pred/obs − 1| and the signed error of largest size, over `rows`; NaN when a prediction is not a positive number. */
function scoreRows(predict: (i: number) => number, obs: Observations, rows: readonly number[]): { mean: number; worst: number } {
  let sum = 0;
  let worst = 0;
  for (const i of rows) {
    const p = predict(i);
    const e = p > 0 ? p / obs.y[i]! - 1 : NaN;
    sum += Math.abs(e);
    if (!(Math.abs(worst) >= Math.abs(e))) worst = e;
  }
  return { mean: sum / rows.length, worst };
}

/**
 * A budget's runs make a valley of loss against N only from this many: the lowest of fewer is no
 * compute-optimal point, and the lowest of lone noisy runs (a sweep with no shared budgets) is the
 * luckiest draw, which a law through such lows "beats" by sharing their luck (on 20,000 runs of
 * 6·N·D drawn at random with 1% noise: the baseline 0.6% against the surface's 2.4%).
 */
const VALLEY_RUNS = 3;

/** The lowest-loss run of each budget of `rows` that has VALLEY_RUNS runs or more (an IsoFLOP design's valleys), by compute. */
export function frontierOf(budgets: Float64Array, obs: Observations, rows: readonly number[]): number[] {
  const byBudget = new Map<number, number[]>();
  for (const i of rows) {
    const runs = byBudget.get(budgets[i]!);
    if (runs) runs.push(i);
    else byBudget.set(budgets[i]!, [i]);
  }
  const lowest = [...byBudget.values()].filter((runs) => runs.length >= VALLEY_RUNS).map((runs) => runs.reduce((a, b) => (obs.y[b]! < obs.y[a]! ? b : a)));
  return lowest.sort((a, b) => budgets[a]! - budgets[b]!);
}

/**
 * `law` (whose inputs are N and D) back-tested on `obs`'s largest runs in compute, fitted as
 * fitSweepSurface fits the whole sweep (far runs left out unless `keepOutliers`, no bootstrap). The
 * cut never splits a budget. A reason instead when the sweep is too narrow in compute, too small on
 * either side of the cut, or the refit fails.
 */
export function surfaceBackTest(law: string, obs: Observations, opts: BackTestOptions = {}): SurfaceBackTest {
  return surfaceBackTests([law], obs, opts)[0]!;
}

type BackTestOptions = Pick<SweepFitOptions, 'seed' | 'quick' | 'keepOutliers' | 'isCancelled'>;

/**
 * Each of `laws` back-tested as surfaceBackTest does, on one cut of `obs`: the same runs refitted
 * and the same held out for every law, and the frontier baseline fitted once, so their errors
 * compare.
 */
export function surfaceBackTests(laws: readonly string[], obs: Observations, opts: BackTestOptions = {}): SurfaceBackTest[] {
  if (!obs.x2) return laws.map((law) => ({ reason: `${law} is not a law in N and D: no compute to hold runs out by` }));
  const all = Array.from(obs.y, (_, i) => i);
  const budgets = budgetsOf(obs);
  const budgetOf = (i: number): number => budgets[i]!;
  const lo = minBy(all, budgetOf);
  const hi = maxBy(all, budgetOf);
  const cut = hi * (lo / hi) ** HELD_OUT_SHARE_OF_RANGE;
  const fitRows = all.filter((i) => budgets[i]! <= cut);
  const heldRows = all.filter((i) => budgets[i]! > cut);
  // fitted at the first law that reaches it (null: not yet), once for all
  let baseline: FrontierScorer | undefined | null = null;
  const baselineOf = (surface: (i: number) => number): SurfaceBackTestResult['frontier'] => {
    if (baseline === null) baseline = frontierBaseline(budgets, obs, fitRows, heldRows);
    return baseline?.(surface);
  };
  return laws.map((law): SurfaceBackTest => {
    const spec = getLaw(law);
    if (spec.inputs[1] !== 'D') return { reason: `${law} is not a law in N and D: no compute to hold runs out by` };
    if (!(hi / lo >= MIN_COMPUTE_SPAN)) return { reason: `the runs span less than ${MIN_COMPUTE_SPAN}× in compute: there is no larger run to rehearse an extrapolation on` };
    const need = 2 * spec.params.length;
    if (fitRows.length < need || heldRows.length < MIN_HELD_OUT) {
      // the runs' own largest budget, not the cut between budgets (a 6-run sweep of 6e18, 1e19 and 3e19 read "4 below 2.01e19")
      return { reason: `too few runs: ${fitRows.length} up to ${formatAmount(maxBy(fitRows, budgetOf))} FLOPs to refit the surface to (it needs ${need}) and ${heldRows.length} larger to score (at least ${MIN_HELD_OUT})` };
    }
    let fitted;
    try {
      fitted = fitSweepSurface(law, observationsAt(obs, fitRows), { ...opts, seed: opts.seed ?? 1 });
    } catch (err) {
      return { reason: `the surface could not be refitted to the ${fitRows.length} smaller runs (${err instanceof Error ? err.message : String(err)})` };
    }
    const p = fitted.fit.params;
    const surface = (i: number): number => spec.predict(p, obs.x[i]!, obs.x2![i], obs.x3?.[i]);
    const scored = scoreRows(surface, obs, heldRows);
    if (!Number.isFinite(scored.mean)) return { reason: `the surface refitted to the ${fitRows.length} smaller runs gives no finite loss at the larger ones` };
    const front = baselineOf(surface);
    return {
      fitRuns: fitRows.length,
      fitFlops: maxBy(fitRows, budgetOf),
      heldRuns: heldRows.length,
      heldFlops: hi,
      meanAbsError: scored.mean,
      worstError: scored.worst,
      ...(front ? { frontier: front } : {}),
    };
  });
}

/**
 * The back-test the CLI and the panel's Plan give beside a fitted sweep: from BACKTEST_FIT's starts,
 * and a failure of its own (not of the fit it judges) as its reason.
 */
export function sweepBackTest(law: string, obs: Observations, opts: Pick<SweepFitOptions, 'seed' | 'keepOutliers' | 'isCancelled'> = {}): SurfaceBackTest {
  return sweepBackTests([law], obs, opts)[0]!;
}

/** sweepBackTest of each of `laws`, on one cut (surfaceBackTests). */
export function sweepBackTests(laws: readonly string[], obs: Observations, opts: Pick<SweepFitOptions, 'seed' | 'keepOutliers' | 'isCancelled'> = {}): SurfaceBackTest[] {
  try {
    return surfaceBackTests(laws, obs, { ...opts, ...BACKTEST_FIT });
  } catch (err) {
    return laws.map(() => ({ reason: `the back-test failed (${err instanceof Error ? err.message : String(err)})` }));
  }
}

/**
 * The surface against E + A·C^−a (M2, the RNSL form of it) on the held-out frontier, the baseline
 * fitted through the fitted runs' frontier: a scorer of a surface, or undefined when that frontier
 * holds too few budgets to fix the baseline's 3 parameters (an IsoFLOP sweep's 2 budgets below the
 * cut) or it does not fit.
 */
type FrontierScorer = (surface: (i: number) => number) => SurfaceBackTestResult['frontier'];

function frontierBaseline(budgets: Float64Array, obs: Observations, fitRows: readonly number[], heldRows: readonly number[]): FrontierScorer | undefined {
  const m2 = getLaw('m2');
  const fitFront = frontierOf(budgets, obs, fitRows);
  if (fitFront.length <= m2.params.length) return undefined;
  const heldFront = frontierOf(budgets, obs, heldRows);
  if (heldFront.length === 0) return undefined;
  try {
    const fit = m2.fit({ x: Float64Array.from(fitFront, (i) => budgets[i]!), y: Float64Array.from(fitFront, (i) => obs.y[i]!) }, { seed: 1 });
    const baseline = scoreRows((i) => m2.predict(fit.params, budgets[i]!), obs, heldFront).mean;
    return Number.isFinite(baseline) ? (surface) => ({ runs: heldFront.length, surface: scoreRows(surface, obs, heldFront).mean, baseline }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Fitted to the 11 runs up to 1e19 FLOPs, the surface predicted the 5 larger runs (up to 3e19, 3×
 * further) within 0.4% on average (worst +1.2%); at each larger budget's lowest loss 0.3%, where
 * E + A·C^−a through the smaller budgets' lowest gives 2.1%". One wording for the CLI and the panel.
 * With a plan's `budget` further past the largest run than the rehearsal reached (by more than
 * calibrate's BEYOND_RATIO, as the laws' line says of a curve), "…; the plan's budget is 33× past the
 * largest run, 11× further than this rehearsal reached".
 */
export function surfaceBackTestText(t: SurfaceBackTest, budget?: number): string {
  if ('reason' in t) return `No compute back-test: ${t.reason}.`;
  const f = t.frontier;
  const base = f ? `; at each larger budget's lowest loss ${formatPercent(f.surface)}, where E + A·C^−a through the smaller budgets' lowest gives ${formatPercent(f.baseline)}` : '';
  const rehearsed = t.heldFlops / t.fitFlops;
  const past = budget !== undefined ? budget / t.heldFlops : NaN;
  const further = past > rehearsed * BEYOND_RATIO ? `; the plan's budget is ${timesText(past)}× past the largest run, ${factorText(past / rehearsed)} further than this rehearsal reached` : '';
  return `Fitted to the ${t.fitRuns} runs up to ${formatAmount(t.fitFlops)} FLOPs, the surface predicted the ${t.heldRuns} larger runs (up to ${formatAmount(t.heldFlops)}, ${factorText(rehearsed)} further) within ${formatPercent(t.meanAbsError)} on average (worst ${signedPercent(t.worstError)})${base}${further}.`;
}
