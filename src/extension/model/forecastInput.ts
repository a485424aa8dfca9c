// What the forecast of one selected curve needs from its source: the curve's loss on the step
// axis, the run's logged learning rate (found by key like the CLI does) and its time axis for an
// ETA in wall time. Copies (the worker takes the arrays; the session keeps its own). Pure.
import type { SourceData, XKind } from '../../ingest/model/model';
import { findLrSeries } from '../../ingest/model/runSeries';
import type { CurveRef } from './curves';
import { plannedStepsOf } from '../../ingest/model/plannedSteps';
import { scheduleOfConfig, type ConfigSchedule } from '../../ingest/model/configSchedule';

export interface ForecastInput {
  readonly curveId: string;
  readonly curveLabel: string;
  readonly steps: Float64Array;
  readonly loss: Float64Array;
  readonly lr?: { readonly key: string; readonly steps: Float64Array; readonly lr: Float64Array };
  /** Seconds per step over the recent part of the log, when the curve has a time axis. */
  readonly secondsPerStep?: number;
  /** Last logged step (with a finite loss). */
  readonly lastStep: number;
  /** The loss logged there. */
  readonly lastLoss: number;
  /** The run's planned length in steps, when the log records it (Hugging Face's max_steps). */
  readonly plannedSteps?: number;
  /** The schedule the run's config states in full (HF TrainingArguments, nanoGPT), when it does. */
  readonly configSchedule?: ConfigSchedule;
  /** Changes when any value changes (a rewritten log, not only a grown one): keys the forecast. */
  readonly signature: string;
  /** Chart x of a step on the chart's x axis (identity on steps; tokens ≈ steps × tokens/step). */
  readonly xOf?: (step: number) => number;
}

/** A cheap order-sensitive checksum of the arrays. */
function checksum(...arrays: (Float64Array | undefined)[]): string {
  let a = 0;
  let b = 0;
  for (const arr of arrays) {
    if (!arr) continue;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i]!;
      if (!Number.isFinite(v)) continue;
      a += v;
      b += v * ((i % 13) + 1);
    }
  }
  return `${a}:${b}`;
}

/** Seconds per step over the last `window` points with both a step and a time. */
function rate(steps: Float64Array, time: Float64Array, window = 50): number | undefined {
  let last = -1;
  for (let i = steps.length - 1; i >= 0; i--) if (Number.isFinite(steps[i]) && Number.isFinite(time[i])) ((last = i), (i = -1));
  if (last < 0) return undefined;
  for (let i = Math.max(0, last - window); i < last; i++) {
    const ds = steps[last]! - steps[i]!;
    const dt = time[last]! - time[i]!;
    if (Number.isFinite(ds) && Number.isFinite(dt) && ds > 0 && dt > 0) return dt / ds;
  }
  return undefined;
}

/** The chart's x of a step: per-step x kinds (tokens, samples, FLOPs) scale with the step. */
function xMapping(x: Partial<Record<XKind, Float64Array>>, kind: XKind, steps: Float64Array): ((s: number) => number) | undefined {
  if (kind === 'step') return (s) => s;
  if (kind !== 'tokens' && kind !== 'samples' && kind !== 'flops') return undefined;
  const xs = x[kind];
  if (!xs) return undefined;
  for (let i = steps.length - 1; i >= 0; i--) {
    if (steps[i]! > 0 && xs[i]! > 0 && Number.isFinite(xs[i])) {
      const per = xs[i]! / steps[i]!;
      return (s) => s * per;
    }
  }
  return undefined;
}

/** The forecast input of `ref`, or undefined when its series has no step axis. */
export function forecastInputOf(source: SourceData, ref: CurveRef, xKind: XKind): ForecastInput | undefined {
  const run = source.runs[ref.runIndex];
  const series = run?.series.find((s) => s.key === ref.key);
  const stepAxis = series?.x.step;
  if (!run || !series || !stepAxis) return undefined;
  const steps = Float64Array.from(stepAxis);
  const loss = Float64Array.from(series.y);
  let lastStep = NaN;
  let lastLoss = NaN;
  for (let i = steps.length - 1; i >= 0; i--) if (Number.isFinite(steps[i]) && Number.isFinite(loss[i])) ((lastStep = steps[i]!), (lastLoss = loss[i]!), (i = -1));
  const lrS = findLrSeries(run);
  const lr = lrS && lrS !== series && lrS.x.step ? { key: lrS.key, steps: Float64Array.from(lrS.x.step), lr: Float64Array.from(lrS.y) } : undefined;
  const sps = series.x.time ? rate(steps, series.x.time) : undefined;
  const xOf = xMapping(series.x, xKind, steps);
  const planned = plannedStepsOf(run);
  const configSchedule = scheduleOfConfig(run.meta, planned);
  return {
    curveId: ref.id,
    curveLabel: ref.label,
    steps,
    loss,
    lastStep,
    lastLoss,
    signature: `${steps.length}:${lr?.steps.length ?? 0}:${checksum(steps, loss, lr?.steps, lr?.lr)}`,
    ...(lr ? { lr } : {}),
    ...(sps !== undefined ? { secondsPerStep: sps } : {}),
    ...(xOf ? { xOf } : {}),
    ...(planned !== undefined ? { plannedSteps: planned } : {}),
    ...(configSchedule ? { configSchedule } : {}),
  };
}
