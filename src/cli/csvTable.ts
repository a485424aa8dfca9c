// A CSV file with a header row as named string columns, for the commands that address columns by
// name. Parsed by ingest's table reader (the one CSV parser), its delimiter taken from the header
// as every reader does, cells trimmed as the CLI always read them; anything it had to drop is a
// one-line usage error.
import type { MarkedCells } from '../ingest/text/cells';
import { pumpFile } from '../ingest/files/read';
import { TableDecoder, type TableSink } from '../ingest/text/table';
import type { WarningList } from '../ingest/model/warnings';
import { UsageError } from './args';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
}

/** What a CSV reader is given: the header once, then each row's cells (valid only during the call). */
export interface CsvRowSink {
  header(columns: readonly string[]): void;
  row(cells: MarkedCells, line: number): void;
}

class RecordSink implements CsvRowSink {
  columns: string[] | undefined;
  readonly rows: Record<string, string>[] = [];

  header(columns: readonly string[]): void {
    this.columns = columns.slice();
  }

  row(cells: MarkedCells): void {
    const h = this.columns!;
    const r: Record<string, string> = {};
    // a table of decimal commas (see TableDecoder) gives its numbers as the '.' text the commands parse
    const commas = cells.mark === ',';
    for (let i = 0; i < h.length; i++) {
      const v = commas ? cells.num(i) : undefined;
      r[h[i]] = typeof v === 'number' ? String(v) : cells.str(i).trim();
    }
    this.rows.push(r);
  }
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

/** Streams a delimited file with a header row into `sink`; unreadable or lossy files are one-line usage errors. */
export async function readCsvWith(path: string, sink: CsvRowSink): Promise<void> {
  const checked = new CheckedSink(sink);
  const decoder = new TableDecoder(path, 'csv', checked);
  try {
    await pumpFile(path, decoder);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  decoder.end();
  const warnings = decoder.warnings();
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
}

export async function readCsvTable(path: string): Promise<CsvTable> {
  const sink = new RecordSink();
  await readCsvWith(path, sink);
  return { header: sink.columns!, rows: sink.rows };
}

export function requireColumns(table: CsvTable, path: string, names: readonly string[]): void {
  for (const n of names) {
    if (!table.header.includes(n)) {
      throw new UsageError(`${path} has no column "${n}"; columns are: ${table.header.join(', ')}`);
    }
  }
}
