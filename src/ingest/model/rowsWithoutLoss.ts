// A sweep table's row whose loss is blank, nan, inf or not positive is a run that diverged, crashed
// or had not finished when the table was written: it has no final loss to fit, and the rest of the
// table is still a sweep. Such rows are left out with one note naming them, the same note wherever a
// sweep table is read (the ingest layer, the CLI's surface fit). Pure.

/** Whether a final loss can be fitted: every law here is fitted to log loss. */
export function isFittableLoss(v: number | null | undefined): v is number {
  return typeof v === 'number' && v > 0 && Number.isFinite(v);
}

/** Rows named in the note; the rest are counted (a table of 10M blank losses costs no memory). */
const SHOWN = 8;
/** A cell longer than this is cut in the note: an overflowing number says nothing more at 400 digits. */
const CELL_CHARS = 16;

function shownCell(cell: string): string {
  const t = cell.trim();
  if (t === '') return 'blank';
  return t.length > CELL_CHARS ? `${t.slice(0, CELL_CHARS - 1)}…` : t;
}

/** Collects the rows left out for their loss, for one note. */
export class RowsWithoutLoss {
  private readonly shown: { readonly row: number; readonly cell: string }[] = [];
  private total = 0;

  /** `row`: the row's line in the file; `cell`: the loss cell as written. */
  add(row: number, cell: string): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push({ row, cell: shownCell(cell) });
  }

  get count(): number {
    return this.total;
  }

  /** "left out 2 rows whose loss is not a finite positive number (rows 9, 20: nan, inf): diverged or unfinished runs"; undefined when none. */
  note(): string | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    const more = n > this.shown.length ? `, … ${n - this.shown.length} more` : '';
    const rows = `row${n === 1 ? '' : 's'} ${this.shown.map((r) => r.row).join(', ')}${more}: ${this.shown.map((r) => r.cell).join(', ')}`;
    return `left out ${n} row${n === 1 ? '' : 's'} whose loss is not a finite positive number (${rows}): ${n === 1 ? 'a diverged or unfinished run' : 'diverged or unfinished runs'}`;
  }
}
