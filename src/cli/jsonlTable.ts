// A JSONL sweep (one object per finished run) as the named string columns the CLI's sweep laws
// read: the records decoded by the panel's JSONL sweep reader (ingest/formats/jsonlSweep.ts), each
// with its line, and what the decoder said of lines it passed over.
import { JsonlSweepDecoder } from '../ingest/formats/jsonlSweep';
import { locatedWarning } from '../ingest/model/warnings';
import { pumpUserFile } from './csvTable';

export interface JsonlTable {
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
  /** Each row's line in the file (there is no header line). */
  readonly lines: readonly number[];
  readonly warnings: readonly string[];
}

export async function readJsonlTable(path: string): Promise<JsonlTable> {
  const decoder = new JsonlSweepDecoder(path);
  await pumpUserFile(path, decoder);
  decoder.end();
  const { header, rows } = decoder.records;
  return {
    header,
    rows: rows.map((r) => Object.fromEntries(header.map((key, i) => [key, r.cells[i] ?? '']))),
    lines: rows.map((r) => r.line),
    warnings: decoder.warnings().map(locatedWarning),
  };
}
