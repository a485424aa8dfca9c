// The schedule-aware forecast scored like the laws of the real-curves report: fit the first part
// of a run's points (no prior: the run alone), predict every later logged step from the run's
// schedule, held-out log predictions beside the log observations. Shared by
// bench/realCurvesSchedule.ts, bench/schedule.bench.ts (the decay gain) and the unit test that
// pins its figures.
import { fitScheduleLaw, forecastRun, predictLoss, runLr, type Schedule, type ScheduleFit } from '../src/core/schedule/index';
import { averagedPrefix, MAX_FORECAST_POINTS } from '../src/core/schedule/forecast';
import { rows, schedule, SIZES, TRAIN, type Size } from '../test/unit/schedule/lrData';
import { mambaRows } from './realCurvesData';

export interface ScheduledRun {
  readonly name: string;
  readonly steps: readonly number[];
  readonly loss: readonly number[];
  readonly lr: readonly number[];
  readonly schedule: Schedule;
  /** The assumed gain of a full decay, for prefixes that have seen none (default: the shipped one). */
  readonly annealingGain?: number;
}

/**
 * The gain of a full decay measured on one size's training split (LR-annealing fit: C·η_peak/(1−λ)
 * over the constant run's last loss), as bench/schedule.bench.ts measures it.
 */
export function decayGainOf(size: Size): number {
  return decayGainOn(size, TRAIN);
}

/** The same gain fitted on `names` only (bench/scheduleFamilyOut.ts leaves a schedule family out). */
export function decayGainOn(size: Size, names: readonly string[]): number {
  const t = fitScheduleLaw(names.map((name) => ({ name, steps: rows(size, name).steps, loss: rows(size, name).loss, schedule: schedule(name) })), 'tissue');
  return t.fit.law === 'tissue' ? (t.fit.params.C * 3e-4) / (1 - t.fit.params.lambda) / rows(size, 'constant_24000').loss.at(-1)! : NaN;
}

/**
 * The same gain measured on Mamba 3B's whole run (its logged LR, a cosine to a quarter of the
 * peak), fitted from the end of its warmup as 1,000 averages of consecutive steps, as the forecast
 * fits a long log: a second study's run, beside the lr-schedules' two sizes, for the spread of the
 * gain between runs (KAPPA_OWN).
 */
export function mambaDecayGain(): number {
  const all = mambaRows().filter((r) => r.step > 0 && r.loss > 0 && Number.isFinite(r.lr));
  const peakAt = all.reduce((b, r, i) => (r.lr > all[b].lr ? i : b), 0);
  const run = all.slice(peakAt);
  const { steps, loss } = averagedPrefix({ steps: run.map((r) => r.step), loss: run.map((r) => r.loss) }, MAX_FORECAST_POINTS);
  const t = fitScheduleLaw([{ name: 'mamba', steps, loss, schedule: loggedSchedule(all.map((r) => r.step), all.map((r) => r.lr)) }], 'tissue');
  return t.fit.law === 'tissue' ? (t.fit.params.C * all[peakAt].lr) / (1 - t.fit.params.lambda) / loss[loss.length - 1] : NaN;
}

/** A schedule read off a logged LR series: linear between logged steps, a linear warmup from 0 before the first. */
export function loggedSchedule(steps: number[], lr: number[]): Schedule {
  const at = (s: number): number => {
    if (s <= steps[0]) return (lr[0] * Math.max(0, s)) / steps[0];
    let lo = 0;
    let hi = steps.length - 1;
    if (s >= steps[hi]) return lr[hi];
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (steps[m] <= s) lo = m;
      else hi = m;
    }
    return lr[lo] + ((lr[hi] - lr[lo]) * (s - steps[lo])) / (steps[hi] - steps[lo]);
  };
  return { total: steps[steps.length - 1], lrAt: at, breakpoints: [0, ...steps], curved: false, label: 'logged LR', warmup: 0 };
}

/** The 18 lr-schedules runs with their specs; each size assumes the OTHER size's decay gain (leave-one-size-out). */
export function lrScheduleRuns(): ScheduledRun[] {
  const gains = new Map<Size, number>(SIZES.map((s) => [s, decayGainOf(s)]));
  const out: ScheduledRun[] = [];
  for (const size of SIZES) {
    for (const name of ['constant_24000', 'constant_72000', 'cosine_24000', 'cosine_72000', 'wsd_20000_24000', 'wsdcon_18', 'wsdcon_3', 'wsdcon_9', 'wsdld_20000_24000']) {
      const r = rows(size, name);
      out.push({ name: `${size}/${name}`, steps: Array.from(r.steps), loss: Array.from(r.loss), lr: Array.from(r.lr), schedule: schedule(name), annealingGain: gains.get(SIZES.find((s) => s !== size)!)! });
    }
  }
  return out;
}

/** Held-out log predictions and observations after fitting the first `frac` of the run's points. */
export function forecastHeldOut(run: ScheduledRun, frac: number): { logPred: number[]; logY: number[]; fit: ScheduleFit } {
  const k = Math.max(1, Math.floor(run.steps.length * frac));
  const prefix = { steps: run.steps.slice(0, k), loss: run.loss.slice(0, k) };
  const fc = forecastRun({ ...prefix, lr: { steps: prefix.steps, lr: run.lr.slice(0, k) }, schedule: run.schedule, bootstrap: 0, ...(run.annealingGain !== undefined ? { annealingGain: run.annealingGain } : {}) });
  const held = run.steps.slice(k);
  const fit = { law: fc.law, params: fc.params } as unknown as ScheduleFit;
  const pred = predictLoss(fit, runLr({ evalSteps: held, schedule: run.schedule }).grid, held);
  return { logPred: Array.from(pred, Math.log), logY: run.loss.slice(k).map(Math.log), fit };
}
