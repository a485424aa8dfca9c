// The learning rate of one run as the laws need it: a logged η series (sparse, every k steps),
// a schedule spec for the steps not logged yet, or both — validated with one-line messages and
// turned into a piecewise-linear LR grid whose knots include every step the law is evaluated at.
import { ScalingLensError } from '../types';
import { maxOf } from '../arrayStats';
import { gridFromKnots, type LrGrid } from './grid';
import type { Schedule } from './schedule';
import { skippedPointsText } from './skippedPoints';

export interface LrLog {
  readonly steps: ArrayLike<number>;
  readonly lr: ArrayLike<number>;
}

export interface CleanLr {
  readonly steps: number[];
  readonly lr: number[];
  readonly warnings: string[];
}

/** Relative change below which two logged η count as equal (flat stretches). */
const FLAT = 1e-9;
/** A change bigger than this between two flat stretches is a step change, not a ramp. */
const JUMP = 0.05;
/** Widest gap between knots where η comes from a curved schedule. */
const FILL = 128;

/**
 * Checks a logged LR series: NaN points are dropped (with a warning); η ≤ 0 after step 0, a step
 * going back (a restarted run) or a repeated step with another η are errors.
 */
export function cleanLrLog(log: LrLog, what = 'the log'): CleanLr {
  const steps: number[] = [];
  const lr: number[] = [];
  let dropped = 0;
  for (let i = 0; i < log.steps.length; i++) {
    const s = log.steps[i];
    const v = log.lr[i];
    if (!Number.isFinite(s) || !Number.isFinite(v)) {
      dropped++;
      continue;
    }
    if (v <= 0 && s > 0) throw new ScalingLensError('bad-argument', `${what}: learning rate ${v} at step ${s}; the schedule-aware laws need η > 0 after step 0`);
    if (v < 0) throw new ScalingLensError('bad-argument', `${what}: learning rate ${v} at step ${s} is negative`);
    const prev = steps.length > 0 ? steps[steps.length - 1] : -Infinity;
    if (s < prev) throw new ScalingLensError('bad-argument', `${what}: step goes back from ${prev} to ${s} (a restarted or resumed run?); give the part after the restart, or one run per file`);
    if (s === prev) {
      if (Math.abs(lr[lr.length - 1] - v) > FLAT * v) throw new ScalingLensError('bad-argument', `${what}: step ${s} is logged twice with different learning rates (${lr[lr.length - 1]}, ${v})`);
      continue;
    }
    if (!Number.isInteger(s) || s < 0) throw new ScalingLensError('bad-argument', `${what}: step ${s} is not a whole number ≥ 0`);
    steps.push(s);
    lr.push(v);
  }
  const warnings: string[] = [];
  if (dropped > 0) warnings.push(`${what}: ${skippedPointsText(dropped, 'learning-rate')}`);
  if (steps.length < 2) throw new ScalingLensError('bad-argument', `${what}: fewer than two usable learning-rate points`);
  return { steps, lr, warnings };
}

const flat = (a: number, b: number): boolean => Math.abs(a - b) <= FLAT * Math.max(a, b);

/**
 * Knots of a logged series: a linear warmup from (0, 0) is assumed before the first logged step
 * (when the schedule is not known), and a change between two flat stretches is placed as a step
 * change just before the logged point (two-stage schedules), not spread over the logging gap.
 */
function logKnots(c: CleanLr): { steps: number[]; lr: number[] } {
  const steps: number[] = [];
  const lr: number[] = [];
  const n = c.steps.length;
  for (let i = 0; i < n; i++) {
    if (i >= 2 && i + 1 < n && c.steps[i] - c.steps[i - 1] > 1) {
      const before = c.lr[i - 1];
      const after = c.lr[i];
      const jump = Math.abs(after - before) > JUMP * Math.max(after, before);
      if (jump && flat(c.lr[i - 2], before) && flat(after, c.lr[i + 1])) {
        steps.push(c.steps[i] - 1);
        lr.push(before);
      }
    }
    steps.push(c.steps[i]);
    lr.push(c.lr[i]);
  }
  return { steps, lr };
}

export interface RunLrRequest {
  /** Steps the law will be evaluated at (logged loss steps, forecast steps): they become knots. */
  readonly evalSteps: readonly number[];
  readonly log?: CleanLr;
  /** The schedule: before the first and after the last logged step (and the whole run without a log). */
  readonly schedule?: Schedule;
}

export interface RunLr {
  readonly grid: LrGrid;
  readonly warnings: string[];
  /** Last step η is known for (the schedule's total, or the last logged LR step). */
  readonly lastStep: number;
}

export function runLr(req: RunLrRequest): RunLr {
  const { log, schedule } = req;
  if (!log && !schedule) throw new ScalingLensError('bad-argument', 'no learning rate: the run logs none and no schedule was given');
  const warnings: string[] = [...(log?.warnings ?? [])];
  const knots = new Map<number, number>();
  let first = 0;
  let last = 0;
  if (log) {
    const k = logKnots(log);
    first = k.steps[0];
    last = k.steps[k.steps.length - 1];
    k.steps.forEach((s, i) => knots.set(s, k.lr[i]));
  }
  const logFirst = first;
  const logLast = last;
  const fromSch = (x: number): boolean => !log || x < logFirst || x > logLast;
  if (schedule) {
    if (log && last > schedule.total) throw new ScalingLensError('bad-argument', `the logged learning rate runs to step ${last}, past the end of the schedule (${schedule.total}): give the schedule's real total`);
    for (const b of [...schedule.breakpoints, schedule.total]) if (fromSch(b)) knots.set(b, schedule.lrAt(b));
    last = schedule.total;
  } else if (!knots.has(0)) knots.set(0, 0);
  const maxEval = maxOf(req.evalSteps);
  if (maxEval > last) {
    throw new ScalingLensError(
      'bad-argument',
      schedule ? `step ${maxEval} is past the end of the schedule (${last}): the run is longer than the schedule says` : `step ${maxEval} is past the last logged learning rate (${last}): give a schedule for the rest of the run`,
    );
  }
  // every evaluation step a knot, η there interpolated between its neighbours
  const sorted = [...knots.entries()].sort((a, b) => a[0] - b[0]);
  const ks = sorted.map((e) => e[0]);
  const vs = sorted.map((e) => e[1]);
  const extra: [number, number][] = [];
  let j = 0;
  for (const s of [...req.evalSteps].sort((a, b) => a - b)) {
    if (knots.has(s)) continue;
    while (j + 1 < ks.length && ks[j + 1] < s) j++;
    // past the logged LR, η is the schedule's own (a cosine or an exp cooldown), not a straight
    // line between its breakpoints
    const v = schedule && (!log || s > logLast) ? schedule.lrAt(s) : vs[j] + ((vs[j + 1] - vs[j]) * (s - ks[j])) / (ks[j + 1] - ks[j]);
    extra.push([s, v]);
  }
  for (const [s, v] of extra) knots.set(s, v);
  let all = [...knots.entries()].sort((a, b) => a[0] - b[0]);
  if (schedule?.curved) {
    // where η comes from a curved schedule, no gap wider than FILL steps (linear between knots)
    const fill: [number, number][] = [];
    for (let i = 0; i + 1 < all.length; i++) {
      const a = all[i][0];
      const gap = all[i + 1][0] - a;
      if (gap <= FILL || !fromSch(a + gap / 2)) continue;
      const parts = Math.ceil(gap / FILL);
      for (let k = 1; k < parts; k++) {
        const x = a + Math.round((k * gap) / parts);
        fill.push([x, schedule.lrAt(x)]);
      }
    }
    all = [...all, ...fill].sort((a, b) => a[0] - b[0]);
  }
  return { grid: gridFromKnots(all.map((e) => e[0]), all.map((e) => e[1])), warnings, lastStep: last };
}

export interface LrDisagreement {
  readonly points: number;
  readonly disagreeing: number;
  readonly worstStep: number;
  /** Largest |logged − spec| / spec. */
  readonly worstRel: number;
  /** One line for the user, or undefined when the log and the schedule agree. */
  readonly message?: string;
}

/** A learning rate as people write it (3e-5, not 0.000029999999999999997). */
const lrText = (v: number): string => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(3).replace(/\.?0+e/, 'e') : Number(v.toPrecision(4)).toString());

/** Logged LR against a schedule: where they differ by more than `tol` relative, say so. */
export function compareLrWithSchedule(log: CleanLr, schedule: Schedule, tol = 0.01): LrDisagreement {
  let disagreeing = 0;
  let worstRel = 0;
  let worstStep = NaN;
  // where the schedule is 0 (a warmup's first step) any logged LR is off by no percentage: such a
  // point is named only when it is the only kind of disagreement
  let atZero = NaN;
  let points = 0;
  for (let i = 0; i < log.steps.length; i++) {
    const s = log.steps[i];
    if (s > schedule.total) continue;
    points++;
    const want = schedule.lrAt(s);
    if (want <= 0) {
      if (log.lr[i] !== want) {
        disagreeing++;
        if (Number.isNaN(atZero)) atZero = s;
      }
      continue;
    }
    const rel = Math.abs(log.lr[i] - want) / want;
    if (rel > tol) disagreeing++;
    if (rel > worstRel) {
      worstRel = rel;
      worstStep = s;
    }
  }
  const shown = worstRel > tol ? worstStep : atZero;
  const at = (step: number): string => `at step ${step}: logged ${lrText(log.lr[log.steps.indexOf(step)])}, schedule ${lrText(schedule.lrAt(step))}`;
  const message =
    disagreeing > 0
      ? `the logged learning rate disagrees with the schedule at ${disagreeing} of ${points} points (${shown === worstStep ? `up to ${(100 * worstRel).toFixed(1)}% ` : ''}${at(shown)})`
      : undefined;
  return { points, disagreeing, worstStep, worstRel, message };
}
