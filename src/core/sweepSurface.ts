// A surface law fitted to a sweep (one row per run) the one way the panel's Plan and the CLI's
// `fit --law chinchilla` / `allocate --from SWEEP` fit it: the law through every run, then again
// without the runs far above it (core/outlierRuns.ts), then, for Chinchilla, bootstrap refits of
// the runs kept. One function, so the two sides plan the same sweep alike. Pure.
import { chinchillaQuickStarts, fitChinchilla, type ChinchillaParams } from './laws/chinchilla';
import { getLaw } from './laws/index';
import { logResiduals, surfaceOutliers } from './outlierRuns';
import { bootstrapChinchilla, PLAN_RESAMPLES, type SurfaceBootstrap } from './surfaceBootstrap';
import { noPlanReason } from './surfaceDesign';
import { bootstrapFailure } from './calibrate';
import type { FitResult, Observations } from './types';

export interface SweepFitOptions {
  /** Seed of the fit's restarts and of the bootstrap's draws; default 1. */
  readonly seed?: number;
  /** Bootstrap refits (Chinchilla only); none when absent. */
  readonly resamples?: number;
  /** Fit every run, naming those far above the surface without leaving them out. */
  readonly keepOutliers?: boolean;
  /** Every 10th start of the grid. */
  readonly quick?: boolean;
  /** Run id of each row: the bootstrap resamples whole runs. */
  readonly groups?: ArrayLike<number>;
  readonly isCancelled?: () => boolean;
}

/** How the panel's Plan and `allocate --from SWEEP` fit a sweep: PLAN_RESAMPLES refits, seed 1, far runs left out. */
export const PLAN_FIT: SweepFitOptions = { resamples: PLAN_RESAMPLES, seed: 1 };

export interface FarRun {
  /** The row's index in the sweep as given. */
  readonly index: number;
  /** The fitted surface's loss there. */
  readonly fitted: number;
}

export interface SweepFit {
  readonly fit: FitResult;
  /** The Chinchilla surface (E, A, B, alpha, beta) the law implies, for the laws that have one. */
  readonly surface?: ChinchillaParams;
  /** Starts the Chinchilla fit ran from. */
  readonly starts?: number;
  /** Runs far above the surface through the others: left out of `fit` unless keepOutliers. */
  readonly far: readonly FarRun[];
  /** The rows the fit went through (every row but the far ones, unless keepOutliers). */
  readonly kept: readonly number[];
  /** Why the fit gives no compute-optimal plan (core/surfaceDesign.ts), when it does not. */
  readonly noPlan?: string;
  readonly bootstrap?: SurfaceBootstrap;
  /** Why the refits asked for were not made: the fit gives no plan (`noPlan`), so they would bracket nothing a plan reads. */
  readonly bootstrapSkipped?: string;
}

/** The rows of `obs` at `rows`. */
export function observationsAt(obs: Observations, rows: readonly number[]): Observations {
  const at = (a: ArrayLike<number> | undefined): Float64Array | undefined => a && Float64Array.from(rows, (i) => a[i]!);
  return { x: at(obs.x)!, x2: at(obs.x2), x3: at(obs.x3), y: at(obs.y)! };
}

function fitLaw(law: string, obs: Observations, opts: SweepFitOptions): { fit: FitResult; surface?: ChinchillaParams; starts?: number } {
  if (law === 'chinchilla') {
    const f = fitChinchilla(obs, { ...(opts.quick ? { starts: chinchillaQuickStarts() } : {}), ...(opts.isCancelled ? { isCancelled: opts.isCancelled } : {}) });
    return { fit: f, surface: f.surface, starts: f.starts };
  }
  const fit = getLaw(law).fit(obs, { seed: opts.seed ?? 1, ...(opts.quick ? { quick: true } : {}), ...(opts.isCancelled ? { isCancelled: opts.isCancelled } : {}) });
  const p = fit.params;
  return { fit, surface: law === 'chinchilla-dc' ? { E: p.E!, A: p.A!, B: p.B!, alpha: p.alpha!, beta: p.beta! } : undefined };
}

/** `law` (x = N, x2 = D or steps, x3 = unique tokens) fitted to a sweep's rows, as both the panel and the CLI do. */
export function fitSweepSurface(law: string, obs: Observations, opts: SweepFitOptions = {}): SweepFit {
  const spec = getLaw(law);
  const first = fitLaw(law, obs, opts);
  const farRows = surfaceOutliers(logResiduals(spec, first.fit.params, obs));
  const all = Array.from(obs.y, (_, i) => i);
  const leaveOut = !opts.keepOutliers && farRows.length > 0;
  const kept = leaveOut ? all.filter((i) => !farRows.includes(i)) : all;
  const data = leaveOut ? observationsAt(obs, kept) : obs;
  const { fit, surface, starts } = leaveOut ? fitLaw(law, data, opts) : first;
  const far = farRows.map((i) => ({ index: i, fitted: spec.predict(fit.params, obs.x[i]!, obs.x2?.[i], obs.x3?.[i]) }));
  const noPlan = surface !== undefined && data.x2 ? noPlanReason(data.x, data.x2, fit) : undefined;
  const groups = opts.groups && Float64Array.from(kept, (i) => opts.groups![i]!);
  const wanted = opts.resamples !== undefined && law === 'chinchilla' && surface !== undefined;
  // refits of a fit that gives no plan bracket an artefact, and cost minutes (OPT's checkpoints: 200
  // refits of a degenerate limit, ~2 min of CPU, before kaplan-nd's plan stood in)
  const bootstrapSkipped = wanted && noPlan ? skippedBootstrapNote(opts.resamples!) : undefined;
  const bootstrap =
    wanted && !noPlan
      ? bootstrapChinchilla(data, surface!, { resamples: opts.resamples!, seed: opts.seed ?? 1, ...(groups ? { groups } : {}), ...(opts.isCancelled ? { isCancelled: opts.isCancelled } : {}) })
      : undefined;
  return { fit, ...(surface ? { surface } : {}), ...(starts !== undefined ? { starts } : {}), far, kept, ...(noPlan ? { noPlan } : {}), ...(bootstrap ? { bootstrap } : {}), ...(bootstrapSkipped ? { bootstrapSkipped } : {}) };
}

/** What a fit that gives no plan says in place of its bootstrap intervals. */
function skippedBootstrapNote(resamples: number): string {
  return `no bootstrap: Chinchilla's fit gives no compute-optimal plan, so its ${resamples} refits were skipped (their intervals would bracket an artefact of the fit)`;
}

/**
 * The refits a plan's intervals are read from: those with a compute-optimal split (α, β > 0), or
 * why there are none (too many resamples failed). One rule for the panel's Plan and `allocate`.
 */
export function planDraws(draws: readonly ChinchillaParams[], resamples: number): { readonly usable: ChinchillaParams[]; readonly failure?: string } {
  const usable = draws.filter((d) => d.alpha > 0 && d.beta > 0);
  const failure = bootstrapFailure(usable.length, resamples);
  return failure ? { usable, failure } : { usable };
}
