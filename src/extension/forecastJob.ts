// The forecast the fit worker runs for the panel: a run's prefix (steps, loss, logged LR) and the
// panel's schedule spec, prior and what-if cooldown turned into core forecasts. Core only, so the
// worker bundle stays free of the log readers; pure, so it is unit-tested without a worker.
import { forecastRun, scheduleFromSpec, withCooldown, type Schedule, type ScheduleFit, type ScheduleForecast, type WsdShape } from '../core/schedule/index';
import { ownHistory, type OwnHistory } from '../core/schedule/ownHistory';
import { withoutLossSpikes } from '../core/schedule/lossSpikes';
import { newestJumpNote } from '../core/newestJumpNote';
import { ScalingLensError } from '../core/types';

/** "Cool down at step `at` (or at the last logged step: 'now') with `shape` over `over` steps." */
export interface WhatIf {
  readonly at: number | 'now';
  readonly over: number;
  readonly shape: WsdShape;
  /** η at the end of the cooldown; default 10% of η where it starts. */
  readonly end?: number;
}

export interface ForecastJobOptions {
  /** Schedule spec text (parseSchedule's grammar); the future's η, and all η without a logged LR. */
  readonly spec?: string;
  readonly prior?: ScheduleFit;
  readonly cooldown?: WhatIf;
  readonly targetLoss?: number;
  readonly bootstrap?: number;
  readonly seed?: number;
  /** scalingLens.fitWarmup: fit the losses of the LR warmup too. */
  readonly keepWarmup?: boolean;
}

export interface ForecastJobData {
  readonly steps: Float64Array;
  readonly loss: Float64Array;
  /** The logged learning rate (its own steps: logged every k steps, maybe not with the loss). */
  readonly lrSteps?: Float64Array;
  readonly lr?: Float64Array;
}

export interface ForecastOutcome {
  readonly base: ScheduleForecast;
  readonly whatIf?: { readonly label: string; readonly forecast: ScheduleForecast };
  /** Why the what-if could not be forecast (the base forecast stands). */
  readonly whatIfError?: string;
  /** The forecast back-tested on the run's own log (absent when there is nothing ahead to forecast). */
  readonly ownHistory?: OwnHistory;
  readonly seconds: number;
}

function lastFiniteStep(steps: Float64Array, loss: Float64Array): number {
  for (let i = steps.length - 1; i >= 0; i--) if (Number.isFinite(steps[i]) && Number.isFinite(loss[i])) return steps[i]!;
  return NaN;
}

/** One line naming a what-if, e.g. "cool down now (step 36000), linear over 2000 steps". */
export function whatIfLabel(w: WhatIf, at: number): string {
  return `cool down ${w.at === 'now' ? `now (step ${at})` : `at step ${at}`}, ${w.shape} over ${w.over} steps`;
}

function cooled(base: Schedule | undefined, w: WhatIf, last: number): { schedule: Schedule; at: number } {
  if (!base) throw new ScalingLensError('bad-argument', 'a what-if cooldown needs a learning-rate schedule spec (the schedule it departs from)');
  const at = w.at === 'now' ? last : w.at;
  if (at < last) throw new ScalingLensError('bad-argument', `the cooldown at step ${at} is before the last logged step (${last}); cool down now or later`);
  return { schedule: withCooldown(base, { at, over: w.over, shape: w.shape, ...(w.end !== undefined ? { end: w.end } : {}) }), at };
}

/**
 * The forecast, and the what-if's after it. `isCancelled` is asked between the two (a forecast
 * superseded by newer data does not also run its what-if).
 */
export function runForecastJob(data: ForecastJobData, o: ForecastJobOptions, isCancelled: () => boolean = () => false): ForecastOutcome {
  const started = performance.now();
  const schedule = o.spec !== undefined ? scheduleFromSpec(o.spec) : undefined;
  const lr = data.lrSteps && data.lr ? { steps: data.lrSteps, lr: data.lr } : undefined;
  // the spikes the laws leave out, left out here too, in the worker: finding them over a per-step
  // log took the extension host 0.22 s at 200K rows, 1.1 s at 1M, on every read of a watched log
  const kept = withoutLossSpikes(data.steps, data.loss);
  const req = {
    steps: kept.steps,
    loss: kept.loss,
    ...(lr ? { lr } : {}),
    ...(o.prior ? { prior: o.prior } : {}),
    ...(o.targetLoss !== undefined ? { targetLoss: o.targetLoss } : {}),
    ...(o.bootstrap !== undefined ? { bootstrap: o.bootstrap } : {}),
    seed: o.seed ?? 1,
    ...(o.keepWarmup ? { keepWarmup: true } : {}),
  };
  const fc = forecastRun({ ...req, ...(schedule ? { schedule } : {}) });
  // the newest rows held back are said in the Forecast block too: they are in the chart, not in the forecast
  const base = kept.newest ? { ...fc, warnings: [newestJumpNote(kept.newest, 'the forecast'), ...fc.warnings] } : fc;
  if (isCancelled()) throw new Error('forecast cancelled (superseded by newer data)');
  const own = ownHistory({ ...req, ...(schedule ? { schedule } : {}) });
  let whatIf: ForecastOutcome['whatIf'];
  let whatIfError: string | undefined;
  if (o.cooldown) {
    if (isCancelled()) throw new Error('forecast cancelled (superseded by newer data)');
    try {
      const c = cooled(schedule, o.cooldown, lastFiniteStep(data.steps, data.loss));
      whatIf = { label: whatIfLabel(o.cooldown, c.at), forecast: forecastRun({ ...req, schedule: c.schedule }) };
    } catch (err) {
      if (!(err instanceof ScalingLensError)) throw err;
      whatIfError = `what-if: ${err.message}`;
    }
  }
  return { base, ...(whatIf ? { whatIf } : {}), ...(whatIfError ? { whatIfError } : {}), ...(own ? { ownHistory: own } : {}), seconds: (performance.now() - started) / 1000 };
}
