// A scaling sweep table: one row per trained model with its size N, data D and/or compute C and a
// final loss. One run, one series named as its loss column is (loss, val_loss, …, so --y takes the
// name the user sees) whose x kinds are params/tokens/flops. A missing third of
// N, D, C is derived from C ≈ 6·N·D (the convention of the Chinchilla/Epoch AI tables).
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import type { MarkedCells } from '../text/cells';
import { countInMarkedText } from '../text/sizeText';
import { runNameFromPath, xKindOf } from '../model/keys';
import { RunBuilder, type XValues } from '../model/runBuilder';
import { TableDecoder, sniffDelimiter, type TableSink } from '../text/table';
import type { WarningList } from '../model/warnings';
import { headerColumns, headerOf, RUN_COLUMNS } from './csv';
import { countInText } from '../../core/units';
import { headerUnit } from '../text/headerUnit';
import { isFittableLoss, RowsWithoutLoss } from '../model/rowsWithoutLoss';

// the last few name a model rather than count it: their cells give N only when the name states a
// size ("pythia-1.4b", "125M")
const PARAM_NAMES = ['params', 'n', 'n_params', 'num_params', 'parameters', 'num_parameters', 'n_parameters', 'param_count', 'model size', 'model_size', 'non_embedding_params', 'size', 'model', 'model_name', 'name'];
const NAMING_COLUMNS = new Set(['size', 'model', 'model_name', 'name']);
const TOKEN_NAMES = ['tokens', 'd', 'n_tokens', 'num_tokens', 'training tokens', 'training_tokens', 'train_tokens', 'total_tokens', 'tokens_seen', 'data'];
const FLOP_NAMES = ['flops', 'c', 'compute', 'training flop', 'training flops', 'training_flops', 'flop'];
// a run table exported from W&B or MLflow names the final loss by its logged key (eval/loss …);
// a held-out loss is preferred over a training one
const LOSS_NAMES = ['loss', 'final_loss', 'val_loss', 'eval_loss', 'test_loss', 'final loss', 'validation_loss', 'valid_loss', 'eval/loss', 'val/loss', 'validation/loss', 'test/loss', 'train_loss', 'train/loss'];

function find(cols: readonly string[], names: readonly string[]): number {
  const lower = cols.map((c) => c.toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

export interface SweepColumns {
  params: number;
  tokens: number;
  flops: number;
  loss: number;
}

export function sweepColumns(cols: readonly string[]): SweepColumns {
  return { params: find(cols, PARAM_NAMES), tokens: find(cols, TOKEN_NAMES), flops: find(cols, FLOP_NAMES), loss: find(cols, LOSS_NAMES) };
}

/** Sweep columns with what a cell of 1 counts in each (a header's unit: "params (M)" is 1e6). */
export interface ScaledSweepColumns extends SweepColumns {
  readonly scale: { readonly params: number; readonly tokens: number; readonly flops: number };
}

/**
 * The table reader's columns: as sweepColumns, a header with a unit ("params (M)", "tokens [B]")
 * matching by its bare name, in the same order of preference (so "params (M)" wins over a "model"
 * column of names). A count whose unit is not a known scale is not taken; a loss's unit never scales.
 */
export function scaledSweepColumns(cols: readonly string[]): ScaledSweepColumns {
  const units = cols.map(headerUnit);
  const lower = cols.map((c) => c.toLowerCase());
  const scale = { params: 1, tokens: 1, flops: 1 };
  const pick = (names: readonly string[], scaled: boolean): number => {
    for (const n of names) {
      const i = lower.findIndex((c, k) => c === n || (units[k]!.hasUnit && units[k]!.name.toLowerCase() === n && (!scaled || units[k]!.scale !== undefined)));
      if (i >= 0) return i;
    }
    return -1;
  };
  const count = (kind: 'params' | 'tokens' | 'flops', names: readonly string[]): number => {
    const i = pick(names, true);
    if (i >= 0 && units[i]!.hasUnit && lower[i] !== units[i]!.name.toLowerCase()) scale[kind] = units[i]!.scale!;
    return i;
  };
  return { params: count('params', PARAM_NAMES), tokens: count('tokens', TOKEN_NAMES), flops: count('flops', FLOP_NAMES), loss: pick(LOSS_NAMES, false), scale };
}

class SweepSink implements TableSink {
  private readonly run: RunBuilder;
  private cols: ScaledSweepColumns = { params: -1, tokens: -1, flops: -1, loss: -1, scale: { params: 1, tokens: 1, flops: 1 } };
  private lossKey = 'loss';
  private readonly withoutLoss = new RowsWithoutLoss();

  constructor(origin: string) {
    this.run = new RunBuilder(runNameFromPath(origin), origin, 'sweep');
  }

  header(columns: readonly string[], line: number, warn: WarningList): void {
    this.cols = scaledSweepColumns(columns);
    const c = this.cols;
    if (c.loss >= 0) this.lossKey = columns[c.loss].trim();
    if (c.loss < 0) warn.add('sweep table has no loss column (loss, final_loss, val_loss)', { line });
    if ([c.params, c.tokens, c.flops].filter((i) => i >= 0).length === 0) warn.add('sweep table has no params/tokens/flops column', { line });
    // said, since a header's unit over cells that are plain counts already would scale them twice
    for (const kind of ['params', 'tokens', 'flops'] as const) {
      const scale = c.scale[kind];
      if (c[kind] >= 0 && scale !== 1) warn.add(`column "${columns[c[kind]]!.trim()}" read in its header's unit: each number × ${scale.toPrecision(3)}`, { line });
    }
  }

  row(cells: MarkedCells, line: number, warn: WarningList): void {
    const c = this.cols;
    if (c.loss < 0) return;
    const get = (i: number): number | undefined => {
      if (i < 0) return undefined;
      const v = cells.num(i);
      return typeof v === 'number' ? v : undefined;
    };
    // counts are often written as sizes: "125M" parameters, "1,3B" where decimals are commas
    // a size written in the cell ("125M") states its own scale; a number takes its column's unit
    const count = (i: number, scale: number): number | undefined => {
      const v = get(i);
      if (v !== undefined) return v * scale;
      return i >= 0 && i < cells.length ? countInMarkedText(cells.str(i), cells.mark) : undefined;
    };
    const cell = cells.num(c.loss);
    // text where the loss belongs is a table problem; blank, nan or inf is a run without a final loss
    if (cell === null) {
      warn.add('row without a numeric loss skipped', { line });
      return;
    }
    if (!isFittableLoss(cell)) {
      this.withoutLoss.add(line, cells.str(c.loss));
      return;
    }
    const loss = cell;
    let n = count(c.params, c.scale.params);
    let d = count(c.tokens, c.scale.tokens);
    let f = count(c.flops, c.scale.flops);
    if (f === undefined && n !== undefined && d !== undefined) f = 6 * n * d;
    else if (d === undefined && n !== undefined && f !== undefined && n > 0) d = f / (6 * n);
    else if (n === undefined && d !== undefined && f !== undefined && d > 0) n = f / (6 * d);
    const x: XValues = {};
    if (n !== undefined) x.params = n;
    if (d !== undefined) x.tokens = d;
    if (f !== undefined) x.flops = f;
    this.run.get(this.lossKey, 'val').push(loss, x);
  }

  runs(): RunData[] {
    const run = this.run.data();
    const note = this.withoutLoss.note();
    return [note === undefined ? run : { ...run, notes: [...(run.notes ?? []), note] }];
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

export const sweepFormat: Format = {
  id: 'sweep',
  growth: 'rewrite',
  detect(_name, head) {
    const cols = headerColumns(head);
    const c = scaledSweepColumns(cols);
    if (c.loss < 0) return 0;
    // a step or epoch column (step, steps, global_step, iteration, epoch …) makes it a training log
    if (cols.some((col) => ['step', 'epoch'].includes(xKindOf(col) ?? ''))) return 0;
    let rows: string[][] | undefined;
    const column = (i: number): string[] => (rows ??= headRows(head)).map((r) => r[i] ?? '');
    // a model-name column counts only if its first cell states a size
    if (c.params >= 0 && NAMING_COLUMNS.has(cols[c.params]!.toLowerCase()) && !statesSize(column(c.params)[0] ?? '')) c.params = -1;
    const xs = [c.params, c.tokens, c.flops].filter((i) => i >= 0).length;
    // one count and a run label that repeats (`model_name,tokens,loss`): each run's training
    // curve, which the CSV reader keeps apart by its label
    const label = cols.findIndex((col, i) => i !== c.params && RUN_COLUMNS.has(col.trim().toLowerCase()));
    if (xs === 1 && label >= 0 && repeats(column(label))) return 0;
    return xs >= 2 ? 0.85 : xs === 1 ? 0.55 : 0;
  },
  createDecoder: (origin): Decoder => new TableDecoder(origin, 'sweep', new SweepSink(origin)),
};
