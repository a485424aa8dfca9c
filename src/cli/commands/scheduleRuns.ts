// Runs for the schedule commands, from any log format ingest reads: per run the step axis, a
// loss series and (when logged) the learning rate — Lightning `lr-*`, HF / TensorBoard / Keras
// `learning_rate`, nanoGPT / torchtitan / CSV `lr`, `train/lr` … — chosen like the loss key.
import { readFileSync } from 'node:fs';
import { cleanLrLog, parseScheduleFit, type CleanLr, type ScheduleFit } from '../../core/schedule/index';
import { ScalingLensError } from '../../core/types';
import type { RunData, SeriesData } from '../../ingest/model/model';
import { readSource } from '../../ingest/files/read';
import { findLossSeries, findLrSeries, seriesByKey } from '../../ingest/model/runSeries';
import { UsageError } from '../args';

export interface LoadedRun {
  readonly file: string;
  readonly name: string;
  readonly steps: number[];
  /** Loss at `steps`; empty when the run has no loss series (predict only needs the LR). */
  readonly loss: number[];
  readonly lossKey?: string;
  readonly lr?: CleanLr;
  readonly lrKey?: string;
  readonly warnings: string[];
}

export interface ColumnChoice {
  readonly step?: string;
  readonly lr?: string;
  readonly y?: string;
}

const lower = (s: string): string => s.trim().toLowerCase();
const byKey = seriesByKey;

/** (step, value) pairs of a series on the step axis, or on a named step column of a table. */
function stepped(run: RunData, s: SeriesData, stepCol: string | undefined, file: string): { steps: number[]; ys: number[] } {
  let xs = s.x.step;
  if (stepCol !== undefined && lower(stepCol) !== 'step') {
    const col = byKey(run, stepCol);
    if (!col) throw new UsageError(`${file} has no column "${stepCol}" for --step; it has: ${run.series.map((q) => q.key).join(', ')}`);
    if (col.y.length !== s.y.length) throw new UsageError(`${file}: --step ${stepCol} and "${s.key}" are not logged together (different lengths)`);
    xs = col.y;
  }
  if (!xs) throw new UsageError(`"${s.key}" in ${file} has no step axis (it has ${Object.keys(s.x).join(', ') || 'none'}); name the step column with --step`);
  const steps: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < s.y.length; i++) {
    steps.push(xs[i]);
    ys.push(s.y[i]);
  }
  return { steps, ys };
}

/** Every run in `path` (a file or a folder of runs). */
export async function loadScheduleRuns(path: string, cols: ColumnChoice, needLoss: boolean): Promise<LoadedRun[]> {
  let src;
  try {
    src = await readSource(path);
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(err.message);
    throw err;
  }
  if (src.runs.length === 0) throw new UsageError(`${path}: no runs found${src.warnings[0] ? ` (${src.warnings[0].message})` : ''}`);
  const out: LoadedRun[] = [];
  for (const run of src.runs) {
    const name = src.runs.length > 1 ? `${path}#${run.name}` : path;
    const warnings = src.warnings.slice(0, 3).map((w) => `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
    const lossS = cols.y !== undefined ? byKey(run, cols.y) : findLossSeries(run);
    if (cols.y !== undefined && !lossS) throw new UsageError(`${name} has no series "${cols.y}"; series are: ${run.series.map((s) => s.key).join(', ')}`);
    if (!lossS && needLoss) throw new UsageError(`${name} has no loss-like series; name it with --y (series are: ${run.series.map((s) => s.key).join(', ')})`);
    const lrS = cols.lr !== undefined ? byKey(run, cols.lr) : findLrSeries(run);
    if (cols.lr !== undefined && !lrS) throw new UsageError(`${name} has no series "${cols.lr}" for --lr; series are: ${run.series.map((s) => s.key).join(', ')}`);
    let steps: number[] = [];
    const loss: number[] = [];
    if (lossS) {
      const p = stepped(run, lossS, cols.step, name);
      for (let i = 0; i < p.steps.length; i++) {
        if (Number.isFinite(p.steps[i]) && Number.isFinite(p.ys[i])) {
          steps.push(p.steps[i]);
          loss.push(p.ys[i]);
        }
      }
      const dropped = p.steps.length - steps.length;
      if (dropped > 0) warnings.push(`${name}: skipped ${dropped} loss point${dropped === 1 ? '' : 's'} that are not numbers`);
    }
    let lr: CleanLr | undefined;
    if (lrS) {
      const p = stepped(run, lrS, cols.step, name);
      try {
        lr = cleanLrLog({ steps: p.steps, lr: p.ys }, `${name} (${lrS.key})`);
      } catch (err) {
        if (err instanceof ScalingLensError) throw new UsageError(err.message);
        throw err;
      }
      if (!lossS) steps = [...lr.steps];
    }
    if (!lossS && !lrS) throw new UsageError(`${name} has neither a loss nor a learning-rate series`);
    out.push({ file: path, name, steps, loss, lossKey: lossS?.key, lr, lrKey: lrS?.key, warnings });
  }
  return out;
}

export function readFitFile(path: string): ScheduleFit {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON (write it with "scaling-lens schedule fit … --json > ${path}")`);
  }
  try {
    return parseScheduleFit(json, path);
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(err.message);
    throw err;
  }
}

/** Core errors become one-line usage errors at the CLI edge. */
export function userErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(err.message);
    throw err;
  }
}
