// A JSONL sweep (one object per finished run) as the named string columns the CLI's sweep laws
// read: the records decoded by the panel's JSONL sweep reader (ingest/formats/jsonlSweep.ts), each
// with its line, and what the decoder said of lines it passed over.
import { pumpFile } from '../ingest/files/read';
import { assertRegularFile, readFailure } from '../ingest/files/fileKind';
import { JsonlSweepDecoder } from '../ingest/formats/jsonlSweep';
import { locatedWarning } from '../ingest/model/warnings';
import { UsageError } from './args';

export interface JsonlTable {
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
  /** Each row's line in the file (there is no header line). */
  readonly lines: readonly number[];
  readonly warnings: readonly string[];
}

export async function readJsonlTable(path: string): Promise<JsonlTable> {
  const decoder = new JsonlSweepDecoder(path);
  try {
    // a FIFO would hang the read; a missing file or a folder is said in words
    await assertRegularFile(path);
    await pumpFile(path, decoder);
  } catch (e) {
    throw new UsageError(readFailure(path, e));
  }
  decoder.end();
  const { header, rows } = decoder.records;
  return {
    header,
    rows: rows.map((r) => Object.fromEntries(header.map((key, i) => [key, r.cells[i] ?? '']))),
    lines: rows.map((r) => r.line),
    warnings: decoder.warnings().map(locatedWarning),
  };
}
