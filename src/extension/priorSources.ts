// Where a prior's finished runs (and a reference run) come from: the watched run's siblings (its
// folder, else the folder above it — the other version_N of a lightning_logs), or the files and
// folders the user picked; read with ingest, every run that cannot be used named. Node I/O, no vscode.
import * as os from 'node:os';
import * as path from 'node:path';
import { loadScheduleRuns, runIsFrom, type LoadedRun } from '../ingest/scheduleRuns';
import { choosePriorRuns, type PriorRuns } from './model/priorRuns';

/**
 * The folders whose runs are the siblings of `file`: its own folder, then the one above (the
 * siblings of lightning_logs/version_3/metrics.csv) — never the home folder or a drive's root.
 */
export function siblingFolders(file: string): string[] {
  const dir = path.dirname(file);
  const up = path.dirname(dir);
  return up !== dir && up !== os.homedir() && up !== path.parse(up).root ? [dir, up] : [dir];
}

/** "the other runs in cut, else in 25M": where the siblings of `file` are looked for, in the picker's words. */
export function siblingFoldersLabel(file: string): string {
  return `the other runs in ${siblingFolders(file).map((d) => path.basename(d) || d).join(', else in ')}`;
}

/** The runs in `file` (a file or folder) other than the watched `run` that `keep` accepts; a run that cannot be read is passed over. */
export async function otherRunsIn(file: string, run: string, keep: (r: LoadedRun) => boolean): Promise<LoadedRun[]> {
  return (await loadScheduleRuns(file, {}, { onSkip: () => undefined })).filter((r) => !runIsFrom(r, run) && keep(r));
}

/**
 * The runs beside `run` that `keep` accepts, from the first of its sibling folders that has any
 * (the same folders a prior's siblings come from); none: []. An unreadable folder counts as empty.
 */
export async function siblingRunsOf(run: string, keep: (r: LoadedRun) => boolean): Promise<LoadedRun[]> {
  for (const dir of siblingFolders(run)) {
    let runs: LoadedRun[] = [];
    try {
      runs = await otherRunsIn(dir, run, keep);
    } catch {
      // nothing usable here: try the folder above
    }
    if (runs.length > 0) return runs;
  }
  return [];
}

/**
 * Reads the runs at `paths` leaving the watched run out. For siblings, the first folder with any
 * usable run wins (the run's own folder, else the one above it). `runY`: the watched run's y, whose
 * units the runs kept share.
 */
export async function readPriorRuns(paths: readonly string[], run: string, siblings: boolean, runY?: string): Promise<PriorRuns> {
  const skipped: string[] = [];
  let lastError: unknown;
  const loaded: LoadedRun[] = [];
  for (const p of paths) {
    try {
      loaded.push(...(await loadScheduleRuns(p, {}, { lossOptional: true, onSkip: (m) => skipped.push(m) })));
    } catch (err) {
      lastError = err;
      if (!siblings) skipped.push(err instanceof Error ? err.message : String(err));
    }
    if (siblings) {
      try {
        const chosen = choosePriorRuns(loaded, run, runY);
        return { ...chosen, skipped: [...skipped, ...chosen.skipped] };
      } catch (err) {
        lastError = err;
        // the folder above reads these runs again
        loaded.length = 0;
        skipped.length = 0;
      }
    }
  }
  if (siblings) throw lastError instanceof Error ? lastError : new Error('no sibling runs found');
  const chosen = choosePriorRuns(loaded, run, runY);
  return { ...chosen, skipped: [...skipped, ...chosen.skipped] };
}
