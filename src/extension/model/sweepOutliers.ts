// What the panel says of a sweep's runs left out of its curves as far above the surface through
// the others (ingest/model/sweepOutlierRows.ts, the CLI's rule). Pure.
import type { SourceData } from '../../ingest/model/model';
import { sweepSlicesOf } from '../../ingest/model/sweepGroups';
import { farRowsOf, sweepOutlierNote } from '../../ingest/model/sweepOutlierRows';
import type { Columns } from './curves';

/** What the panel says of the far-off runs left out of the sweep curves shown against `columns.x`. */
export function sweepOutlierNotes(source: SourceData, columns: Columns | undefined): string[] {
  if (!columns) return [];
  const notes: string[] = [];
  for (const run of source.runs) {
    if (run.format !== 'sweep') continue;
    for (const s of run.series) {
      if (s.key !== columns.y || sweepSlicesOf(s, columns.x).length === 0) continue;
      for (const o of farRowsOf(s)) notes.push(sweepOutlierNote(s, o));
    }
  }
  return notes;
}
