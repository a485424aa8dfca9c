// Where a training log's fit starts: the end of its learning-rate warmup (core/warmup.ts), read off
// the run's logged LR, or, when no LR is logged, taken from the warmup its config states; placed on
// the curve's x axis (steps, or the tokens, samples, epochs … the loss series logged at that step).
// Shared by the panel and the CLI so both fit the same points.
import { warmupEnd } from '../../core/warmup';
import { warmupOfConfig } from './configWarmup';
import type { RunData, SeriesData, XKind } from './model';
import { findLrSeries } from './runSeries';

export interface WarmupStart {
  /** The x from which the series is fitted. */
  readonly at: number;
  /** Where the warmup's end was read, in words ("the logged LR", "warmup_iters 2000 in the run's config"). */
  readonly from: string;
}

/**
 * Where `series` is fitted from, or undefined: no warmup logged or stated, or no x of the series at
 * its end. A logged LR is the run as it went: when one is logged, a config's warmup is not
 * consulted (a log that starts past its warmup shows none, rightly).
 */
export function warmupStartOf(run: RunData, series: SeriesData, xKind: XKind): WarmupStart | undefined {
  const lr = findLrSeries(run);
  if (lr === series) return undefined;
  let end: number | undefined;
  let from: string;
  if (lr) {
    end = lr.x.step ? warmupEnd(lr.x.step, lr.y) : undefined;
    from = `the logged learning rate ("${lr.key}")`;
  } else {
    const stated = warmupOfConfig(run);
    end = stated?.steps;
    from = stated?.from ?? '';
  }
  if (end === undefined) return undefined;
  if (xKind === 'step') return { at: end, from };
  const steps = series.x.step;
  const xs = series.x[xKind];
  if (!steps || !xs) return undefined;
  // the loss's own x at the first of its steps past the warmup (logs are in step order)
  for (let i = 0; i < steps.length; i++) if (steps[i]! >= end && Number.isFinite(xs[i])) return { at: xs[i]!, from };
  return undefined;
}
