// Column layouts of the CSVs the dashboards export, so their runs and metrics keep their names:
// W&B's chart export (`Step,"<run> - <metric>","<run> - <metric>__MIN","… __MAX"`, one column per
// run, the __MIN/__MAX envelope of each sampled bucket beside it) and TensorBoard's scalar export
// (`Wall time,Step,Value`, the run and tag only in the file name `run-<run>-tag-<tag>.csv`; its
// JSON twin is read by formats/tensorboardJson.ts).
import { baseName } from './keys';

export interface ExportColumn {
  /** The run the column belongs to, when the export names one. */
  readonly run?: string;
  /** The metric's own name ("train/loss"), without the run prefix. */
  readonly key: string;
}

/** What a column of an export is: a metric of a run, or nothing to read (an envelope). */
export type ExportLayout = ReadonlyMap<number, ExportColumn | 'skip'>;

const ENVELOPE = /__(MIN|MAX)$/;
const RUN_METRIC = /^(.+?) - (.+)$/;

/**
 * The W&B chart-export reading of a header, or undefined when it is not one: at least one
 * `<run> - <metric>` column with its `__MIN`/`__MAX` envelope beside it (a CSV of plain columns
 * with " - " in a name is left alone).
 */
export function wandbExportLayout(columns: readonly string[]): ExportLayout | undefined {
  const names = new Set(columns.map((c) => c.trim()));
  const isMetric = (c: string): boolean => RUN_METRIC.test(c) && !ENVELOPE.test(c) && (names.has(`${c}__MIN`) || names.has(`${c}__MAX`));
  if (!columns.some((c) => isMetric(c.trim()))) return undefined;
  const layout = new Map<number, ExportColumn | 'skip'>();
  columns.forEach((raw, i) => {
    const c = raw.trim();
    if (ENVELOPE.test(c) && names.has(c.replace(ENVELOPE, ''))) layout.set(i, 'skip');
    else if (isMetric(c)) {
      const m = RUN_METRIC.exec(c)!;
      layout.set(i, { run: m[1]!.trim(), key: m[2]!.trim() });
    }
  });
  return layout;
}

const TB_FILE = /^run-(.*)-tag-(.+)\.(?:[ct]sv|json)$/i;

/** A TensorBoard download's file name (`run-<run>-tag-<tag>.json`, or its .csv/.tsv twin). */
export function isTensorboardDownload(fileName: string): boolean {
  return TB_FILE.test(fileName);
}

/**
 * The run and tag a TensorBoard export's file name states (`run-version_0-tag-val_loss.csv` →
 * run "version_0", "val_loss"; run "." is the log folder itself, so none), else the file's stem.
 */
export function tensorboardExportNames(origin: string): ExportColumn {
  const base = baseName(origin);
  const m = TB_FILE.exec(base);
  if (!m) return { key: base.replace(/\.[^.]*$/, '') };
  return m[1] && m[1] !== '.' ? { run: m[1], key: m[2]! } : { key: m[2]! };
}

/**
 * The TensorBoard scalar-export reading of a header (`Wall time,Step,Value`): the value column
 * named by the file's tag (`run-version_0-tag-val_loss.csv` → run "version_0", "val_loss"), or by
 * the file's stem; wall time is read as the time axis. Undefined for any other header.
 */
export function tensorboardExportLayout(columns: readonly string[], origin: string): ExportLayout | undefined {
  const lower = columns.map((c) => c.trim().toLowerCase());
  if (lower.length !== 3 || lower[0] !== 'wall time' || lower[1] !== 'step' || lower[2] !== 'value') return undefined;
  return new Map<number, ExportColumn | 'skip'>([[2, tensorboardExportNames(origin)]]);
}
