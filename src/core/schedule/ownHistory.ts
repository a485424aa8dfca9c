// How far the schedule-aware forecast can be trusted, on the run's own log: the same forecast
// (same schedule, same prior, no bootstrap) from an earlier cut of the log, scored on the last
// logged loss. The cut is chosen so the rehearsal reaches as far as the forecast is asked to
// (the same ratio of steps: last → planned end, cut → last); when the log is too short for that,
// the earliest cut the forecast can fit from, and when even that rehearses under half the asked
// distance (in log steps), no number: a short rehearsal is no stand-in for a long forecast.
import { ScalingLensError } from '../types';
import { MIN_AFTER_WARMUP } from '../warmup';
import { medianInPlace } from '../arrayStats';
import { factorText } from '../units';
import { cleanPrefix, fitWarmupEnd, forecastRun, type ForecastRequest } from './forecast';
import { decayUnrehearsed } from './decay';
import { gridFromSchedule, type LrGrid } from './grid';
import { cleanLrLog, runLr, type CleanLr } from './lrSeries';
import type { Schedule } from './schedule';
import { hasEnded, stepText, type OwnHistoryFacts } from './ownHistoryText';

/**
 * The back-test: from step `fromStep` to `toStep` (a `reach`× reach; `askedReach`× is the planned
 * end over the last logged step) it missed the logged loss by `missedBy` (forecast / logged − 1,
 * positive: too high); `shorter` when the log allows no longer reach than `reach` (at least
 * √askedReach); `beforeDecay` when a decay is ahead and the rehearsal crossed under REHEARSED_DECAY of
 * it (`decaySeen`, the share it crossed; decay.ts): that decay's error is mostly not in `missedBy`;
 * `why` when there is no number.
 */
export type OwnHistory = OwnHistoryFacts;

/**
 * The "last logged loss" is the median of the losses logged in the last 1% of the steps, scored at
 * the last logged step (one a user finds in the log): one loss of a per-step log is mostly noise. A
 * fixed share, not tuned.
 */
export const TRUTH_SHARE = 0.01;

/** The schedule cut at `end`: η as before, the run planned to end there. */
function endingAt(s: Schedule, end: number): Schedule {
  return { ...s, total: end, breakpoints: [...s.breakpoints.filter((b) => b < end), end] };
}

/**
 * The back-test of `req`'s forecast on its own log; undefined when there is nothing to forecast
 * (no schedule, whose end the forecast runs to, or a log within ENDED_WITHIN of its end or past it).
 */
export function ownHistory(req: ForecastRequest): OwnHistory | undefined {
  const schedule = req.schedule;
  if (!schedule) return undefined;
  let pre: { steps: number[]; loss: number[] };
  try {
    pre = cleanPrefix(req.steps, req.loss);
  } catch (err) {
    if (err instanceof ScalingLensError) return undefined;
    throw err;
  }
  const n = pre.steps.length;
  const last = pre.steps[n - 1]!;
  const end = schedule.total;
  if (hasEnded(last, end)) return undefined;
  const askedReach = end / last;
  // the "truth": the median of the losses logged in the last TRUTH_SHARE of the steps (a sparse
  // log has a few there, and one spike among them is not where the run is), at the last step: their
  // own mean step is at most TRUTH_SHARE / 2 of the steps before it (scored at that mean step, the
  // rehearsals of bench scheduleOwnHistory missed by 0.07% or less otherwise, cut included)
  let first = n - 1;
  while (first > 0 && pre.steps[first - 1]! >= last * (1 - TRUTH_SHARE)) first--;
  const toStep = last;
  const truth = medianInPlace(Float64Array.from(pre.loss.slice(first)));
  // the earliest cut the forecast fits without its warmup: MIN_AFTER_WARMUP losses past it
  const log = req.lr ? safeLog(req.lr) : undefined;
  const warm = req.keepWarmup ? undefined : fitWarmupEnd(schedule, log);
  const fitFrom = warm === undefined ? 0 : pre.steps.findIndex((s) => s >= warm);
  const kMin = (fitFrom < 0 ? n : fitFrom) + MIN_AFTER_WARMUP;
  if (kMin > first) return { askedReach, why: `too short a log: the forecast needs ${MIN_AFTER_WARMUP} logged losses${warm !== undefined ? ` after the warmup (step ${stepText(warm)})` : ''} before the last ones to rehearse on` };
  // the cut at the same ratio of steps, else the earliest one the log allows
  const wanted = toStep / askedReach;
  let k = 0;
  while (k < first && pre.steps[k]! <= wanted) k++;
  const shorter = k < kMin;
  if (shorter) k = kMin;
  const fromStep = pre.steps[k - 1]!;
  const reach = toStep / fromStep;
  if (shorter && reach * reach < askedReach) {
    return { askedReach, why: `the log rehearses at most a ${factorText(reach)} reach, from step ${stepText(fromStep)}, the earliest cut the forecast fits from: under half the ${factorText(askedReach)} asked, in log steps` };
  }
  let y: number;
  try {
    const fc = forecastRun({
      steps: pre.steps.slice(0, k),
      loss: pre.loss.slice(0, k),
      // the LR logged up to the cut: what the forecast would have known then
      ...(log ? { lr: cutLog(log, fromStep) } : {}),
      schedule: endingAt(schedule, toStep),
      ...(req.prior ? { prior: req.prior } : {}),
      ...(req.annealingGain !== undefined ? { annealingGain: req.annealingGain } : {}),
      ...(req.keepWarmup ? { keepWarmup: true } : {}),
      bootstrap: 0,
      seed: 1,
      maxCurvePoints: 8,
    });
    y = fc.final.y;
  } catch (err) {
    if (!(err instanceof ScalingLensError)) throw err;
    return { askedReach, fromStep, toStep, reach, why: `the forecast from step ${stepText(fromStep)} failed (${err.message})` };
  }
  // η as the forecast sees it: logged to the last step, the schedule's after
  const seen = decayUnrehearsed(lrGrid(schedule, log, [fromStep, toStep, last]), fromStep, toStep, last);
  return { askedReach, fromStep, toStep, reach, missedBy: y / truth - 1, ...(shorter ? { shorter: true } : {}), ...(seen !== undefined ? { beforeDecay: true, decaySeen: seen } : {}) };
}

/** η of the logged LR and the schedule after it, as the forecast's own grid; the schedule's alone when the two cannot be joined (a log past its end: the forecast fails there too). */
function lrGrid(schedule: Schedule, log: CleanLr | undefined, steps: number[]): LrGrid {
  try {
    return runLr({ evalSteps: steps, ...(log ? { log } : {}), schedule }).grid;
  } catch (err) {
    if (err instanceof ScalingLensError) return gridFromSchedule(schedule, steps);
    throw err;
  }
}

function safeLog(lr: NonNullable<ForecastRequest['lr']>): CleanLr | undefined {
  try {
    return cleanLrLog(lr);
  } catch (err) {
    if (err instanceof ScalingLensError) return undefined;
    throw err;
  }
}

function cutLog(log: { steps: number[]; lr: number[] }, upTo: number): { steps: number[]; lr: number[] } {
  let k = 0;
  while (k < log.steps.length && log.steps[k]! <= upTo) k++;
  // the laws need two LR points at least: keep the first two when the cut has fewer
  k = Math.max(k, Math.min(2, log.steps.length));
  return { steps: log.steps.slice(0, k), lr: log.lr.slice(0, k) };
}
