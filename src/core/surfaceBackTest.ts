// How far a sweep's fitted surface can be trusted to extrapolate in compute, measured on the sweep
// itself: the surface refitted, by the same recipe, to the runs below the sweep's largest budgets,
// then scored on those largest runs. Beside it, the naive baseline a compute plan must beat: one
// power law in compute, E + A·C^−a, through the same runs. Pure.
import { getLaw } from './laws/index';
import { fitSweepSurface, observationsAt, type SweepFitOptions } from './sweepSurface';
import { formatAmount, formatPercent } from './units';
import type { Observations } from './types';

/**
 * The runs held out: those in the top quarter of the sweep's compute range on a log scale (for an
 * IsoFLOP sweep, its largest budget or budgets). A stated share, not tuned: enough runs to score,
 * and the rest still spanning most of the sweep.
 */
export const HELD_OUT_SHARE_OF_RANGE = 0.25;
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
  /** The same mean for E + A·C^−a fitted to the same runs; undefined when that fit failed. */
  readonly baselineMeanAbsError?: number;
}

export type SurfaceBackTest = SurfaceBackTestResult | { readonly reason: string };

const compute = (obs: Observations, i: number): number => 6 * obs.x[i]! * obs.x2![i]!;

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
 * `law` (whose inputs are N and D) back-tested on `obs`'s largest runs in compute, fitted as
 * fitSweepSurface fits the whole sweep (far runs left out, no bootstrap). A reason instead when
 * the sweep is too narrow in compute, too small on either side of the cut, or the refit fails.
 */
export function surfaceBackTest(law: string, obs: Observations, opts: Pick<SweepFitOptions, 'seed' | 'quick' | 'isCancelled'> = {}): SurfaceBackTest {
  const spec = getLaw(law);
  if (!obs.x2 || spec.inputs[1] !== 'D') return { reason: `${law} is not a law in N and D: no compute to hold runs out by` };
  const all = Array.from(obs.y, (_, i) => i);
  const logC = all.map((i) => Math.log(compute(obs, i)));
  const lo = Math.min(...logC);
  const hi = Math.max(...logC);
  if (!(hi - lo >= Math.log(MIN_COMPUTE_SPAN))) return { reason: `the runs span less than ${MIN_COMPUTE_SPAN}× in compute: there is no larger run to rehearse an extrapolation on` };
  const cut = hi - HELD_OUT_SHARE_OF_RANGE * (hi - lo);
  const fitRows = all.filter((i) => logC[i]! <= cut);
  const heldRows = all.filter((i) => logC[i]! > cut);
  const need = 2 * spec.params.length;
  if (fitRows.length < need || heldRows.length < MIN_HELD_OUT) {
    return { reason: `too few runs to back-test: ${fitRows.length} below ${formatAmount(Math.exp(cut))} FLOPs (the fit needs ${need}) and ${heldRows.length} above (at least ${MIN_HELD_OUT})` };
  }
  let fitted;
  try {
    fitted = fitSweepSurface(law, observationsAt(obs, fitRows), { ...opts, seed: opts.seed ?? 1 });
  } catch (err) {
    return { reason: `the surface could not be refitted to the ${fitRows.length} smaller runs (${err instanceof Error ? err.message : String(err)})` };
  }
  const p = fitted.fit.params;
  const law_ = scoreRows((i) => spec.predict(p, obs.x[i]!, obs.x2![i], obs.x3?.[i]), obs, heldRows);
  if (!Number.isFinite(law_.mean)) return { reason: `the surface refitted to the ${fitRows.length} smaller runs gives no finite loss at the larger ones` };
  const baseline = computePowerLaw(obs, fitRows);
  const base = baseline && scoreRows((i) => baseline(compute(obs, i)), obs, heldRows);
  return {
    fitRuns: fitRows.length,
    fitFlops: Math.exp(Math.max(...fitRows.map((i) => logC[i]!))),
    heldRuns: heldRows.length,
    heldFlops: Math.exp(hi),
    meanAbsError: law_.mean,
    worstError: law_.worst,
    ...(base && Number.isFinite(base.mean) ? { baselineMeanAbsError: base.mean } : {}),
  };
}

/**
 * E + A·C^−a through `rows` (M2, the RNSL form of it), or undefined when it does not fit or the rows
 * hold too few budgets to fix its 3 parameters (an IsoFLOP sweep's 2 budgets below the cut).
 */
function computePowerLaw(obs: Observations, rows: readonly number[]): ((c: number) => number) | undefined {
  const m2 = getLaw('m2');
  const budgets = new Set(rows.map((i) => compute(obs, i).toPrecision(3)));
  if (budgets.size <= m2.params.length) return undefined;
  try {
    const fit = m2.fit({ x: Float64Array.from(rows, (i) => compute(obs, i)), y: Float64Array.from(rows, (i) => obs.y[i]!) }, { seed: 1 });
    return (c) => m2.predict(fit.params, c);
  } catch {
    return undefined;
  }
}

const signed = (e: number): string => `${e >= 0 ? '+' : '−'}${formatPercent(Math.abs(e))}`;

/**
 * "Fitted to the 11 runs up to 1e19 FLOPs, the surface predicted the 5 runs up to 3e19 (3× further)
 * within 1.2% on average (worst +2.5%); E + A·C^−a through the same runs: 3.4%". One wording for
 * the CLI and the panel.
 */
export function surfaceBackTestText(t: SurfaceBackTest): string {
  if ('reason' in t) return `No compute back-test: ${t.reason}.`;
  const r = t;
  const factor = Number((r.heldFlops / r.fitFlops).toPrecision(2));
  const base = r.baselineMeanAbsError !== undefined ? `; E + A·C^−a through the same runs: ${formatPercent(r.baselineMeanAbsError)}` : '';
  return `Fitted to the ${r.fitRuns} runs up to ${formatAmount(r.fitFlops)} FLOPs, the surface predicted the ${r.heldRuns} larger runs (up to ${formatAmount(r.heldFlops)}, ${factor}× further) within ${formatPercent(r.meanAbsError)} on average (worst ${signed(r.worstError)})${base}.`;
}
