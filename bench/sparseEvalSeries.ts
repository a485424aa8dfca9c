// A validation series as a trainer logs it beside the training loss (a Lightning metrics.csv's
// val_loss every N steps), built from an lr-schedules run: none of those runs logs an eval, so the
// logged loss (every 128 steps, smooth) is read at every N-th step (log-linear between its rows)
// and given the eval noise bench/evalLogRuns.ts draws for eval logs (iid log-normal, 0.2–0.8%: an
// eval set is fixed, so its loss barely jitters). Seeded, so a series is the same on every run.
import { mulberry32, normal } from '../src/core/random';

export interface EvalSeries {
  readonly steps: number[];
  readonly loss: number[];
}

/** The loss at `step`, log-linear between the logged rows (held at the ends). */
export function lossAt(steps: readonly number[], loss: readonly number[], step: number): number {
  const i = steps.findIndex((s) => s >= step);
  if (i < 0) return loss[loss.length - 1]!;
  if (i === 0 || steps[i] === step) return loss[i]!;
  const f = (step - steps[i - 1]!) / (steps[i]! - steps[i - 1]!);
  return Math.exp((1 - f) * Math.log(loss[i - 1]!) + f * Math.log(loss[i]!));
}

/**
 * The eval at every multiple of `every` from the first logged step to the last, each the logged
 * loss there times exp(sd·z), z standard normal from `seed`.
 */
export function evalSeries(run: { readonly steps: readonly number[]; readonly loss: readonly number[] }, every: number, sd: number, seed: number): EvalSeries {
  const z = normal(mulberry32(seed));
  const steps: number[] = [];
  const loss: number[] = [];
  const first = Math.ceil(run.steps[0]! / every) * every;
  for (let s = first; s <= run.steps[run.steps.length - 1]!; s += every) {
    steps.push(s);
    loss.push(lossAt(run.steps, run.loss, s) * Math.exp(sd * z()));
  }
  return { steps, loss };
}
