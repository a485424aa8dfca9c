// Folds the runs decoded from many files into one SourceData: files of one group (a TensorBoard
// run dir with train/validation sub-folders, an MLflow run, one metric per file) become one run.
// Pure: the Node edge (read.ts, watch.ts) decodes, this only merges.
// TensorBoard restarts cross files: PyTorch's SummaryWriter(purge_step=T) opens a *new* events
// file whose SessionLog START orphans the points with step >= T that the run's *older* files hold;
// the decoder reports T as meta.purge_step and the merge here drops them, as TensorBoard does.
import type { FormatId, IngestWarning, RunData, SeriesData, SourceData, Split } from './model';
import { withRunAxes } from './runAxes';
import { asTrainerStateRun, continuesHistory, lastStep } from './hfTensorboard';
import { stitchResumedRuns } from './resumedRuns';
import { keepBeforeStep, keepSteps, mergeSeries, supersedeWith } from './seriesMerge';

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
  /** The run's configuration read beside its log (hparams.yaml, MLflow params); the log's own facts win. */
  readonly config?: Readonly<Record<string, string | number>>;
  /** HF Trainer event files beside a trainer_state.json: they add only the steps past its history,
   *  unless they turn out to be another run (then theirs: its name and folder). */
  readonly extendsHistory?: { readonly runName: string; readonly origin: string };
}

export interface DecodedFile {
  readonly path: string;
  readonly format: FormatId;
  readonly placement: FilePlacement;
  readonly runs: readonly RunData[];
  readonly warnings: readonly IngestWarning[];
}

/** The writer's start time in an events file name (events.out.tfevents.<unix seconds>.<host>…). */
function eventFileTime(path: string): number {
  const m = /tfevents\.(\d+)[^\\/]*$/.exec(path);
  return m ? Number(m[1]) : Infinity;
}

/** The same files with each event-file folder's files in writing order (older first), so a restart
 *  is merged after the files it purges; every other file keeps its place. */
function orderEventFiles(files: readonly DecodedFile[]): DecodedFile[] {
  const slots = new Map<string, number[]>();
  files.forEach((f, i) => {
    if (f.format !== 'tfevents') return;
    const scope = `${f.placement.groupId}\0${f.placement.keyPrefix ?? ''}`;
    const list = slots.get(scope);
    if (list) list.push(i);
    else slots.set(scope, [i]);
  });
  const out = files.slice();
  for (const idx of slots.values()) {
    if (idx.length < 2) continue;
    const sorted = idx.map((i) => files[i]).sort((a, b) => eventFileTime(a.path) - eventFileTime(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    idx.forEach((i, k) => (out[i] = sorted[k]));
  }
  return out;
}

/** A split folder merged into its run (Keras's validation/) names its series, not the whole run. */
function withoutSplitFolder(meta: NonNullable<RunData['meta']>, keyPrefix: string | undefined): NonNullable<RunData['meta']> {
  if (keyPrefix === undefined || !('splitFolder' in meta)) return meta;
  const { splitFolder: _named, ...rest } = meta;
  return rest;
}

/** Each tail series' points past the last step its history (the same key's series) holds. */
function extendHistory(series: Map<string, SeriesData>, tail: Map<string, SeriesData>): void {
  for (const [key, s] of tail) {
    const history = series.get(key);
    const last = lastStep(history);
    const after = keepSteps(s, (step) => step > last).series;
    if (after.y.length > 0) series.set(key, history ? mergeSeries(history, after) : after);
  }
}

/**
 * A history-extending file where its placement puts it, or, when its values at the first steps it
 * shares with the history disagree (a new training in a reused output dir beside stale
 * checkpoints), in a run of its own.
 */
function placed(p: FilePlacement, decoded: RunData, groups: ReadonlyMap<string, Group>): { placement: FilePlacement; run: RunData } {
  if (!p.extendsHistory) return { placement: p, run: decoded };
  const run = asTrainerStateRun(decoded);
  const history = groups.get(p.groupId);
  if (!history || continuesHistory(run, history.series)) return { placement: p, run };
  const own = p.extendsHistory;
  return { placement: { groupId: `tfevents:${own.origin}`, origin: own.origin, runName: own.runName }, run: decoded };
}

interface Group {
  readonly name: string;
  readonly origin: string;
  readonly format: FormatId;
  readonly series: Map<string, SeriesData>;
  readonly scopes: Map<string, string>;
  meta?: Record<string, string | number>;
  tail?: Map<string, SeriesData>;
}

export function assembleSource(unordered: readonly DecodedFile[], fallbackFormat: FormatId = 'text'): SourceData {
  // a history comes before the files that extend it, whatever order they were listed in
  const files = orderEventFiles([...unordered.filter((f) => !f.placement.extendsHistory), ...unordered.filter((f) => f.placement.extendsHistory)]);
  const groups = new Map<string, Group>();
  const extraRuns: RunData[] = [];
  const warnings: IngestWarning[] = [];
  const formatCounts = new Map<FormatId, number>();
  for (const f of files) {
    warnings.push(...f.warnings);
    if (f.runs.length > 0 && !f.placement.extendsHistory) formatCounts.set(f.format, (formatCounts.get(f.format) ?? 0) + 1);
    if (f.runs.length > 1) {
      // a file of many runs (benchmark table) keeps them apart
      for (const r of f.runs) extraRuns.push({ ...r, name: f.placement.runName ? `${f.placement.runName}/${r.name}` : r.name });
      continue;
    }
    const decoded = f.runs[0];
    if (!decoded) continue;
    const { placement, run } = placed(f.placement, decoded, groups);
    let g = groups.get(placement.groupId);
    if (!g) {
      g = { name: placement.runName || run.name, origin: placement.origin, format: f.format, series: new Map(), scopes: new Map() };
      if (placement.config) g.meta = { ...placement.config };
      groups.set(placement.groupId, g);
    }
    const meta = run.meta && withoutSplitFolder(run.meta, placement.keyPrefix);
    if (meta && Object.keys(meta).length > 0) g.meta = { ...g.meta, ...meta };
    if (placement.extendsHistory) {
      // a file starting at step T orphans the points at T and after that earlier files hold (HF
      // resumes from a checkpoint and logs on)
      supersedeWith((g.tail ??= new Map()), run);
      continue;
    }
    const scope = placement.keyPrefix ?? '';
    const purge = f.format === 'tfevents' ? run.meta?.purge_step : undefined;
    if (typeof purge === 'number') {
      // only series written to the same folder: a restart in train/ leaves validation/ alone
      let dropped = 0;
      for (const [key, s] of g.series) {
        if (g.scopes.get(key) !== scope) continue;
        const r = keepBeforeStep(s, purge);
        if (r.dropped > 0) g.series.set(key, r.series);
        dropped += r.dropped;
      }
      if (dropped > 0) warnings.push({ file: f.path, message: `restart (SessionLog START) at step ${purge}: dropped ${dropped} point(s) with step >= ${purge} from earlier event files of this run` });
    }
    for (const s of run.series) {
      const key = placement.keyPrefix ? `${placement.keyPrefix}/${s.key}` : s.key;
      const placed: SeriesData = { ...s, key, split: placement.split ?? s.split };
      const prev = g.series.get(key);
      g.series.set(key, prev ? mergeSeries(prev, placed) : placed);
      g.scopes.set(key, scope);
    }
  }
  const runs: RunData[] = [];
  for (const g of groups.values()) {
    if (g.tail) extendHistory(g.series, g.tail);
    const r: RunData = { name: g.name, origin: g.origin, format: g.format, series: [...g.series.values()] };
    runs.push(g.meta ? { ...r, meta: g.meta } : r);
  }
  for (const r of extraRuns) runs.push(r);
  let format = fallbackFormat;
  let best = 0;
  for (const [f, n] of formatCounts) if (n > best) [format, best] = [f, n];
  const stitched = stitchResumedRuns(runs);
  const axes = withRunAxes(stitched.runs);
  return { format, runs: axes.runs, warnings: [...warnings, ...stitched.warnings, ...axes.warnings] };
}
