// JSON records, one object per run (a JSONL sweep: {"N": 1e8, "D": 2e9, "loss": 3.1}, or a W&B
// runs export's {"num_parameters": …, "eval/loss": …}), as the text cells of a table, so that the
// sweep reader takes them as it takes a CSV's rows. The header is the keys in the order first seen,
// a nested object's keys as 'a/b' (as the JSONL log reader names them); a key a record lacks, or
// null, is a blank cell; a number is written as JSON would ('NaN' where Python wrote NaN). Pure.

/** Deeper than this is a config or payload, not a run's count or loss (as flattenMetrics). */
const MAX_DEPTH = 4;

export interface RecordRow {
  readonly cells: readonly string[];
  /** The record's line in the file. */
  readonly line: number;
}

export class RecordTable {
  readonly header: string[] = [];
  readonly rows: RecordRow[] = [];
  private readonly index = new Map<string, number>();

  add(rec: Record<string, unknown>, line: number): void {
    const cells: string[] = [];
    this.flatten(rec, '', cells, 0);
    this.rows.push({ cells, line });
  }

  private flatten(obj: Record<string, unknown>, prefix: string, cells: string[], depth: number): void {
    // a W&B media or table value ({"_type": "image-file", …}) is no count
    if (prefix && typeof obj._type === 'string') return;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const key = prefix ? `${prefix}/${k}` : k;
      if (v !== null && typeof v === 'object') {
        if (!Array.isArray(v) && depth < MAX_DEPTH) this.flatten(v as Record<string, unknown>, key, cells, depth + 1);
      } else if (typeof v === 'number' || typeof v === 'string' || v === null) {
        cells[this.column(key)] = v === null ? '' : String(v);
      }
    }
  }

  private column(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.header.length;
      this.index.set(key, i);
      this.header.push(key);
    }
    return i;
  }
}
