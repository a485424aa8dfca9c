// A sweep table's runs far above the Chinchilla surface through the others (a diverged or broken
// run, core/outlierRuns.ts) are left out of its curves and named: one rule and one wording for the
// CLI's `fit --group N` and the panel's sweep curves.
import { outlierNote, sweepOutliers, type OutlierRow } from '../../core/outlierRuns';
import type { SeriesData } from './model';
import { sliceMask, type SweepSlice } from './sweepGroups';

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

/** "left a run out of the sweep's curves as an outlier: N = 1.00e+8, D = 4.00e+9, loss … against … from the Chinchilla surface through the sweep." */
export function sweepOutlierNote(s: SeriesData, o: OutlierRow): string {
  const at = `N = ${s.x.params![o.row]!.toPrecision(3)}, D = ${s.x.tokens![o.row]!.toPrecision(3)}`;
  return outlierNote("the sweep's curves", at, s.y[o.row]!, { value: o.fitted, from: 'the Chinchilla surface through the sweep' });
}
