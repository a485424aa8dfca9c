// A scaling sweep table: one row per trained model with its size N, data D and/or compute C and a
// final loss. One run, one series named as its loss column is (loss, val_loss, …, so --y takes the
// name the user sees) whose x kinds are params/tokens/flops. A missing third of
// N, D, C is derived from C ≈ 6·N·D (the convention of the Chinchilla/Epoch AI tables). A .jsonl of
// one object per run is read by the same reader (jsonlSweep.ts).
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import type { DecimalMark, MarkedCells } from '../text/cells';
import { countInMarkedText } from '../text/sizeText';
import { FALLBACK_STEP_KEYS } from '../model/keys';
import { sweepRun } from '../model/sweepRun';
import { headRecords, isJsonLinesName, JsonlSweepDecoder } from './jsonlSweep';
import { TableDecoder, type TableSink } from '../text/table';
import { sniffDelimiter } from '../text/delimitedLine';
import type { WarningList } from '../model/warnings';
import { headerColumns, headerOf, RUN_COLUMNS } from './csv';
import { countInText } from '../../core/units';
import { SweepTableReader, sweepLayout } from '../model/sweepTable';
import { isStepColumn, NAMING_COLUMNS, scaledSweepColumns, uniqueTokensColumn } from '../model/sweepColumns';

class SweepSink implements TableSink {
  private reader: SweepTableReader | undefined;
  private lossKey = 'loss';
  private mark: DecimalMark | undefined;

  constructor(private readonly origin: string) {}

  header(columns: readonly string[], line: number, warn: WarningList): void {
    const unique = uniqueTokensColumn(columns);
    const layout = sweepLayout(columns, {}, unique ? [unique] : []);
    // detect() gives no table with a step column to this reader (it is a log); a layout with a problem reads nothing
    if ('missing' in layout || layout.stepColumn !== undefined) return;
    if (layout.y >= 0) this.lossKey = columns[layout.y]!.trim();
    else warn.add('sweep table has no loss column (loss, final_loss, val_loss)', { line });
    if ([layout.n, layout.d, layout.c].filter((i) => i >= 0).length === 0) warn.add('sweep table has no params/tokens/flops column', { line });
    if (layout.y >= 0) this.reader = new SweepTableReader(layout);
  }

  row(cells: MarkedCells, line: number): void {
    const reader = this.reader;
    if (!reader) return;
    const { n, d, c, y } = reader.layout;
    // read here too so that the decoder counts cells written with the other decimal mark
    for (const i of [n, d, c]) if (i >= 0) cells.num(i);
    // text where the loss belongs is named in the reader's note of rows left out
    cells.num(y);
    if (cells.mark !== undefined) this.mark = cells.mark;
    reader.row((i) => cells.str(i), line);
  }

  runs(): RunData[] {
    return [sweepRun(this.origin, this.lossKey, this.reader?.finish(this.mark))];
  }
}

/** Whether a name states a size, with either decimal mark ("1,3B"): the file's is not decided yet. */
function statesSize(text: string): boolean {
  return countInText(text) !== undefined || countInMarkedText(text, ',') !== undefined;
}

/** The complete data rows in `head`, split into cells (naive split: names rarely hold the delimiter). */
function headRows(head: Uint8Array): string[][] {
  const text = new TextDecoder().decode(head.subarray(0, Math.min(head.length, 8192)));
  const header = headerOf(head);
  if (header === null) return [];
  const d = sniffDelimiter(header);
  // the last line may be cut by the head's end
  return text.split(/\r?\n/).slice(1, -1).filter((l) => l.trim() !== '').map((l) => l.split(d).map((c) => c.trim().replace(/^"|"$/g, '')));
}

/** Whether some label repeats: rows of one run's curve, not one row per run. */
function repeats(labels: readonly string[]): boolean {
  return new Set(labels).size < labels.length;
}

/**
 * How likely a table with columns `cols` is a sweep of finished runs; `column(i)` gives column i's
 * first cells. A step or epoch column makes it a training log, and so does one count beside a run
 * label that repeats.
 */
function sweepScore(cols: readonly string[], column: (i: number) => string[]): number {
  const c = scaledSweepColumns(cols);
  if (c.loss < 0) return 0;
  // a step or epoch column (step, steps, global_step, iteration, epoch …) makes it a training log
  // (W&B's `_step` too, the log-call counter a history export keys its records by)
  if (cols.some((col) => isStepColumn(col) || FALLBACK_STEP_KEYS.has(col.trim()))) return 0;
  // a model-name column counts only if its first cell states a size
  if (c.params >= 0 && NAMING_COLUMNS.has(cols[c.params]!.toLowerCase()) && !statesSize(column(c.params)[0] ?? '')) c.params = -1;
  const xs = [c.params, c.tokens, c.flops].filter((i) => i >= 0).length;
  // one count and a run label that repeats (`model_name,tokens,loss`): each run's training
  // curve, which the CSV reader keeps apart by its label
  const label = cols.findIndex((col, i) => i !== c.params && RUN_COLUMNS.has(col.trim().toLowerCase()));
  if (xs === 1 && label >= 0 && repeats(column(label))) return 0;
  // two columns, a loss against tokens or FLOPs (`tokens,loss`): one run's learning curve, labelled
  // as one; only a model size as its x (`params,loss`) makes each row another model
  if (xs === 1 && cols.length === 2 && c.params < 0) return 0;
  return xs >= 2 ? 0.85 : xs === 1 ? 0.55 : 0;
}

/** Above the JSONL log reader's 0.9 for a .jsonl file: records with two counts and a loss and no step are runs of a sweep. */
const JSONL_SWEEP = 0.95;

export const sweepFormat: Format = {
  id: 'sweep',
  growth: 'rewrite',
  detect(name, head) {
    if (isJsonLinesName(name)) {
      const records = headRecords(head);
      const score = sweepScore(records.header, (i) => records.rows.map((r) => r.cells[i] ?? ''));
      return score >= 0.85 ? JSONL_SWEEP : 0;
    }
    const cols = headerColumns(head);
    let rows: string[][] | undefined;
    return sweepScore(cols, (i) => (rows ??= headRows(head)).map((r) => r[i] ?? ''));
  },
  createDecoder: (origin): Decoder => (isJsonLinesName(origin) ? new JsonlSweepDecoder(origin) : new TableDecoder(origin, 'sweep', new SweepSink(origin))),
};
