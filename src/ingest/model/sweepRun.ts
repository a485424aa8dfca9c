// A sweep table's rows as the run the panel shows: one series named as the table's loss column is
// (so --y takes the name the user sees), its x kinds params/tokens/flops, with what the sweep reader
// said of the rows as the run's notes. Built afresh on each call: a sweep is re-read whole when its
// file changes. Pure.
import type { RunData } from './model';
import { runNameFromPath } from './keys';
import { RunBuilder, type XValues } from './runBuilder';
import type { SweepTable } from './sweepTable';

export function sweepRun(origin: string, lossKey: string, table: SweepTable | undefined): RunData {
  const run = new RunBuilder(runNameFromPath(origin), origin, 'sweep');
  for (const r of table?.rows ?? []) {
    const x: XValues = {};
    if (r.N !== undefined) x.params = r.N;
    if (r.D !== undefined) x.tokens = r.D;
    if (r.C !== undefined) x.flops = r.C;
    run.get(lossKey, 'val').push(r.loss, x);
  }
  const built = run.data();
  // one point per row, in the rows' order: the unique tokens of each, where the table has a column of them
  const rows = table?.rows ?? [];
  const unique = rows.some((r) => r.U !== undefined) ? Float64Array.from(rows, (r) => r.U ?? NaN) : undefined;
  const data = unique && built.series.length === 1 ? { ...built, series: [{ ...built.series[0]!, unique }] } : built;
  return table?.notes.length ? { ...data, notes: [...(data.notes ?? []), ...table.notes] } : data;
}
