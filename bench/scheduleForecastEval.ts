// The schedule-aware forecast scored like the laws of the real-curves report: fit the first part
// of a run's points (no prior: the run alone), predict every later logged step from the run's
// schedule, held-out log predictions beside the log observations. Shared by
// bench/realCurvesSchedule.ts, bench/schedule.bench.ts (the decay gain) and the unit test that
// pins its figures.
import { fitScheduleLaw, forecastRun, predictLoss, runLr, type Schedule, type ScheduleFit } from '../src/core/schedule/index';
import { rows, schedule, SIZES, TRAIN, type Size } from '../test/unit/schedule/lrData';

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
  const t = fitScheduleLaw(TRAIN.map((name) => ({ name, steps: rows(size, name).steps, loss: rows(size, name).loss, schedule: schedule(name) })), 'tissue');
  return t.fit.law === 'tissue' ? (t.fit.params.C * 3e-4) / (1 - t.fit.params.lambda) / rows(size, 'constant_24000').loss.at(-1)! : NaN;
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
