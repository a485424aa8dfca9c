// The curves of a CSV table addressed by column names (--x, --y, --group), streamed: each row's
// numbers go straight into its group's points, so a 10M-row file never exists as row objects.
// Groups whose every row lacks numbers are kept (with no points) so `fit` can say so per curve.
import type { Point } from '../core/analysis';
import type { Cells } from '../ingest/text/cells';
import { UsageError } from './args';
import { readCsvWith, type CsvRowSink } from './csvTable';
import type { LoadedCurve, LoadedCurves } from './sourceCurves';
import { xKindOf } from '../ingest/model/keys';
import { skippedRowText } from '../ingest/model/textCells';
import { log10CountKind, looksLikeLog10OfStepCount } from '../ingest/model/logAxes';

export interface TableCurveColumns {
  readonly x: string;
  readonly y: string;
  readonly groups: readonly string[];
}

interface Group {
  readonly group: Record<string, string>;
  readonly points: Point[];
  /** per point, the row's step (when the table has a step column and --x is a count): to recognise an x stored as log10 */
  readonly steps: number[];
  skipped: number;
  /** The first skipped row, as the warning shows it. */
  firstSkipped?: string;
}

class CurveSink {
  columns: readonly string[] = [];
  private xi = -1;
  private yi = -1;
  private gi: number[] = [];
  private si = -1;
  readonly groups = new Map<string, Group>();
  skipped = 0;
  firstSkipped: string | undefined;

  constructor(private readonly cols: TableCurveColumns) {}

  /** Whether the header has every column asked for (rows are ignored otherwise). */
  private complete = false;

  onHeader(columns: readonly string[]): void {
    this.columns = columns.slice();
    this.xi = columns.indexOf(this.cols.x);
    this.yi = columns.indexOf(this.cols.y);
    this.gi = this.cols.groups.map((c) => columns.indexOf(c));
    this.si = log10CountKind(xKindOf(this.cols.x)) ? columns.findIndex((c) => xKindOf(c) === 'step') : -1;
    this.complete = this.xi >= 0 && this.yi >= 0 && this.gi.every((i) => i >= 0);
  }

  row(cells: Cells, line: number): void {
    if (!this.complete) return;
    const g = this.groupOf(cells);
    const x = cells.num(this.xi);
    const y = cells.num(this.yi);
    const xOk = typeof x === 'number' && Number.isFinite(x);
    if (!xOk || typeof y !== 'number' || !Number.isFinite(y)) {
      // the cell that made the row no point: x's when both are
      const [i, name] = xOk ? [this.yi, this.cols.y] : [this.xi, this.cols.x];
      const first = skippedRowText(line, cells.str(i), name);
      g.skipped++;
      g.firstSkipped ??= first;
      this.skipped++;
      this.firstSkipped ??= first;
      return;
    }
    g.points.push({ x, y });
    if (this.si >= 0) {
      const s = cells.num(this.si);
      g.steps.push(typeof s === 'number' ? s : NaN);
    }
  }

  private groupOf(cells: Cells): Group {
    let key = '';
    for (let k = 0; k < this.gi.length; k++) key += (k > 0 ? '\u0000' : '') + cells.str(this.gi[k]).trim();
    let g = this.groups.get(key);
    if (!g) {
      const group: Record<string, string> = {};
      this.cols.groups.forEach((c, k) => (group[c] = cells.str(this.gi[k]).trim()));
      this.groups.set(key, (g = { group, points: [], steps: [], skipped: 0 }));
    }
    return g;
  }
}

export interface CurveTable {
  readonly header: readonly string[];
  /** The curves, one per group; a usage error naming the columns when one asked for is missing. */
  curves(): LoadedCurves;
}

/** Reads the table once; only an unreadable file throws here (the caller may try it as a log). */
export async function readCurveTable(path: string, cols: TableCurveColumns): Promise<CurveTable> {
  const sink = new CurveSink(cols);
  const rows: CsvRowSink = { header: (c) => sink.onHeader(c), row: (cells, line) => sink.row(cells, line) };
  const reading = await readCsvWith(path, rows);
  const header = sink.columns;
  return {
    header,
    curves(): LoadedCurves {
      for (const n of [cols.x, cols.y, ...cols.groups]) {
        if (!header.includes(n)) throw new UsageError(`${path} has no column "${n}"; columns are: ${header.join(', ')}`);
      }
      const all = [...sink.groups.values()];
      if (!all.some((g) => g.points.length > 0)) throw new UsageError(`${path} has no rows with numbers in both ${cols.x} and ${cols.y}`);
      const grouped = cols.groups.length > 0;
      // an x stored as log10 (OPT's flops 17.9 for 7.5e17) is read back as 10^x, as the log readers do
      const logX = all.filter((g) => g.steps.length === g.points.length && looksLikeLog10OfStepCount(g.steps, g.points.map((p) => p.x)));
      for (const g of logX) g.points.forEach((p, i) => (g.points[i] = { x: 10 ** p.x, y: p.y }));
      const curves: LoadedCurve[] = all.map((g) => ({
        group: g.group,
        points: g.points,
        // with --group each curve names its own skipped rows; without, the one curve has them all
        ...(grouped && g.skipped > 0 ? { warnings: [skippedRows(g.skipped, g.firstSkipped!, cols)] } : {}),
      }));
      const warnings = !grouped && sink.skipped > 0 ? [skippedRows(sink.skipped, sink.firstSkipped!, cols)] : [];
      if (logX.length > 0) warnings.push(`${cols.x} rises by 1 for every 10× in steps${grouped ? ` in ${logX.length} of ${all.length} curves` : ''}, so it holds log10(${cols.x}): read as 10^value`);
      return { curves, warnings: [...warnings, ...reading] };
    },
  };
}

/** "skipped 2 rows without numbers in step and loss (first: row 4, loss "oops")". */
function skippedRows(n: number, first: string, cols: TableCurveColumns): string {
  return `skipped ${n} row${n === 1 ? '' : 's'} without numbers in ${cols.x} and ${cols.y} (${n === 1 ? '' : 'first: '}${first})`;
}
