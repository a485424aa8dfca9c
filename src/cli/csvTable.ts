// A CSV file with a header row as named string columns, for the commands that address columns by
// name. Parsed by ingest's table reader (the one CSV parser), its delimiter and decimal mark taken
// as every reader takes them, cells trimmed as the CLI always read them; anything it had to drop is
// a one-line usage error, and what it says of the decimal mark is passed on for the commands to show.
import { isOtherMark, otherMarkText, type DecimalMark, type MarkedCells } from '../ingest/text/cells';
import { pumpFile } from '../ingest/files/read';
import { assertRegularFile, readFailure } from '../ingest/files/fileKind';
import { TableDecoder, type TableSink } from '../ingest/text/table';
import { locatedWarning, type WarningList } from '../ingest/model/warnings';
import { UsageError } from './args';

export interface CsvTable {
  readonly header: readonly string[];
  /** Cells as written (trimmed); tableNumber reads their numbers. */
  readonly rows: readonly Record<string, string>[];
  /** The decimal mark the table was read with, once a row with a decimal decided it. */
  readonly mark?: DecimalMark;
  /** Reading notes to show with the command's result ("file:line: read with decimal commas …"). */
  readonly warnings: readonly string[];
}

/** What a CSV reader is given: the header once, then each row's cells (valid only during the call). */
export interface CsvRowSink {
  header(columns: readonly string[]): void;
  row(cells: MarkedCells, line: number): void;
}

class RecordSink implements CsvRowSink {
  columns: string[] | undefined;
  readonly rows: Record<string, string>[] = [];
  mark: DecimalMark | undefined;

  header(columns: readonly string[]): void {
    this.columns = columns.slice();
  }

  row(cells: MarkedCells): void {
    const h = this.columns!;
    const r: Record<string, string> = {};
    // once the table has a decimal mark every cell is read under it, only so that cells written
    // with the other are counted in the decoder's warning, as on the ingest path
    if (cells.mark !== undefined) {
      this.mark = cells.mark;
      for (let i = 0; i < h.length; i++) cells.num(i);
    }
    for (let i = 0; i < h.length; i++) r[h[i]] = cells.str(i).trim();
    this.rows.push(r);
  }
}

/**
 * A cell of a table read with decimal mark `mark` as a number, as Number() reads a '.' table's
 * ("1,5e7" is 1.5e7 where decimals are commas); NaN for a decimal written with the other mark
 * ("3.500" there may be 3.5 or 3500), which no reader guesses at.
 */
export function tableNumber(raw: string, mark: DecimalMark | undefined): number {
  if (mark !== ',') return Number(raw);
  return raw.indexOf('.') >= 0 ? NaN : Number(raw.replace(',', '.'));
}

/** " (a decimal point in a table read with decimal commas)" for a number that is not read for its
 *  mark, the rest of a message saying that `raw` is not a number; undefined for anything else. */
export function otherMarkNote(raw: string, mark: DecimalMark | undefined): string | undefined {
  return mark !== undefined && isOtherMark(raw, mark) ? ` (${otherMarkText(mark)})` : undefined;
}

/**
 * Adapts a CsvRowSink to the decoder and remembers which lines near a warning gave a row (a
 * warning on a line that gave no row means a record was dropped). Only lines next to a new
 * warning are kept, so a 10M-row file costs no per-row memory here.
 */
class CheckedSink implements TableSink {
  sawHeader = false;
  readonly keptNearWarnings = new Set<number>();
  private seen = 0;
  private lastLine = -1;

  constructor(private readonly inner: CsvRowSink) {}

  header(columns: readonly string[]): void {
    this.sawHeader = true;
    this.inner.header(columns);
  }

  row(cells: MarkedCells, line: number, warn: WarningList): void {
    this.noteWarnings(warn, line);
    this.inner.row(cells, line);
    this.lastLine = line;
  }

  /** A warning added since the last row belongs to that row's line or to this one (or to neither). */
  private noteWarnings(warn: WarningList, line: number): void {
    if (warn.count === this.seen) return;
    this.seen = warn.count;
    if (this.lastLine >= 0) this.keptNearWarnings.add(this.lastLine);
    this.keptNearWarnings.add(line);
  }

  /** The last row's line was kept (a warning after it, at the end of the file, would name it). */
  finish(): void {
    if (this.lastLine >= 0) this.keptNearWarnings.add(this.lastLine);
  }

  runs(): never[] {
    return [];
  }
}

/** Streams a file the user named into `decoder`: a FIFO (which would hang), a missing file or a folder is a one-line usage error. */
export async function pumpUserFile(path: string, decoder: Parameters<typeof pumpFile>[1]): Promise<void> {
  try {
    await assertRegularFile(path);
    await pumpFile(path, decoder);
  } catch (e) {
    throw new UsageError(readFailure(path, e));
  }
}

/**
 * Streams a delimited file with a header row into `sink`; unreadable or lossy files are one-line
 * usage errors. Returns what the reader said of the table's decimal mark, as "file:line: message".
 */
export async function readCsvWith(path: string, sink: CsvRowSink): Promise<string[]> {
  const checked = new CheckedSink(sink);
  const decoder = new TableDecoder(path, 'csv', checked);
  await pumpUserFile(path, decoder);
  decoder.end();
  // what the decoder says of the decimal mark or of a header's repeated names loses no record: the commands show it
  const marks = [...decoder.decimalMarkWarnings(), ...decoder.renamedColumnWarnings()];
  const warnings = decoder.warnings().filter((w) => !marks.some((m) => m.line === w.line && m.message === w.message));
  if (warnings.length > 0) {
    checked.finish();
    // extra cells past the header are ignored on a row that was kept; anything else lost data
    const kept = checked.keptNearWarnings;
    const lost = warnings.find((w) => w.line !== undefined && !kept.has(w.line));
    if (lost) throw new UsageError(`${path} is not a readable CSV file: line ${lost.line}: ${lost.message}`);
    // the warning list is capped: past it, a dropped record could hide among unlisted warnings
    const first = warnings[0];
    if (warnings.some((w) => w.line === undefined)) {
      throw new UsageError(`${path} has too many malformed rows to read safely (first: line ${first.line}: ${first.message})`);
    }
  }
  if (!checked.sawHeader) throw new UsageError(`${path} is empty`);
  return marks.map(locatedWarning);
}

export async function readCsvTable(path: string): Promise<CsvTable> {
  const sink = new RecordSink();
  const warnings = await readCsvWith(path, sink);
  return { header: sink.columns!, rows: sink.rows, mark: sink.mark, warnings };
}

export function requireColumns(table: CsvTable, path: string, names: readonly string[]): void {
  for (const n of names) {
    if (!table.header.includes(n)) {
      throw new UsageError(`${path} has no column "${n}"; columns are: ${table.header.join(', ')}`);
    }
  }
}
