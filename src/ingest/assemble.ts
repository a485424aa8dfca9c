// Folds the runs decoded from many files into one SourceData: files of one group (a TensorBoard
// run dir with train/validation sub-folders, an MLflow run, one metric per file) become one run.
// Pure: the Node edge (read.ts, watch.ts) decodes, this only merges.
import type { FormatId, IngestWarning, RunData, SeriesData, SourceData, Split, XKind } from './model';

/** Where one file's data goes in the assembled source. */
export interface FilePlacement {
  /** Files with the same group id merge into one run. */
  readonly groupId: string;
  /** The file or folder the run came from (RunData.origin). */
  readonly origin: string;
  readonly runName: string;
  /** Prefix for series keys ('validation' for a Keras `validation/` sub-folder). */
  readonly keyPrefix?: string;
  /** Overrides the series split (the folder says train/validation). */
  readonly split?: Split;
}

export interface DecodedFile {
  readonly path: string;
  readonly format: FormatId;
  readonly placement: FilePlacement;
  readonly runs: readonly RunData[];
  readonly warnings: readonly IngestWarning[];
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Appends b's points after a's (restarted writers, several event files of one run). */
function mergeSeries(a: SeriesData, b: SeriesData): SeriesData {
  const x: Partial<Record<XKind, Float64Array>> = {};
  const kinds = new Set([...Object.keys(a.x), ...Object.keys(b.x)] as XKind[]);
  for (const k of kinds) x[k] = concat(a.x[k] ?? nanArray(a.y.length), b.x[k] ?? nanArray(b.y.length));
  const merged: SeriesData = { key: a.key, split: a.split, x, y: concat(a.y, b.y) };
  if (!a.fitMask && !b.fitMask) return merged;
  const mask = new Uint8Array(a.y.length + b.y.length).fill(1);
  if (a.fitMask) mask.set(a.fitMask, 0);
  if (b.fitMask) mask.set(b.fitMask, a.y.length);
  return { ...merged, fitMask: mask };
}

export function assembleSource(files: readonly DecodedFile[], fallbackFormat: FormatId = 'text'): SourceData {
  const groups = new Map<string, { name: string; origin: string; format: FormatId; series: Map<string, SeriesData>; meta?: Record<string, string | number> }>();
  const extraRuns: RunData[] = [];
  const warnings: IngestWarning[] = [];
  const formatCounts = new Map<FormatId, number>();
  for (const f of files) {
    warnings.push(...f.warnings);
    if (f.runs.length > 0) formatCounts.set(f.format, (formatCounts.get(f.format) ?? 0) + 1);
    if (f.runs.length > 1) {
      // a file of many runs (benchmark table) keeps them apart
      for (const r of f.runs) extraRuns.push({ ...r, name: f.placement.runName ? `${f.placement.runName}/${r.name}` : r.name });
      continue;
    }
    const run = f.runs[0];
    if (!run) continue;
    let g = groups.get(f.placement.groupId);
    if (!g) {
      g = { name: f.placement.runName || run.name, origin: f.placement.origin, format: f.format, series: new Map() };
      groups.set(f.placement.groupId, g);
    }
    if (run.meta) g.meta = { ...g.meta, ...run.meta };
    for (const s of run.series) {
      const key = f.placement.keyPrefix ? `${f.placement.keyPrefix}/${s.key}` : s.key;
      const placed: SeriesData = { ...s, key, split: f.placement.split ?? s.split };
      const prev = g.series.get(key);
      g.series.set(key, prev ? mergeSeries(prev, placed) : placed);
    }
  }
  const runs: RunData[] = [];
  for (const g of groups.values()) {
    const r: RunData = { name: g.name, origin: g.origin, format: g.format, series: [...g.series.values()] };
    runs.push(g.meta ? { ...r, meta: g.meta } : r);
  }
  runs.push(...extraRuns);
  let format = fallbackFormat;
  let best = 0;
  for (const [f, n] of formatCounts) if (n > best) [format, best] = [f, n];
  return { format, runs, warnings };
}
