// Generic CSV/TSV: x columns (step, epoch, tokens…) by name, every other numeric column a series.
// Also the engine of the Lightning and Keras formats, which differ only in detection.
import type { Decoder, Format } from '../model/decoder';
import type { FormatId, IngestWarning, RunData, XKind } from '../model/model';
import { TextCellTally } from '../model/textCells';
import type { Cells } from '../text/cells';
import { baseName, runNameFromPath, xKindOf } from '../model/keys';
import { emptyXValues, RunBuilder, type SeriesBuilder, type XValues } from '../model/runBuilder';
import { StepOrder } from '../model/stepOrder';
import { EPOCHS_COMPLETED, epochsCompleted } from '../model/epochsCompleted';
import { isDeepSpeedSamplesCsv } from '../model/deepspeedSamples';
import { tensorboardExportLayout, wandbExportLayout } from '../model/exportColumns';
import { looksTextual } from '../text/sniff';
import { TableDecoder, type TableSink } from '../text/table';
import { sniffDelimiter } from '../text/delimitedLine';
import type { WarningList } from '../model/warnings';

// a pandas index ('index', 'Unnamed: 0') is bookkeeping, not a curve
const IGNORED_COLUMNS = new Set(['timestamp', '_timestamp', 'created_at', '', 'index', 'unnamed: 0']);

/**
 * Columns that name the run or model a row belongs to (a table exported from several runs, e.g.
 * `model_name,steps,loss`): each distinct value is its own run, so the runs are not averaged into
 * one curve at shared steps.
 */
export const RUN_COLUMNS: ReadonlySet<string> = new Set(['run', 'run_id', 'run_name', 'runid', 'model', 'model_name', 'model_size', 'experiment', 'experiment_name']);
/** Distinct run labels kept; rows of further labels stay in the file's own run. */
const MAX_LABELED_RUNS = 1000;

interface LabeledRun {
  readonly run: RunBuilder;
  readonly series: SeriesBuilder[];
  readonly order: StepOrder;
}

/** Lightning's metrics.csv and Keras's CSVLogger are written as the run logs (a run resumed into the same file appends). */
function isAppendLog(format: FormatId): boolean {
  return format === 'lightning' || format === 'keras';
}

/** Series per column; x values from the x-kind columns of the same row; runs by the run columns. */
export class ColumnSink implements TableSink {
  private readonly run: RunBuilder;
  private xCols: { index: number; kind: XKind }[] = [];
  private seriesCols: { index: number; name: string; series: SeriesBuilder; text: TextCellTally }[] = [];
  /** Per column name, the words found where its series holds numbers (kept across a header change). */
  private readonly textCells = new Map<string, TextCellTally>();
  private runCols: number[] = [];
  private readonly labeled = new Map<string, LabeledRun>();
  /** Runs a dashboard export names in its columns (W&B `<run> - <metric>`, TensorBoard's file name). */
  private readonly exported = new Map<string, RunBuilder>();
  private readonly x: XValues = emptyXValues();
  /** The file's own run's step order (labelled runs have their own). */
  private readonly order = new StepOrder();
  /** A generic CSV, which may be a resumed loop's log (StepOrder); Lightning's and Keras's resume in their series. */
  private readonly tableMayResume: boolean;
  /**
   * Keras's CSVLogger: its 0-based epoch read as epochs completed (epochsCompleted.ts). Decided by
   * the first epoch: a table of Keras's shape whose epochs start at 1 was written by another loop
   * (or resumed from a checkpoint) and is read as written.
   */
  private kerasEpochs: boolean | undefined;

  constructor(
    private readonly origin: string,
    private readonly format: FormatId,
  ) {
    this.run = new RunBuilder(runNameFromPath(origin), origin, format, isAppendLog(format));
    this.tableMayResume = !isAppendLog(format);
    this.kerasEpochs = format === 'keras' ? undefined : false;
  }

  header(columns: readonly string[], line?: number, warn?: WarningList): void {
    // a table written without a header row: its first row names the columns "100" and "4.51",
    // no x axis among them, and a fit or a watch would show nothing without saying why
    if (columns.length > 0 && columns.every((c) => c.trim() !== '' && Number.isFinite(Number(c)))) {
      warn?.add(`the first row (${columns.slice(0, 4).join(', ')}${columns.length > 4 ? ', …' : ''}) is numbers only and was read as the header: a CSV needs a header row naming its columns first (step,loss)`, line !== undefined ? { line } : undefined);
    }
    const seen = new Set<XKind>();
    this.xCols = [];
    this.seriesCols = [];
    this.runCols = [];
    this.labeled.clear();
    this.exported.clear();
    const layout = wandbExportLayout(columns) ?? tensorboardExportLayout(columns, this.origin);
    // DeepSpeed's CSV monitor heads its samples counter `step`
    const samplesSteps = isDeepSpeedSamplesCsv(this.origin);
    columns.forEach((name, index) => {
      const named = xKindOf(name);
      const kind = samplesSteps && named === 'step' ? 'samples' : named;
      const exported = layout?.get(index);
      if (exported === 'skip') return;
      if (exported !== undefined) {
        this.seriesCols.push({ index, name: exported.key, series: this.exportedRun(exported.run).get(exported.key), text: this.textTally(name) });
      } else if (kind !== undefined && !seen.has(kind)) {
        seen.add(kind);
        this.xCols.push({ index, kind });
      } else if (kind === undefined && RUN_COLUMNS.has(name.trim().toLowerCase())) {
        // an export's runs are its columns; a label column beside them is metadata
        if (layout) return;
        this.runCols.push(index);
      } else if (kind === undefined && !IGNORED_COLUMNS.has(name.toLowerCase())) {
        this.seriesCols.push({ index, name, series: this.run.get(name), text: this.textTally(name) });
      }
    });
  }

  row(cells: Cells, line = 0): void {
    const x = this.x;
    for (const { index, kind } of this.xCols) {
      const v = cells.num(index);
      x[kind] = typeof v === 'number' ? v : undefined;
    }
    if (x.epoch !== undefined) {
      this.kerasEpochs ??= x.epoch === 0;
      if (this.kerasEpochs) x.epoch = epochsCompleted(x.epoch);
    }
    const labeled = this.runCols.length > 0 ? this.labeledRun(cells) : undefined;
    // a generic CSV may be a training loop's log resumed into the same file: decided per run, from
    // its step column, so every series of the run drops the earlier run's points alike
    if (x.step !== undefined && this.tableMayResume && (labeled?.order ?? this.order).resumesAt(x.step)) (labeled?.run ?? this.run).resumeFrom(x.step);
    const cols = this.seriesCols;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const v = cells.num(col.index);
      if (typeof v === 'number') {
        (labeled ? labeled.series[c]! : col.series).push(v, x);
        col.text.numbers++;
      } else if (v === null) col.text.text(line, cells.str(col.index));
    }
  }

  private textTally(column: string): TextCellTally {
    let t = this.textCells.get(column);
    if (!t) this.textCells.set(column, (t = new TextCellTally()));
    return t;
  }

  /** A series column's rows skipped for a word where its numbers are, one warning per column. */
  warnings(): IngestWarning[] {
    const out: IngestWarning[] = [];
    for (const [column, tally] of this.textCells) {
      const w = tally.warning(column.trim());
      if (w) out.push({ file: this.origin, ...w });
    }
    return out;
  }

  private exportedRun(name: string | undefined): RunBuilder {
    if (name === undefined) return this.run;
    let r = this.exported.get(name);
    if (!r) {
      r = new RunBuilder(name, this.origin, this.format);
      this.exported.set(name, r);
    }
    return r;
  }

  private labeledRun(cells: Cells): LabeledRun | undefined {
    let label = '';
    for (const i of this.runCols) {
      const v = i < cells.length ? cells.str(i).trim() : '';
      if (v) label = label ? `${label} · ${v}` : v;
    }
    if (!label) return undefined;
    let r = this.labeled.get(label);
    if (!r && this.labeled.size < MAX_LABELED_RUNS) {
      const run = new RunBuilder(label, this.origin, this.format, isAppendLog(this.format));
      r = { run, series: this.seriesCols.map((c) => run.get(c.name)), order: new StepOrder() };
      this.labeled.set(label, r);
    }
    return r;
  }

  runs(): RunData[] {
    const all = this.allRuns();
    return this.kerasEpochs ? all.map(withEpochsCompletedLabel) : all;
  }

  private allRuns(): RunData[] {
    // an export's run with no point in this file (all its cells empty) is not listed
    const exported = [...this.exported.values()].map((run) => run.data()).filter((r) => r.series.length > 0);
    const labeled = [...[...this.labeled.values()].map((r) => r.run.data()), ...exported];
    const own = this.run.data();
    // the file's own run holds rows without a label; beside labeled runs it is listed (last, so
    // the labeled runs keep their places as the file grows) only when it has points
    return labeled.length === 0 ? [own] : own.series.length > 0 ? [...labeled, own] : labeled;
  }
}

function withEpochsCompletedLabel(run: RunData): RunData {
  return { ...run, series: run.series.map((s) => (s.x.epoch ? { ...s, xLabels: { ...s.xLabels, epoch: EPOCHS_COMPLETED } } : s)) };
}

export function createColumnDecoder(origin: string, format: FormatId): Decoder {
  return new TableDecoder(origin, format, new ColumnSink(origin, format));
}

/** The header line of `head` (BOM and CR stripped), or null when there is no complete line. */
const headerCache = new WeakMap<Uint8Array, string | null>();

export function headerOf(head: Uint8Array): string | null {
  // every table format asks during one detection: decode once per head
  const cached = headerCache.get(head);
  if (cached !== undefined) return cached;
  const line = decodeHeader(head);
  headerCache.set(head, line);
  return line;
}

function decodeHeader(head: Uint8Array): string | null {
  const text = new TextDecoder().decode(head.subarray(0, Math.min(head.length, 8192)));
  const nl = text.indexOf('\n');
  let line = nl >= 0 ? text.slice(0, nl) : text;
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  return line.length > 0 ? line : null;
}

/** Header column names, split on the sniffed delimiter, quotes and spaces trimmed. */
export function headerColumns(head: Uint8Array): string[] {
  const line = headerOf(head);
  if (!line) return [];
  const d = sniffDelimiter(line);
  return line.split(d).map((c) => c.trim().replace(/^"|"$/g, ''));
}

export const csvFormat: Format = {
  id: 'csv',
  growth: 'append',
  detect(name, head) {
    const base = baseName(name).toLowerCase();
    if (head.length > 0 && !looksTextual(head)) return 0;
    const cols = headerColumns(head);
    const tabular = cols.length >= 2 && !(headerOf(head) ?? '').trimStart().startsWith('{');
    if (base.endsWith('.csv') || base.endsWith('.tsv')) return tabular ? 0.5 : 0.3;
    return tabular && cols.every((c) => c.length > 0 && c.length < 80) ? 0.25 : 0;
  },
  createDecoder: (origin) => createColumnDecoder(origin, 'csv'),
};
