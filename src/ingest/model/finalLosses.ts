// The final losses of finished runs of several sizes and lengths are a sweep table: one (N, D, L)
// row per run, L read where its schedule ended, which is what the Chinchilla surface is fitted to
// (Hoffmann et al.'s third approach). A run counts as finished only when it states its planned
// length (its config's schedule, or max_steps) and its log reached it: a loss read mid-schedule is
// above what the run ends at. Pure.
import type { RunData, SeriesData, SourceData } from './model';
import { yKeysOf } from './columns';
import { plannedStepsOf } from './plannedSteps';
import { scheduleOfConfig } from './configSchedule';
import { FAMILY_META, lossMedian, sizedFamilies } from './sizeSweep';

const FINAL_META = 'final_losses_of';
/** A surface has five parameters: fewer runs than this do not pin it. */
const MIN_RUNS = 6;
/** A log that stops this close to its planned end has finished (the last logging step may fall short). */
const REACHED = 0.99;
/** The final loss is the median over the last 1% of the run (per-step losses are noisy). */
const TAIL = 0.01;

interface FinishedRun {
  readonly run: RunData;
  readonly size: number;
  readonly tokens: number;
  readonly loss: number;
}

export interface FinalLosses {
  /** The sweep table, one run per family: series `key` with x params (N) and tokens (D). */
  readonly runs: RunData[];
  /** Runs of a size not counted, and why, for the user (unfinished, no planned length, no tokens). */
  readonly skipped: { readonly run: string; readonly why: string }[];
}

/** Whether a run is a table of finished runs' final losses, built here. */
export function isFinalLosses(run: RunData): boolean {
  return run.meta?.[FINAL_META] !== undefined;
}

function plannedEnd(run: RunData): number | undefined {
  const stated = scheduleOfConfig(run.meta, plannedStepsOf(run));
  return stated?.ok ? stated.spec.total : plannedStepsOf(run);
}

/** The run's finished (tokens, loss) for series `s`, or why there is none. */
function finalOf(run: RunData, s: SeriesData): { tokens: number; loss: number } | string {
  const steps = s.x.step;
  const tokens = s.x.tokens;
  if (!steps) return 'no step axis';
  if (!tokens) return 'no tokens axis (D)';
  const end = plannedEnd(run);
  if (end === undefined) return 'no planned length (max_steps, or a schedule in its config): whether it finished is not known';
  let last = -1;
  for (let i = 0; i < s.y.length; i++) if (s.y[i]! > 0 && Number.isFinite(s.y[i]!) && Number.isFinite(steps[i]!) && (last < 0 || steps[i]! >= steps[last]!)) last = i;
  if (last < 0) return 'no loss logged';
  if (steps[last]! < REACHED * end) return `unfinished (step ${steps[last]} of ${end})`;
  const from = steps[last]! * (1 - TAIL);
  const tail: number[] = [];
  for (let i = 0; i < s.y.length; i++) if (steps[i]! >= from && s.y[i]! > 0 && Number.isFinite(s.y[i]!)) tail.push(s.y[i]!);
  const loss = lossMedian(tail);
  const d = tokens[last]!;
  return d > 0 && Number.isFinite(d) ? { tokens: d, loss } : 'no token count at its last point';
}

/** Per family of sized runs (names or configs state the sizes), the table of its finished runs' final losses. */
export function finalLosses(source: SourceData): FinalLosses {
  const runs: RunData[] = [];
  const skipped: { run: string; why: string }[] = [];
  const keys = yKeysOf(source);
  for (const { label, sized } of sizedFamilies(source)) {
    // the most loss-like key the family's runs share (a validation loss first)
    const key = keys.find((k) => sized.filter(({ run }) => run.series.some((s) => s.key === k && s.split !== 'other')).length >= MIN_RUNS);
    if (key === undefined) continue;
    const done: FinishedRun[] = [];
    for (const { run, size } of sized) {
      const s = run.series.find((v) => v.key === key && v.split !== 'other');
      const f = s ? finalOf(run, s) : `no "${key}"`;
      if (typeof f === 'string') skipped.push({ run: run.name, why: f });
      else done.push({ run, size, ...f });
    }
    if (done.length < MIN_RUNS || new Set(done.map((d) => d.size)).size < 2 || new Set(done.map((d) => d.tokens)).size < 2) continue;
    const series: SeriesData = {
      key,
      split: done[0]!.run.series.find((v) => v.key === key)!.split,
      x: { params: Float64Array.from(done, (d) => d.size), tokens: Float64Array.from(done, (d) => d.tokens) },
      y: Float64Array.from(done, (d) => d.loss),
    };
    runs.push({ name: `final losses (${label})`, origin: done[0]!.run.origin, format: 'sweep', series: [series], meta: { [FINAL_META]: done.length, [FAMILY_META]: label } });
  }
  return { runs, skipped };
}
