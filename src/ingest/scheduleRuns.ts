// Runs for the schedule-aware laws, from any log format ingest reads: per run the step axis, a
// loss series and (when logged) the learning rate — Lightning `lr-*`, HF / TensorBoard / Keras
// `learning_rate`, nanoGPT / torchtitan / CSV `lr`, `train/lr` … — chosen like the loss key.
// Shared by the CLI (schedule fit/predict, forecast) and the extension (sibling runs as a prior);
// errors are one-line ScalingLensErrors, worded by the caller's way of naming a column.
import { sep } from 'node:path';
import { cleanLrLog, parseScheduleFit, type CleanLr, type ScheduleFit, type ScheduleRun } from '../core/schedule/index';
import { ScalingLensError } from '../core/types';
import type { IngestWarning, RunData, SeriesData, XKind } from './model/model';
import { readSource } from './files/read';
import { readFailure, readTextFile } from './files/fileKind';
import { findLossSeries, findLrSeries, seriesByKey } from './model/runSeries';
import { plannedStepsOf } from './model/plannedSteps';
import { scheduleOfConfig, type ConfigSchedule } from './model/configSchedule';
import { notFiniteTailOf, type NotFiniteTail } from './model/divergedTail';
import { skippedPointsText } from '../core/schedule/skippedPoints';

export interface LoadedRun {
  readonly file: string;
  readonly name: string;
  /** The file or folder the run was read from (a folder of runs holds several). */
  readonly origin: string;
  readonly steps: number[];
  /** Loss at `steps`; empty when the run has no loss series (predict only needs the LR). */
  readonly loss: number[];
  readonly lossKey?: string;
  readonly lr?: CleanLr;
  readonly lrKey?: string;
  /** The planned length in steps, when the log records it (Hugging Face's max_steps). */
  readonly plannedSteps?: number;
  /** The schedule the run's config states (or why it cannot be used), when it names one. */
  readonly configSchedule?: ConfigSchedule;
  /** The loss points that end the log NaN or infinite (left out of `loss`; fromX is a step): a
   *  run that diverged ends with them. Absent when the log ends on a number. */
  readonly notFiniteTail?: NotFiniteTail;
  readonly warnings: string[];
}

export interface ColumnChoice {
  readonly step?: string;
  readonly lr?: string;
  readonly y?: string;
}

export interface LoadOptions {
  /** How the caller names a column choice in messages ("--y" on the command line); none: no hint. */
  readonly flagOf?: (column: 'step' | 'lr' | 'y') => string;
  /** A run may lack a loss (predict scores nothing then); otherwise such a run is an error. */
  readonly lossOptional?: boolean;
  /** Called with the one-line reason a run cannot be used; that run is left out instead of failing the whole read. */
  readonly onSkip?: (message: string) => void;
}

const lower = (s: string): string => s.trim().toLowerCase();

function bad(message: string): ScalingLensError {
  return new ScalingLensError('bad-argument', message);
}

const byKey = seriesByKey;

export { findLossSeries, findLrSeries };

/** (step, value) pairs of a series on the step axis, or on a named step column of a table. */
function stepped(run: RunData, s: SeriesData, stepCol: string | undefined, file: string, flag: (c: 'step') => string): { steps: number[]; ys: number[] } {
  let xs = s.x.step;
  // an x axis of the series by its kind (Keras logs by epoch: --step epoch), else a column of the table
  const axis = stepCol !== undefined ? s.x[lower(stepCol) as XKind] : undefined;
  if (axis) xs = axis;
  else if (stepCol !== undefined && lower(stepCol) !== 'step') {
    const col = byKey(run, stepCol);
    if (!col) throw bad(`${file} has no column "${stepCol}" for ${flag('step')}; it has: ${run.series.map((q) => q.key).join(', ')}`);
    if (col.y.length !== s.y.length) throw bad(`${file}: ${flag('step')} ${stepCol} and "${s.key}" are not logged together (different lengths)`);
    xs = col.y;
  }
  if (!xs) {
    const epochs = s.x.epoch && flag('step') ? `, or count the schedule in epochs with ${flag('step')} epoch` : '';
    throw bad(`"${s.key}" in ${file} has no step axis (it has ${Object.keys(s.x).join(', ') || 'none'}); name the step column${flag('step') ? ` with ${flag('step')}` : ''}${epochs}`);
  }
  const steps: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < s.y.length; i++) {
    steps.push(xs[i]);
    ys.push(s.y[i]);
  }
  return { steps, ys };
}

function oneRun(run: RunData, name: string, path: string, srcWarnings: readonly IngestWarning[], cols: ColumnChoice, opts: LoadOptions): LoadedRun {
  const flag = opts.flagOf ?? (() => '');
  const nameIt = (c: 'step' | 'lr' | 'y'): string => (opts.flagOf ? `name it with ${opts.flagOf(c)}` : 'name its column');
  const keys = run.series.map((s) => s.key).join(', ');
  const warnings = srcWarnings.slice(0, 3).map((w) => `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
  const lossS = cols.y !== undefined ? byKey(run, cols.y) : findLossSeries(run);
  if (cols.y !== undefined && !lossS) throw bad(`${name} has no series "${cols.y}"; series are: ${keys}`);
  if (!lossS && !opts.lossOptional) throw bad(`${name} has no loss-like series; ${nameIt('y')} (series are: ${keys})`);
  const lrS = cols.lr !== undefined ? byKey(run, cols.lr) : findLrSeries(run);
  if (cols.lr !== undefined && !lrS) throw bad(`${name} has no series "${cols.lr}" for ${flag('lr')}; series are: ${keys}`);
  let steps: number[] = [];
  const loss: number[] = [];
  let notFiniteTail: LoadedRun['notFiniteTail'];
  if (lossS) {
    const p = stepped(run, lossS, cols.step, name, flag);
    for (let i = 0; i < p.steps.length; i++) {
      if (Number.isFinite(p.steps[i]) && Number.isFinite(p.ys[i])) {
        steps.push(p.steps[i]);
        loss.push(p.ys[i]);
      }
    }
    notFiniteTail = notFiniteTailOf(p.steps, p.ys);
    const dropped = p.steps.length - steps.length;
    if (dropped > 0) warnings.push(`${name}: ${skippedPointsText(dropped, 'loss')}`);
  }
  let lr: CleanLr | undefined;
  if (lrS) {
    const p = stepped(run, lrS, cols.step, name, flag);
    lr = cleanLrLog({ steps: p.steps, lr: p.ys }, `${name} (${lrS.key})`);
    if (!lossS) steps = [...lr.steps];
  }
  if (!lossS && !lrS) throw bad(`${name} has neither a loss nor a learning-rate series`);
  const planned = plannedStepsOf(run);
  const configSchedule = scheduleOfConfig(run.meta, planned);
  return { file: path, name, origin: run.origin, steps, loss, lossKey: lossS?.key, lr, lrKey: lrS?.key, ...(planned !== undefined ? { plannedSteps: planned } : {}), ...(configSchedule ? { configSchedule } : {}), ...(notFiniteTail ? { notFiniteTail } : {}), warnings };
}

/** Every run in `path` (a file or a folder of runs). */
export async function loadScheduleRuns(path: string, cols: ColumnChoice = {}, opts: LoadOptions = {}): Promise<LoadedRun[]> {
  const src = await readSource(path);
  if (src.runs.length === 0) throw bad(`${path}: no runs found${src.warnings[0] ? ` (${src.warnings[0].message})` : ''}`);
  const out: LoadedRun[] = [];
  for (const run of src.runs) {
    const name = src.runs.length > 1 ? `${path}#${run.name}` : path;
    try {
      out.push(oneRun(run, name, path, src.warnings, cols, opts));
    } catch (err) {
      if (!opts.onSkip || !(err instanceof ScalingLensError)) throw err;
      opts.onSkip(err.message);
    }
  }
  return out;
}

/** The run as the schedule laws take it. */
export function scheduleRunOf(r: LoadedRun): ScheduleRun {
  return { name: r.name, steps: r.steps, loss: r.loss, lr: r.lr };
}

/** Is `run` read from `file` (its own file, the folder holding it as one run, or a folder of runs it is in)? */
export function runIsFrom(run: Pick<LoadedRun, 'origin'>, file: string): boolean {
  return run.origin === file || file.startsWith(run.origin + sep) || run.origin.startsWith(file + sep);
}

/** A saved schedule-law fit (the output of `schedule fit --json`). */
export async function readFitFile(path: string): Promise<ScheduleFit> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (err) {
    throw bad(readFailure(path, err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad(`${path} is not JSON (write it with "scaling-lens schedule fit … --json > ${path}")`);
  }
  return parseScheduleFit(json, path);
}
