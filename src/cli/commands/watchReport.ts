// What `watch` says each time the source is read: its new reading warnings, a run with nothing to
// follow, a change of the series followed, and each followed series' new point count with its refit.
// Text lines go to print (counts, refits) and printErr (warnings); with --json every event goes to emit.
import type { SourceData } from '../../ingest/model/model';
import { warmupStartOf } from '../../ingest/model/warmupStart';
import { refitOf, refitText } from './watchFit';
import { curvePoints, nothingToFollowText, pickSeries } from './watchSeries';
import { accuracyFittedText, errorNameOf, risesOverall, risingMetricText, unreachableAccuracyText, yMetricOf } from '../../core/yMetric';

export interface WatchReportOptions {
  readonly metric?: string;
  readonly laws: readonly string[];
  readonly targets: readonly string[];
  readonly reach: readonly number[];
  readonly json: boolean;
}

export interface WatchOutput {
  readonly print: (line: string) => void;
  readonly printErr: (line: string) => void;
  readonly emit: (event: Record<string, unknown>) => void;
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}

/** "(+40)" for points added; "(was 800)" when the log lost points (rewritten, or a resumed run's dropped tail). */
export function countChange(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  return now >= before ? ` (+${now - before})` : ` (was ${before})`;
}

/** A report function to call with each reading of the source, in order (it keeps what it has said). */
export function watchReporter(opts: WatchReportOptions, out: WatchOutput): (src: SourceData) => Promise<void> {
  const { json } = opts;
  const counts = new Map<string, number>();
  const followed = new Map<string, string>();
  // each warning is said once: a source's by file, line and text; a run's by run and text
  const said = new Set<string>();
  const warnOnce = (id: string, text: string, event: Record<string, unknown>): void => {
    if (said.has(id)) return;
    said.add(id);
    if (json) out.emit({ event: 'warning', ...event });
    else out.printErr(`warning: ${text}`);
  };

  return async (src) => {
    for (const w of src.warnings) {
      const where = `${w.file}${w.line !== undefined ? `:${w.line}` : ''}`;
      warnOnce(`${w.file}:${w.line ?? w.offset ?? ''}:${w.message}`, `${where}: ${w.message}`, { file: w.file, ...(w.line !== undefined ? { line: w.line } : {}), message: w.message });
    }
    for (const run of src.runs) {
      const s = pickSeries(run, opts.metric);
      if (!s) {
        const why = nothingToFollowText(run, opts.metric);
        if (why) warnOnce(`run\u0000${run.name}\u0000nothing to follow`, why, { run: run.name, message: why });
        continue;
      }
      const was = followed.get(run.name);
      if (was !== undefined && was !== s.key) {
        if (json) out.emit({ event: 'switch', time: new Date().toISOString(), run: run.name, series: s.key, was });
        else out.print(`${clock()} ${run.name}: now following ${s.key} (was ${was})`);
      }
      followed.set(run.name, s.key);
      const id = `${run.name}\u0000${s.key}`;
      const n = s.y.length;
      const prev = counts.get(id);
      if (prev === n) continue;
      counts.set(id, n);
      const added = prev !== undefined ? n - prev : undefined;
      if (!json) out.print(`${clock()} ${run.name} ${s.key}: ${n} points${countChange(n, prev)}`);
      const curve = curvePoints(s);
      const head = { event: 'refit', time: new Date().toISOString(), run: run.name, series: s.key, points: n, ...(added !== undefined ? { added } : {}) };
      if (!curve) {
        if (json) out.emit({ ...head, note: 'no point with a positive x yet' });
        continue;
      }
      const warmup = warmupStartOf(run, s, curve.kind);
      // an accuracy is followed as its error, a score that rises is not fitted (as fit and predict do)
      // (one named so that falls is followed as it is, as the panel fits it)
      const named = yMetricOf(s.key, () => curve.points.map((p) => p.y));
      const metric = (named?.kind === 'accuracy' || named?.kind === 'rising') && !risesOverall(curve.points) ? undefined : named;
      if (metric?.kind === 'rising') {
        const why = risingMetricText(s.key, 'choose it with --metric', metric);
        warnOnce(`${id}\u0000rising`, `${run.name} ${s.key}: ${why}`, { run: run.name, message: why });
        continue;
      }
      const acc = metric?.kind === 'accuracy' ? metric.scale : undefined;
      // keyed by the scale: a percent accuracy whose first values were all ≤ 1 was taken for one in
      // [0, 1]; once a value passes 1 its error is 100 − acc, and that is said too
      if (acc !== undefined) warnOnce(`${id}\u0000accuracy\u0000${acc}`, `${run.name} ${s.key}: ${accuracyFittedText(s.key, acc)}`, { run: run.name, message: accuracyFittedText(s.key, acc) });
      const points = acc !== undefined ? curve.points.map((p) => ({ ...p, y: acc - p.y })) : curve.points;
      // an accuracy asked for is its error; one at or past the scale is never reached, and said so once
      for (const v of acc !== undefined ? (opts.reach ?? []).filter((v) => !(v < acc)) : []) {
        const why = unreachableAccuracyText(v, s.key, acc!);
        warnOnce(`${id}\u0000${why}`, `${run.name} ${s.key}: ${why}`, { run: run.name, message: why });
      }
      const reach = acc !== undefined ? opts.reach?.filter((v) => v < acc).map((v) => Number((acc - v).toPrecision(12))) : opts.reach;
      const yName = acc !== undefined ? errorNameOf(s.key, acc) : s.key;
      const fitOpts = { laws: opts.laws, targets: opts.targets, ...(reach ? { reach } : {}), xKind: curve.kind, yName, ...(metric ? { metric } : {}), ...(acc !== undefined ? { accuracyOf: s.key } : {}), ...(warmup ? { warmup } : {}) };
      const r = await refitOf(points, fitOpts);
      if (json) {
        out.emit({ ...head, ...(acc !== undefined ? { fitted: yName } : {}), x: curve.kind, ...r });
        continue;
      }
      out.print(`  ${refitText(r, fitOpts)}`);
      // the same at every refit: said once, as fit says it
      for (const w of r.warnings ?? []) warnOnce(`${id}\u0000${w}`, `${run.name} ${s.key}: ${w}`, {});
    }
  };
}
