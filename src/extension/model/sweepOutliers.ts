// A sweep table's runs far above the Chinchilla surface through the others (a diverged or broken
// run) are left out of its curves, as the CLI's `fit --group N` leaves them out, and named. Pure.
import { outlierNote, sweepOutliers, type OutlierRow } from '../../core/outlierRuns';
import type { SeriesData, SourceData } from '../../ingest/model/model';
import { sliceMask, sweepSlicesOf, type SweepSlice } from '../../ingest/model/sweepGroups';
import type { Columns } from './curves';

// a series is read once per source version; its curves ask for the same rows many times
const farRows = new WeakMap<SeriesData, readonly OutlierRow[]>();

/** The sweep series' rows far above the surface through its other rows (none without N and D). */
export function farRowsOf(s: SeriesData): readonly OutlierRow[] {
  let rows = farRows.get(s);
  if (!rows) {
    const { params, tokens } = s.x;
    rows = params && tokens ? sweepOutliers({ x: params, x2: tokens, y: s.y }) : [];
    farRows.set(s, rows);
  }
  return rows;
}

/** The rows of one curve of a sweep: its slice, without the far-off runs. */
export function sweepSliceRows(s: SeriesData, slice: SweepSlice): Uint8Array {
  const rows = sliceMask(s, slice);
  for (const o of farRowsOf(s)) rows[o.row] = 0;
  return rows;
}

/** What the panel says of the far-off runs left out of the sweep curves shown against `columns.x`. */
export function sweepOutlierNotes(source: SourceData, columns: Columns | undefined): string[] {
  if (!columns) return [];
  const notes: string[] = [];
  for (const run of source.runs) {
    if (run.format !== 'sweep') continue;
    for (const s of run.series) {
      if (s.key !== columns.y || sweepSlicesOf(s, columns.x).length === 0) continue;
      for (const o of farRowsOf(s)) {
        const at = `N = ${s.x.params![o.row]!.toPrecision(3)}, D = ${s.x.tokens![o.row]!.toPrecision(3)}`;
        notes.push(outlierNote("the sweep's curves", at, s.y[o.row]!, { value: o.fitted, from: 'the Chinchilla surface through the sweep' }));
      }
    }
  }
  return notes;
}
