// A Lightning metrics.csv opened by itself in lightning_logs/version_N may be a run resumed from a
// checkpoint with a fresh logger, whose first part is in version_0 … version_N-1. Those files are
// read with it, and kept only when they chain into it (model/resumedRuns.ts decides), so the file
// opened shows its whole run; a version that is another run is left out unseen.
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FormatId, IngestWarning, RunData } from '../model/model';
import { runNameFromPath } from '../model/keys';
import { stitchResumedRuns, VERSION_FOLDER } from '../model/resumedRuns';

/** The metrics.csv of the versions before `path`'s, oldest first; none for other files. */
export async function earlierVersionFiles(path: string, format: FormatId): Promise<string[]> {
  if (format !== 'lightning' || basename(path) !== 'metrics.csv') return [];
  const m = VERSION_FOLDER.exec(basename(dirname(path)));
  if (!m) return [];
  const parent = dirname(dirname(path));
  const out: string[] = [];
  for (let k = 0; k < Number(m[1]); k++) {
    const p = join(parent, `version_${k}`, 'metrics.csv');
    if (await access(p).then(() => true, () => false)) out.push(p);
  }
  return out;
}

/**
 * `runs`, read from `path` alone, with its earlier versions' points before them when it resumed
 * them (and the note saying so); `decode` reads one earlier file (an unreadable one is left out).
 */
export async function withEarlierVersions(
  path: string,
  format: FormatId,
  runs: readonly RunData[],
  decode: (file: string) => Promise<readonly RunData[]>,
): Promise<{ runs: readonly RunData[]; warnings: IngestWarning[] }> {
  const files = runs.length === 1 ? await earlierVersionFiles(path, format) : [];
  if (files.length === 0) return { runs, warnings: [] };
  const earlier: RunData[] = [];
  for (const f of files) {
    const read = await decode(f).catch(() => []);
    if (read.length === 1) earlier.push({ ...read[0]!, name: runNameFromPath(f), origin: f });
  }
  const stitched = stitchResumedRuns([...earlier, { ...runs[0]!, origin: path }]);
  return apartFromEarlier(stitched, new Set(files));
}

/** What a file read with its earlier versions shows: its own run (stitched when it resumed them), none of theirs. */
export function apartFromEarlier<T extends { readonly runs: readonly RunData[]; readonly warnings: readonly IngestWarning[] }>(src: T, earlier: ReadonlySet<string>): T & { runs: RunData[]; warnings: IngestWarning[] } {
  return { ...src, runs: src.runs.filter((r) => !earlier.has(r.origin)), warnings: src.warnings.filter((w) => !earlier.has(w.file)) };
}
