// A CSV file with a header row as named string columns, for the commands that address columns by
// name. Parsed by ingest's table reader (the one CSV parser), with the delimiter fixed to ',' and
// cells trimmed as the CLI always read them; anything it had to drop is a one-line usage error.
import type { Cells } from '../ingest/text/cells';
import { pumpFile } from '../ingest/files/read';
import { TableDecoder, type TableSink } from '../ingest/text/table';
import { UsageError } from './args';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
}

class RecordSink implements TableSink {
  columns: string[] | undefined;
  readonly rows: Record<string, string>[] = [];
  /** The line of each row: a warning on a line that gave no row means a record was dropped. */
  readonly rowLines: number[] = [];

  header(columns: readonly string[]): void {
    this.columns = columns.slice();
  }

  row(cells: Cells, line: number): void {
    const h = this.columns!;
    const r: Record<string, string> = {};
    for (let i = 0; i < h.length; i++) r[h[i]] = cells.str(i).trim();
    this.rows.push(r);
    this.rowLines.push(line);
  }

  runs(): never[] {
    return [];
  }
}

export async function readCsvTable(path: string): Promise<CsvTable> {
  const sink = new RecordSink();
  const decoder = new TableDecoder(path, 'csv', sink, { delimiter: ',' });
  try {
    await pumpFile(path, decoder);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  decoder.end();
  const warnings = decoder.warnings();
  if (warnings.length > 0) {
    // extra cells past the header are ignored on a row that was kept; anything else lost data
    const kept = new Set(sink.rowLines);
    const lost = warnings.find((w) => w.line !== undefined && !kept.has(w.line));
    if (lost) throw new UsageError(`${path} is not a readable CSV file: line ${lost.line}: ${lost.message}`);
    // the warning list is capped: past it, a dropped record could hide among unlisted warnings
    const first = warnings[0];
    if (warnings.some((w) => w.line === undefined)) {
      throw new UsageError(`${path} has too many malformed rows to read safely (first: line ${first.line}: ${first.message})`);
    }
  }
  if (!sink.columns) throw new UsageError(`${path} is empty`);
  return { header: sink.columns, rows: sink.rows };
}

export function requireColumns(table: CsvTable, path: string, names: readonly string[]): void {
  for (const n of names) {
    if (!table.header.includes(n)) {
      throw new UsageError(`${path} has no column "${n}"; columns are: ${table.header.join(', ')}`);
    }
  }
}
