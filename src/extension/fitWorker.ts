// Worker thread that runs fits off the extension host's event loop (dist/fitWorker.js): curve
// analyses, Chinchilla surface fits and schedule laws fitted over sibling runs. Cancellation arrives through a shared flag, because the
// fits are synchronous and would not see a message until they finished.
import { parentPort } from 'node:worker_threads';
import type { AnalyzeOptions, CurveAnalysis } from '../core/analysis';
import type { Observations } from '../core/types';
import type { ScheduleLaw, ScheduleLawFit, ScheduleRun } from '../core/schedule/index';
import { analyzeCurve, backtestByFactor, fitScheduleLaw, fitSweepSurface, observationsAt, compareSurfaceLaws, standInFor, type LawBacktestResult, type SurfaceLawComparison, type SweepFit, type SweepFitOptions } from './fitEngine';
import { runForecastJob, type ForecastJobData, type ForecastJobOptions, type ForecastOutcome } from './forecastJob';
import { splitFlags, unpackPoints } from './pointSplit';
import { FitReuseCache } from './fitReuseCache';

const reuse = new FitReuseCache();

export interface SurfaceData {
  readonly N: readonly number[];
  readonly D: readonly number[];
  readonly loss: readonly number[];
  /** Each run's unique tokens, when the sweep gives them for every run: chinchilla-dc is compared too. */
  readonly U?: readonly number[];
  /** Why chinchilla-dc is not compared where only some runs give their unique tokens (said beside the plan). */
  readonly uncompared?: string;
  /** The series fitted as the loss, when one ("val_bpb"): a perplexity's or bits' surface is said beside the plan (core/yMetric.ts). */
  readonly y?: string;
}

export type FitJob =
  /** x / y as typed arrays (transferred, not cloned point by point); the analysis comes back without its point lists (see `roles`). */
  | { readonly kind: 'curve'; readonly x: Float64Array; readonly y: Float64Array; readonly options: Omit<AnalyzeOptions, 'isCancelled' | 'reuse'> }
  /** The Chinchilla surface through a sweep's runs, fitted as the CLI fits it (core/sweepSurface.ts). */
  | { readonly kind: 'sweep'; readonly data: SurfaceData; readonly options: Omit<SweepFitOptions, 'isCancelled'> }
  | { readonly kind: 'backtest'; readonly x: Float64Array; readonly y: Float64Array; readonly laws: readonly string[]; readonly factors: readonly number[]; readonly upperBound?: number }
  /** A schedule-aware law fitted jointly over finished runs (a prior for a live run). */
  | { readonly kind: 'scheduleFit'; readonly runs: readonly ScheduleRun[]; readonly law: ScheduleLaw; readonly seed: number }
  /** Schedule-aware forecast of a run's prefix (typed arrays transferred). */
  | { readonly kind: 'forecast'; readonly data: ForecastJobData; readonly options: ForecastJobOptions };

export interface FitRequest {
  readonly id: number;
  readonly job: FitJob;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the host cancels. */
  readonly cancelFlag: SharedArrayBuffer;
}

export type FitResponse =
  | {
      readonly id: number;
      readonly ok: true;
      /** fitPoints / heldOutPoints are empty here (and warmupPoints absent): `roles` says which input point went where. */
      readonly analysis?: CurveAnalysis;
      /** Per input point: 1 fit, 2 held out, 3 warmup (before the fit's start), 0 dropped (not finite, or not positive). */
      readonly roles?: Uint8Array;
      readonly sweep?: SweepFit;
      /** Each surface law back-tested on the sweep's largest runs, Chinchilla's first (core/surfaceLawComparison.ts). */
      readonly sweepBackTests?: SurfaceLawComparison;
      readonly backtest?: LawBacktestResult[];
      readonly scheduleFit?: ScheduleLawFit;
      readonly forecast?: ForecastOutcome;
    }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code?: string };

/** A sweep's runs as the surface laws take them: x = N, x2 = D, x3 = unique tokens where given. */
export function surfaceObservations(data: SurfaceData): Observations {
  return { x: Float64Array.from(data.N), x2: Float64Array.from(data.D), ...(data.U ? { x3: Float64Array.from(data.U) } : {}), y: Float64Array.from(data.loss) };
}

function run(job: FitJob, isCancelled: () => boolean): { analysis?: CurveAnalysis; roles?: Uint8Array; sweep?: SweepFit; sweepBackTests?: SurfaceLawComparison; backtest?: LawBacktestResult[]; scheduleFit?: ScheduleLawFit; forecast?: ForecastOutcome } {
  if (job.kind === 'forecast') return { forecast: runForecastJob(job.data, job.options, isCancelled) };
  // the joint fit takes well under a second on three long runs: a cancel is served by the client's terminate
  if (job.kind === 'scheduleFit') return { scheduleFit: fitScheduleLaw(job.runs, job.law, job.seed) };
  if (job.kind === 'curve') {
    const points = unpackPoints(job.x, job.y);
    const analysis = reuse.with(job.x, job.y, job.options, isCancelled, (r) => analyzeCurve(points, { ...job.options, isCancelled, reuse: r }));
    // the point lists are the host's own points, split: send which went where, not a million objects
    const roles = splitFlags(points, analysis);
    const { warmupPoints: _warmup, ...rest } = analysis;
    return { analysis: { ...rest, fitPoints: [], heldOutPoints: [] }, roles };
  }
  if (job.kind === 'backtest') {
    const points = unpackPoints(job.x, job.y);
    return { backtest: backtestByFactor(points, job.laws, job.factors, { seed: 1, isCancelled, ...(job.upperBound !== undefined ? { upperBound: job.upperBound } : {}) }) };
  }
  const obs = surfaceObservations(job.data);
  const sweep = fitSweepSurface('chinchilla', obs, { ...job.options, isCancelled });
  const kept = observationsAt(obs, sweep.kept);
  // a fit that gives no plan (a degenerate limit) may have another law's in its place; a design on one line has none
  const standIn = standInFor(sweep.noPlan, kept);
  if (sweep.noPlan && !standIn) return { sweep };
  // how far the plan can be trusted: each surface law refitted to the smaller runs kept, scored on the largest
  return { sweep, sweepBackTests: compareSurfaceLaws(kept, { seed: job.options.seed ?? 1, isCancelled }, standIn) };
}

parentPort?.on('message', (req: FitRequest) => {
  const flag = new Int32Array(req.cancelFlag);
  let response: FitResponse;
  try {
    response = { id: req.id, ok: true, ...run(req.job, () => Atomics.load(flag, 0) === 1) };
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
    response = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err), ...(code ? { code } : {}) };
  }
  parentPort?.postMessage(response, response.ok && response.roles ? [response.roles.buffer as ArrayBuffer] : []);
});
