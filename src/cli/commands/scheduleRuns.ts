// The schedule commands' runs and saved fits, read by ingest (shared with the extension); here only
// the command line's names for the column choices and core / ingest errors as usage errors.
import { ScalingLensError } from '../../core/types';
import { loadScheduleRuns as load, readFitFile as readFit, type ColumnChoice, type LoadedRun } from '../../ingest/scheduleRuns';
import type { ScheduleFit } from '../../core/schedule/index';
import { UsageError } from '../args';

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
