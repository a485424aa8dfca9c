// A word where a log's series holds numbers (`13,oops` between `12,3.41` and `14,3.39`) is no
// point of that series: the row is skipped for it, and the user is told how many rows and the first,
// in the reader's warnings (the panel's and the CLI's alike). Blank and NA cells are absent values
// (Lightning interleaves train and val rows that way), and nan/inf are numbers with their own
// handling: neither is counted here, nor a decimal written with a mark the table is not read with
// (the decimal-mark warning counts those).
import { decimalMarkOf } from '../text/cells';
import { shownCell } from '../text/shownCell';

/**
 * How a skipped row is pointed at: `row 4, "oops"` (`row 4, loss "oops"` when the warning names
 * more than one column; a blank cell as `blank`). One wording for every reader that skips rows.
 */
export function skippedRowText(line: number, raw: string, column?: string): string {
  return `row ${line}, ${column ? `${column} ` : ''}${skippedCellText(raw)}`;
}

/** A skipped cell as a warning quotes it: `"oops"`, shortened; a blank one as `blank`. */
function skippedCellText(raw: string): string {
  const t = raw.trim();
  return t === '' ? 'blank' : `"${shownCell(t)}"`;
}

/**
 * One series column's text cells and numbers. A column of words is a label, not a series with
 * gaps, and so is one mostly of words with some numbers among them (git hashes, run ids): only a
 * column mostly of numbers has its words said.
 */
export class TextCellTally {
  numbers = 0;
  private count = 0;
  private first: { readonly line: number; readonly text: string } | undefined;

  /** `raw`: a cell the reader found no number in, on file line `line`. */
  text(line: number, raw: string): void {
    if (decimalMarkOf(raw) !== undefined) return;
    this.count++;
    this.first ??= { line, text: raw.trim() };
  }

  /**
   * "2 rows with a non-numeric loss were skipped (first: "oops")" at the first's line; undefined
   * when none, or when the column is not mostly numbers. The line is the warning's own (shown as
   * `run.csv:14:` by the panel and the CLI), so the text does not name it again.
   */
  warning(name: string): { readonly message: string; readonly line: number } | undefined {
    const first = this.first;
    if (!first || this.numbers <= this.count) return undefined;
    const n = this.count;
    const rows = n === 1 ? `1 row with a non-numeric ${name} was skipped (` : `${n} rows with a non-numeric ${name} were skipped (first: `;
    return { message: `${rows}${skippedCellText(first.text)})`, line: first.line };
  }
}
