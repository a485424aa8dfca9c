// Reads a CSV file with a header row into named columns (csv-parse), with one-line errors.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { UsageError } from './args';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
}

export async function readCsvTable(path: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (e) {
    throw new UsageError(`${path} is not a readable CSV file: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (records.length === 0) throw new UsageError(`${path} is empty`);
  const header = records[0];
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  return { header, rows };
}

export function requireColumns(table: CsvTable, path: string, names: readonly string[]): void {
  for (const n of names) {
    if (!table.header.includes(n)) {
      throw new UsageError(`${path} has no column "${n}"; columns are: ${table.header.join(', ')}`);
    }
  }
}
