// A sweep written as JSON Lines, one object per finished run ({"N": 1e8, "D": 2e9, "loss": 3.1}, or
// a W&B runs export's keys): its records made a table of text cells (model/recordTable.ts) and read
// by the one sweep reader, as a CSV sweep's rows are. Only a file named .jsonl or .ndjson is read so:
// the extension says the lines are records, and a JSONL training log is told apart by its keys.
import type { RunData } from '../model/model';
import { baseName } from '../model/keys';
import { RecordTable } from '../model/recordTable';
import { sweepRun } from '../model/sweepRun';
import { readSweepTable, sweepLayout } from '../model/sweepTable';
import { uniqueTokensColumn } from '../model/sweepColumns';
import { JsonObjectLineDecoder } from '../text/jsonObjectLines';
import { parseRelaxedJson } from '../text/relaxedJson';

export function isJsonLinesName(name: string): boolean {
  const base = baseName(name).toLowerCase();
  return base.endsWith('.jsonl') || base.endsWith('.ndjson');
}

/** Records enough to tell a sweep's keys from a log's. */
const HEAD_RECORDS = 50;

/** The complete records in `head`'s first lines, as a table; lines that are no object (or cut) are passed over. */
export function headRecords(head: Uint8Array): RecordTable {
  const table = new RecordTable();
  // the whole head, not its first 8 KB: a W&B runs export's record, with its config, can be longer
  // than that, and then none was seen, the panel read a log where the CLI fitted a sweep. A last line
  // cut by the head's end is no complete object, and is passed over as a line that is no JSON
  const lines = new TextDecoder().decode(head).split(/\r?\n/, HEAD_RECORDS);
  lines.forEach((text, i) => {
    try {
      const rec: unknown = parseRelaxedJson(text.trim());
      if (rec !== null && typeof rec === 'object' && !Array.isArray(rec)) table.add(rec as Record<string, unknown>, i + 1);
    } catch {
      // a line that is not JSON is the log reader's to warn of
    }
  });
  return table;
}

export class JsonlSweepDecoder extends JsonObjectLineDecoder {
  readonly records = new RecordTable();

  constructor(origin: string) {
    super(origin, 'sweep');
  }

  protected record(rec: Record<string, unknown>, lineNo: number): void {
    this.records.add(rec, lineNo);
  }

  override runs(): RunData[] {
    const { header, rows } = this.records;
    const unique = uniqueTokensColumn(header);
    const layout = sweepLayout(header, {}, unique ? [unique] : []);
    if ('missing' in layout || layout.y < 0) return [sweepRun(this.origin, 'loss', undefined)];
    const table = readSweepTable(layout, rows.map((r) => ({ cell: (i: number) => r.cells[i] ?? '', line: r.line })), undefined);
    return [sweepRun(this.origin, header[layout.y]!.trim(), table)];
  }
}
