// A folder of runs as the sweep table `fit --law chinchilla` reads: the final loss of each finished
// run of one family (ingest/model/finalLosses.ts), a row each, with the runs left out named.
import { stat } from 'node:fs/promises';
import { readSource } from '../ingest/files/read';
import { finalLosses } from '../ingest/model/finalLosses';
import { UsageError } from './args';

export interface FinishedRunTable {
  readonly rows: Record<string, string>[];
  readonly columns: readonly string[];
  /** Which runs made the table, and which were left out and why. */
  readonly note: string;
  /** What the runs call the metric in the "loss" column ("val_bpb"): what it measures is said of the surface. */
  readonly lossKey: string;
}

const SHOWN = 4;

export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

export async function finishedRunTable(path: string): Promise<FinishedRunTable> {
  const { runs, skipped } = finalLosses(await readSource(path));
  const left = skipped.length > 0 ? `; ${skipped.length} left out: ${skipped.slice(0, SHOWN).map((s) => `${s.run} (${s.why})`).join(', ')}${skipped.length > SHOWN ? ', …' : ''}` : '';
  const table = runs[0];
  if (!table) {
    throw new UsageError(`${path} holds no sweep of finished runs: that takes 6 or more runs of one family (sizes in their names or configs) that state their planned length and reached it, with a tokens axis, over 2 sizes and 2 lengths or more${left}`);
  }
  const s = table.series[0]!;
  // a "loss" column whatever the runs call it ("lm loss"), so --y need not name it; --y lm loss still may
  const rows = Array.from(s.y, (y, i) => ({ params: String(s.x.params![i]), tokens: String(s.x.tokens![i]), loss: String(y), [s.key]: String(y) }));
  const others = runs.length > 1 ? ` (${runs.length - 1} other famil${runs.length === 2 ? 'y' : 'ies'} not fitted: ${runs.slice(1).map((r) => r.name).join(', ')})` : '';
  return { rows, columns: s.key === 'loss' ? ['params', 'tokens', 'loss'] : ['params', 'tokens', 'loss', s.key], note: `${table.name}: the final ${s.key} of ${rows.length} finished runs${others}${left}`, lossKey: s.key };
}
