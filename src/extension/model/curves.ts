// Turns what ingestion read (runs × series × x kinds) into the learning curves a person picks
// from: one curve per run for the chosen y series and x kind, with the columns guessed the way a
// person would (x: seen examples / tokens / …; y: validation loss first). Pure.
import type { Point } from '../../core/analysis';
import { yKeysOf } from '../../ingest/model/columns';
import type { RunData, SeriesData, SourceData, XKind } from '../../ingest/model/model';
import type { PanelNotice } from '../../shared/protocol';
import { formatAmount } from '../../core/units';
import { FRONTIER_LABEL, GROUP_SYMBOL, sweepDefaultX, sweepSlicesOf, type SweepSlice } from '../../ingest/model/sweepGroups';
import { acrossSizesCaution, isSizeSweep, sizeSweepOrigin } from '../../ingest/model/sizeSweep';
import { sweepSliceRows } from '../../ingest/model/sweepOutlierRows';

export { yKeysOf };

export interface Columns {
  readonly x: XKind;
  readonly y: string;
}

export interface CurveRef {
  /** Stable across refreshes of the same source: run index + series key. */
  readonly id: string;
  readonly label: string;
  readonly runIndex: number;
  readonly run: string;
  readonly key: string;
  readonly points: number;
  /** A sweep's curve holds some of its rows: one model size's, or the compute frontier. */
  readonly slice?: SweepSlice;
}

export interface CurveData {
  readonly points: Point[];
  /** Per-point fit flag, aligned with `points`, when the source carries one. */
  readonly trainMask?: boolean[];
}

// Order of preference for the x axis: what scaling laws are usually stated in (tokens before
// samples, as the CLI: an LM log with both is read against D).
const X_PREFERENCE: readonly XKind[] = ['tokens', 'samples', 'flops', 'params', 'step', 'epoch', 'index', 'time'];

/** Every x kind that some series has (with at least one finite value), in preference order. */
export function xKindsOf(source: SourceData): XKind[] {
  const found = new Set<XKind>();
  for (const run of source.runs) {
    for (const s of run.series) {
      for (const [kind, arr] of Object.entries(s.x) as [XKind, Float64Array][]) {
        if (arr && arr.some((v) => Number.isFinite(v))) found.add(kind);
      }
    }
  }
  return X_PREFERENCE.filter((k) => found.has(k));
}

/** The guessed columns, or undefined when the source has nothing to plot. */
export function guessColumns(source: SourceData): Columns | undefined {
  const y = yKeysOf(source)[0];
  if (y === undefined) return undefined;
  // prefer the best x kind that the chosen y series actually has; for a sweep, the first that
  // gives it curves (its sizes, or an IsoFLOP frontier) rather than one curve through every size
  const kinds = xKindsOfKey(source, y);
  const sweep = source.format === 'sweep' ? source.runs[0]?.series.find((s) => s.key === y) : undefined;
  const x = (sweep && sweepDefaultX(sweep, X_PREFERENCE.filter((k) => kinds.has(k)))) ?? X_PREFERENCE.find((k) => kinds.has(k));
  return x ? { x, y } : undefined;
}

/** The x kinds of series `key`; a sweep across sized runs is not what a source opens on. */
function xKindsOfKey(source: SourceData, key: string): Set<XKind> {
  const kinds = new Set<XKind>();
  for (const run of source.runs) {
    if (isSizeSweep(run)) continue;
    for (const s of run.series) {
      if (s.key !== key) continue;
      for (const [kind, arr] of Object.entries(s.x) as [XKind, Float64Array][]) {
        if (arr && arr.some((v) => Number.isFinite(v))) kinds.add(kind);
      }
    }
  }
  return kinds;
}

export function runLabel(run: RunData): string {
  return run.name || run.origin;
}

/**
 * One curve per run that has series `columns.y` with x kind `columns.x`; in a sweep table, one
 * per value of the count held fixed (loss against D for each N), when that gives curves.
 */
export function listCurves(source: SourceData, columns: Columns): CurveRef[] {
  const found: { ref: CurveRef; s: SeriesData; slices: SweepSlice[] }[] = [];
  source.runs.forEach((run, runIndex) => {
    const s = run.series.find((x) => x.key === columns.y);
    // a sweep across sized runs is their copy but against N
    if (!s || (isSizeSweep(run) && columns.x !== 'params')) return;
    const n = countUsable(s, columns.x);
    if (n === 0) return;
    const multiSeries = run.series.filter((x) => x.key === columns.y).length > 1;
    const label = multiSeries ? `${runLabel(run)} · ${columns.y}` : runLabel(run);
    const ref = { id: `${runIndex}:${columns.y}`, label, runIndex, run: runLabel(run), key: columns.y, points: n };
    found.push({ ref, s, slices: run.format === 'sweep' ? sweepSlicesOf(s, columns.x) : [] });
  });
  // slices are named by their count alone unless several runs have them
  const named = found.filter((f) => f.slices.length > 0).length > 1;
  return found.flatMap(({ ref, s, slices }) => {
    if (slices.length === 0) return [ref];
    return slices.map((slice) => {
      const [suffix, name] = 'frontier' in slice ? ['frontier', FRONTIER_LABEL] : [`${slice.kind}=${slice.value}`, `${GROUP_SYMBOL[slice.kind]!} = ${formatAmount(slice.value)}`];
      return { ...ref, id: `${ref.id}:${suffix}`, label: named ? `${ref.label} · ${name}` : name, points: countUsable(s, columns.x, slice), slice };
    });
  });
}

/**
 * A quiet suggestion while a source of sized runs is shown against anything but N: its sweep
 * across sizes answers "what would a bigger model reach" (undefined when it has none for `columns.y`).
 */
export function acrossSizesHint(source: SourceData, columns: Columns | undefined): PanelNotice | undefined {
  if (!columns || columns.x === 'params') return undefined;
  const run = source.runs.find((r) => isSizeSweep(r) && r.series.some((s) => s.key === columns.y));
  const sizes = run && [...new Set(run.series.find((s) => s.key === columns.y)!.x.params)].sort((a, b) => a - b);
  if (!run || !sizes) return undefined;
  const { runs, family } = sizeSweepOrigin(run);
  const range = `${formatAmount(sizes[0]!)} … ${formatAmount(sizes[sizes.length - 1]!)}`;
  return { text: `${runs} runs of ${family} (${range}): against parameters (N), one curve per shared D shows what a bigger model would reach.`, action: 'againstN', actionLabel: 'Show against N', hint: true };
}

/** What a curve of a sweep across sized runs does not say (a loss read mid-schedule), when it is one. */
export function acrossSizesCautionOf(source: SourceData, ref: CurveRef): string | undefined {
  const run = source.runs[ref.runIndex];
  if (!run || !isSizeSweep(run) || !ref.slice || !('kind' in ref.slice)) return undefined;
  return acrossSizesCaution(run, ref.slice.kind, GROUP_SYMBOL[ref.slice.kind]!);
}

function countUsable(s: SeriesData, kind: XKind, slice?: SweepSlice): number {
  const xs = s.x[kind];
  if (!xs) return 0;
  const rows = slice && sweepSliceRows(s, slice);
  let n = 0;
  for (let i = 0; i < s.y.length; i++) if (Number.isFinite(xs[i]!) && Number.isFinite(s.y[i]!) && (!rows || rows[i])) n++;
  return n;
}

/** The finite (x, y) points of one curve in x order, with the source's fit mask when present. */
export function curveData(source: SourceData, ref: CurveRef, kind: XKind): CurveData {
  return curveDataOf(source, ref, kind).data;
}

/** Curve data and whether point i is simply row i (every row finite, in x order, no mask): then a grown log can be extended. */
export interface CurveDataBuild {
  readonly data: CurveData;
  readonly rows: number;
  readonly identity: boolean;
}

function seriesOf(source: SourceData, ref: CurveRef, kind: XKind): { s: SeriesData; xs: Float64Array } | undefined {
  const s = source.runs[ref.runIndex]?.series.find((x) => x.key === ref.key);
  const xs = s?.x[kind];
  return s && xs ? { s, xs } : undefined;
}

export function curveDataOf(source: SourceData, ref: CurveRef, kind: XKind): CurveDataBuild {
  const found = seriesOf(source, ref, kind);
  if (!found) return { data: { points: [] }, rows: 0, identity: false };
  const { s, xs } = found;
  // a log is usually written in x order: then no sort (and no per-row temporaries) is needed,
  // which matters for per-step logs of millions of points
  const finite: number[] = [];
  let sorted = true;
  let prev = -Infinity;
  const rows = ref.slice && sweepSliceRows(s, ref.slice);
  for (let i = 0; i < s.y.length; i++) {
    const x = xs[i]!;
    if (Number.isFinite(x) && Number.isFinite(s.y[i]!) && (!rows || rows[i])) {
      if (x < prev) sorted = false;
      prev = x;
      finite.push(i);
    }
  }
  // stable: equal x keep their file order
  const order = sorted ? finite : finite.sort((a, b) => xs[a]! - xs[b]! || a - b);
  const points: Point[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) points[k] = { x: xs[order[k]!]!, y: s.y[order[k]!]! };
  const identity = sorted && order.length === s.y.length && !s.fitMask && !rows;
  if (!s.fitMask) return { data: { points }, rows: s.y.length, identity };
  const mask = s.fitMask;
  return { data: { points, trainMask: order.map((i) => mask[i] === 1) }, rows: s.y.length, identity };
}

/**
 * The same curve after its log grew: when `prev` was row-for-row (identity), the series only
 * gained rows at its end, the earlier rows are unchanged and the new rows are finite and keep x order, the new points are appended to a copy of
 * the old list instead of rebuilding a million points. Otherwise a full rebuild.
 */
export function extendCurveData(prev: CurveDataBuild, source: SourceData, ref: CurveRef, kind: XKind): CurveDataBuild {
  const found = seriesOf(source, ref, kind);
  const n = prev.rows;
  if (!found || !prev.identity || found.s.fitMask || found.s.y.length < n || n === 0) return curveDataOf(source, ref, kind);
  const { s, xs } = found;
  // every old row compared (a few ms for a million; building the points is what costs)
  for (let i = 0; i < n; i++) {
    const p = prev.data.points[i]!;
    if (p.x !== xs[i] || p.y !== s.y[i]) return curveDataOf(source, ref, kind);
  }
  const last = prev.data.points[n - 1]!;
  const points = prev.data.points.slice();
  let px = last.x;
  for (let i = n; i < s.y.length; i++) {
    const x = xs[i]!;
    const y = s.y[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < px) return curveDataOf(source, ref, kind);
    points.push({ x, y });
    px = x;
  }
  return { data: { points }, rows: s.y.length, identity: true };
}

/** Exponential moving average in log space (robust for losses spanning decades); weight 0 = off. */
export function smoothLog(points: readonly Point[], weight: number): Point[] {
  if (!(weight > 0) || weight >= 1) return points.slice();
  let acc: number | undefined;
  return points.map((p) => {
    if (!(p.y > 0)) return p;
    const ly = Math.log(p.y);
    acc = acc === undefined ? ly : weight * acc + (1 - weight) * ly;
    return { x: p.x, y: Math.exp(acc) };
  });
}
