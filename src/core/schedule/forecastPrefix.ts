// The logged losses a schedule forecast fits (forecast.ts): cleaned, from the end of the LR warmup,
// averaged down to MAX_FORECAST_POINTS on a long log.
import { ScalingLensError } from '../types';
import { MIN_AFTER_WARMUP, warmupEnd } from '../warmup';
import type { CleanLr } from './lrSeries';
import type { Schedule } from './schedule';
import { nonPositiveText, skippedPointsText } from './skippedPoints';

/** The fewest logged losses a forecast is made from (a watch waits for them before it follows another series). */
export const MIN_FORECAST_LOSSES = 6;

/** The logged losses the forecast fits: finite, from step 1, steps rising (a repeated step keeps its last loss). */
export function cleanPrefix(steps: ArrayLike<number>, loss: ArrayLike<number>): { steps: number[]; loss: number[]; warnings: string[] } {
  const s: number[] = [];
  const y: number[] = [];
  let dropped = 0;
  let atZero = 0;
  const nonPositiveAt: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    const v = loss[i];
    if (!Number.isFinite(st) || !Number.isFinite(v)) {
      dropped++;
      continue;
    }
    if (st === 0) {
      // logged before the first update (nanoGPT's iter 0): the laws start at step 1
      atZero++;
      continue;
    }
    if (v <= 0) {
      // a loss logged as 0 by a metric that was not computed: left out and said where, as `fit` does
      nonPositiveAt.push(st);
      continue;
    }
    const prev = s.length ? s[s.length - 1] : -Infinity;
    if (st < prev) throw new ScalingLensError('bad-argument', `step goes back from ${prev} to ${st} (a restarted or resumed run?); give the part after the restart`);
    if (st === prev) {
      y[y.length - 1] = v;
      continue;
    }
    if (st < 1 || !Number.isInteger(st)) throw new ScalingLensError('bad-argument', `step ${st} is not a whole number ≥ 1`);
    s.push(st);
    y.push(v);
  }
  const warnings = dropped > 0 ? [skippedPointsText(dropped, 'loss')] : [];
  if (atZero > 0) warnings.push('skipped the loss logged at step 0 (before the first update)');
  if (nonPositiveAt.length > 0) warnings.push(nonPositiveText(nonPositiveAt));
  if (s.length < MIN_FORECAST_LOSSES) throw new ScalingLensError('too-few-points', `a forecast needs at least ${MIN_FORECAST_LOSSES} logged losses (got ${s.length}${nonPositiveAt.length > 0 ? `; ${nonPositiveAt.length} ≤ 0 left out` : ''})`);
  return { steps: s, loss: y, warnings };
}

/** More logged losses than this are fitted as averages of consecutive steps: the fit costs per point, and a per-step log of 200k losses took minutes. */
export const MAX_FORECAST_POINTS = 1000;

/**
 * The prefix as at most `max` points: averages of equal runs of consecutive logged losses at their
 * mean step (rounded: the schedule is per step). Noise averages out and the curve does not bend
 * within a run of steps this short against the whole log, so the fit is that of the raw points.
 */
export function averagedPrefix(pre: { steps: number[]; loss: number[] }, max: number): { steps: number[]; loss: number[]; per: number } {
  const n = pre.steps.length;
  const per = Math.ceil(n / max);
  if (per <= 1) return { ...pre, per: 1 };
  const steps: number[] = [];
  const loss: number[] = [];
  for (let a = 0; a < n; a += per) {
    const b = Math.min(n, a + per);
    let s = 0;
    let y = 0;
    for (let i = a; i < b; i++) {
      s += pre.steps[i];
      y += pre.loss[i];
    }
    const step = Math.round(s / (b - a));
    // a rounded mean step can only tie with its neighbour's when steps repeat: keep them increasing
    steps.push(steps.length > 0 ? Math.max(step, steps[steps.length - 1] + 1) : step);
    loss.push(y / (b - a));
  }
  return { steps, loss, per };
}

const statedWarmup = (schedule: Schedule | undefined): number | undefined => (schedule && schedule.warmup > 0 ? schedule.warmup : undefined);

/** The step the forecast's fit starts from: the end of the schedule's warmup, else the logged LR's. */
export function fitWarmupEnd(schedule: Schedule | undefined, log: CleanLr | undefined): number | undefined {
  return statedWarmup(schedule) ?? (log ? warmupEnd(log.steps, log.lr) : undefined);
}

/**
 * The prefix from the end of the LR warmup (the schedule's, else the logged LR's), as `fit` fits
 * it: while the LR ramps up the loss falls from ~ln(vocabulary) at the ramp's pace, and a law of
 * the LR fitted to that fall missed a constant-LR run's final loss by 15.6% from a quarter of the
 * run (3.3% without the warmup) and called 95% of such ends undetermined (10%). The LR terms still
 * count the warmup's learning rate.
 */
export function afterWarmup(pre: { steps: number[]; loss: number[] }, schedule: Schedule | undefined, log: CleanLr | undefined, warnings: string[]): { steps: number[]; loss: number[] } {
  const stated = statedWarmup(schedule);
  const end = fitWarmupEnd(schedule, log);
  if (end === undefined) return pre;
  // cleanPrefix leaves the steps rising
  const k = pre.steps.findIndex((s) => s >= end);
  if (k === 0) return pre;
  const after = k < 0 ? 0 : pre.steps.length - k;
  if (after < MIN_AFTER_WARMUP) {
    warnings.push(`the learning rate's warmup ends at step ${end}, but only ${after} logged loss${after === 1 ? '' : 'es'} follow${after === 1 ? 's' : ''} it: the warmup stays in the forecast's fit until ${MIN_AFTER_WARMUP} do`);
    return pre;
  }
  warnings.push(`left the ${k} loss${k === 1 ? '' : 'es'} logged before step ${end} out of the forecast's fit: the learning rate's warmup (${stated !== undefined ? 'the schedule' : 'the logged LR'}'s), where the loss follows the rising LR`);
  return { steps: pre.steps.slice(k), loss: pre.loss.slice(k) };
}
