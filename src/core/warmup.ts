// Where a logged learning-rate warmup ends. While the LR ramps up the loss follows the ramp, not a
// law of the data, and a per-step log spends most of its log-x range there (the first 2,000 of
// 70,000 steps are 70% of it): fitted with the rest, those points bend every law. So a training
// log's laws are fitted from the end of its warmup, where its logged LR first reaches its peak.
import type { Point } from './analysis';
import { formatAmount } from './units';

/** η within this share of the peak counts as at the peak (here and in core/schedule/infer.ts). */
export const AT_PEAK = 5e-3;
/** A warmup starts below this fraction of the peak: a log that starts near its peak shows none. */
const WARMUP_START = 0.5;
/** Fewest points the fit keeps after the warmup; with fewer, the warmup stays in the fit. */
export const MIN_AFTER_WARMUP = 10;

/**
 * The first step at which the logged LR reaches its peak, when the log shows a warmup to it (its
 * first LR below half the peak) and goes on past it; undefined otherwise (no warmup logged, or the
 * LR still rising at its last point). Steps in log order, as the run logged them.
 */
export function warmupEnd(steps: ArrayLike<number>, lr: ArrayLike<number>): number | undefined {
  let peak = 0;
  let first = NaN;
  let last = -1;
  for (let i = 0; i < lr.length; i++) {
    const v = lr[i]!;
    if (!Number.isFinite(v) || !Number.isFinite(steps[i])) continue;
    if (Number.isNaN(first)) first = v;
    if (v > peak) peak = v;
    last = i;
  }
  if (!(peak > 0) || !(first < WARMUP_START * peak)) return undefined;
  for (let i = 0; i < last; i++) if (Number.isFinite(steps[i]) && lr[i]! >= peak * (1 - AT_PEAK)) return steps[i]!;
  return undefined;
}

/**
 * The fit points from `fitFrom` on, and those before it (the warmup), with what was done in words.
 * Left as they are when nothing precedes `fitFrom`, or when fewer than MIN_AFTER_WARMUP would remain.
 * `source` says where the warmup's end was read (the logged LR, the run's config), for the warning.
 */
export function leaveOutWarmup(points: readonly Point[], fitFrom: number | undefined, source?: string): { fit: readonly Point[]; warmup: readonly Point[]; warning?: string } {
  if (fitFrom === undefined || !Number.isFinite(fitFrom)) return { fit: points, warmup: [] };
  const at = `x = ${formatAmount(fitFrom)}`;
  const fit: Point[] = [];
  const warmup: Point[] = [];
  for (const p of points) (p.x < fitFrom ? warmup : fit).push(p);
  if (warmup.length === 0) return { fit: points, warmup: [] };
  if (fit.length < MIN_AFTER_WARMUP) {
    return { fit: points, warmup: [], warning: `the learning rate's warmup ends at ${at}, but only ${fit.length} fit point${fit.length === 1 ? '' : 's'} follow${fit.length === 1 ? 's' : ''} it: the warmup stays in the fit until ${MIN_AFTER_WARMUP} do` };
  }
  const read = source ? `, read from ${source},` : '';
  return { fit, warmup, warning: `left the ${warmup.length} point${warmup.length === 1 ? '' : 's'} before ${at} out of the fit: the learning rate's warmup${read} where the loss follows the rising LR rather than a law of the data` };
}
