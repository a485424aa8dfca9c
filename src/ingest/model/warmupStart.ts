// Where a training log's fit starts: the end of its learning-rate warmup (core/warmup.ts), read off
// the run's logged LR and placed on the curve's x axis (steps, or the tokens, samples, epochs … the
// loss series logged at that step). Shared by the panel and the CLI so both fit the same points.
import { warmupEnd } from '../../core/warmup';
import type { RunData, SeriesData, XKind } from './model';
import { findLrSeries } from './runSeries';

/** The x from which `series` is fitted, or undefined: no LR logged beside it, or no warmup in it. */
export function warmupFitFrom(run: RunData, series: SeriesData, xKind: XKind): number | undefined {
  const lr = findLrSeries(run);
  if (!lr || lr === series || !lr.x.step) return undefined;
  const end = warmupEnd(lr.x.step, lr.y);
  if (end === undefined) return undefined;
  if (xKind === 'step') return end;
  const steps = series.x.step;
  const xs = series.x[xKind];
  if (!steps || !xs) return undefined;
  // the loss's own x at the first of its steps past the warmup (logs are in step order)
  for (let i = 0; i < steps.length; i++) if (steps[i]! >= end && Number.isFinite(xs[i])) return xs[i];
  return undefined;
}
