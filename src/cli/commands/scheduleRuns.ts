// The schedule commands' runs and saved fits, read by ingest (shared with the extension); here only
// the command line's names for the column choices and core / ingest errors as usage errors.
import { ScalingLensError } from '../../core/types';
import { loadScheduleRuns as load, readFitFile as readFit, type ColumnChoice, type LoadedRun } from '../../ingest/scheduleRuns';
import type { ScheduleFit } from '../../core/schedule/index';
import { UsageError } from '../args';
import { priorUnitsCheck, risingMetric, risingMetricText, yMetricOf, type YMetric } from '../../core/yMetric';

export type { ColumnChoice, LoadedRun } from '../../ingest/scheduleRuns';

/** Every run in `path` (a file or a folder of runs). */
export function loadScheduleRuns(path: string, cols: ColumnChoice, needLoss: boolean): Promise<LoadedRun[]> {
  return userErrorsAsync(() => load(path, cols, { flagOf: (c) => `--${c}`, lossOptional: !needLoss }));
}

export function readFitFile(path: string): Promise<ScheduleFit> {
  return userErrorsAsync(() => readFit(path));
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

async function userErrorsAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(err.message);
    throw err;
  }
}

/** The --schedule grammar, as forecast's and schedule predict's help give it. */
export const SCHEDULE_SPEC_HELP: readonly string[] = [
  '  SPEC: cosine|linear:warmup=W,total=T,peak=P,end=E[,until=U]   (U: the decay ends, held to T)',
  '        constant:warmup=W,total=T,peak=P',
  '        wsd:warmup=W,decay=D,total=T,peak=P,end=E,shape=linear|exp|cosine|sqrt|exp2   (D: the step the decay starts)',
  '        two-stage:warmup=W,switch=S,total=T,peak=P,then=Q   (warmup linear from 0)',
  '        rsqrt:warmup=W,total=T,peak=P[,end=E][,timescale=S]   (peak·√(W/s), E its floor)',
];

/**
 * What a run's y measures (core/yMetric.ts), or why the schedule laws, laws of a falling loss, do not
 * fit it: an accuracy or a score that rises. One so named that falls here (a misnamed error) is a
 * loss to them, as it is to fit.
 */
export function scheduleYOf(run: LoadedRun): { readonly metric?: YMetric; readonly refused?: string } {
  const metric = yMetricOf(run.lossKey, run.loss);
  if (metric?.kind !== 'accuracy' && metric?.kind !== 'rising') return metric ? { metric } : {};
  const rising = risingMetric(metric, run.steps.map((x, i) => ({ x, y: run.loss[i]! })));
  return rising ? { refused: risingMetricText(run.lossKey ?? 'y', 'choose it with --y', rising, { complement: false }) } : {};
}

/**
 * Whether a saved fit (from `from`) can be used for `run`, by the units of the series each is of
 * (core/yMetric.ts priorUnitsCheck): refused as a usage error, else the warning to give, if any.
 */
export function priorUnitsWarning(fit: ScheduleFit, from: string, run: LoadedRun): string | undefined {
  const { refused, warning } = priorUnitsCheck(fit.y, run.lossKey, from);
  if (refused) throw new UsageError(`${run.name}: ${refused}`);
  return warning;
}
