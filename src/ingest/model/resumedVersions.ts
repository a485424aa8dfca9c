// Lightning opens a new version_N folder when a run is resumed from a checkpoint
// (Trainer.fit(ckpt_path=…) with a fresh logger), so one training is split over version_0,
// version_1, …, each logging from its checkpoint's step on. A version whose first step is a
// logging interval or more past the previous version's first step (its loop state was restored: a
// new run logs from the start) and not far past its last is that run resumed: the two are one run, the earlier version's points from
// the resumed step on superseded, as a resumed log's are. Pure: paths are only compared as text.
import type { IngestWarning, RunData, SeriesData } from './model';
import { firstStep, lastStep } from './hfTensorboard';
import { keepBeforeStep, mergeSeries } from './seriesMerge';

const VERSION = /^version_(\d+)$/;

/** The version folder a run came from (its metrics.csv's folder, or an event-file folder), if any. */
function versionOf(origin: string): { parent: string; folder: string; n: number } | undefined {
  const parts = origin.split(/[\\/]/);
  for (const at of [parts.length - 1, parts.length - 2]) {
    const m = at > 0 ? VERSION.exec(parts[at] ?? '') : null;
    if (m) return { parent: parts.slice(0, at).join('/'), folder: parts[at]!, n: Number(m[1]) };
  }
  return undefined;
}

function lastStepOf(run: RunData): number {
  return Math.max(...run.series.map((s) => lastStep(s)));
}

/** The steps between consecutive points of the run's longest stepped series, ascending. */
function stepGaps(run: RunData): Float64Array {
  const steps = run.series.reduce<Float64Array | undefined>((best, s) => (s.x.step && s.x.step.length > (best?.length ?? 0) ? s.x.step : best), undefined);
  const n = steps?.length ?? 0;
  return Float64Array.from({ length: Math.max(0, n - 1) }, (_, i) => steps![i + 1]! - steps![i]!).sort();
}

/**
 * Whether `later` resumed `earlier`: it starts at least one logging interval (the median step
 * between earlier's points) past earlier's first step, since a checkpoint comes after a log, and by
 * at most two of its largest intervals or a tenth of the run past its last (a preempted job loses
 * the logs it had not flushed, not more). Runs without steps are never stitched.
 */
export function resumes(earlier: RunData, later: RunData): boolean {
  const from = firstStep(later);
  const start = firstStep(earlier);
  const end = lastStepOf(earlier);
  const gaps = stepGaps(earlier);
  if (!Number.isFinite(from) || !Number.isFinite(start) || !Number.isFinite(end) || gaps.length === 0) return false;
  const typical = gaps[gaps.length >> 1]!;
  return from - start >= Math.max(typical, 1) && from <= end + Math.max(2 * gaps[gaps.length - 1]!, 0.1 * end);
}

/** `later`'s points after `earlier`'s, whose points from later's first step on are dropped. */
function stitch(earlier: RunData, later: RunData): { run: RunData; dropped: number } {
  const from = firstStep(later);
  const series = new Map<string, SeriesData>();
  let dropped = 0;
  for (const s of earlier.series) {
    const kept = keepBeforeStep(s, from);
    dropped += kept.dropped;
    series.set(s.key, kept.series);
  }
  for (const s of later.series) {
    const prev = series.get(s.key);
    series.set(s.key, prev ? mergeSeries(prev, s) : s);
  }
  const meta = earlier.meta || later.meta ? { ...earlier.meta, ...later.meta } : undefined;
  const run: RunData = { name: later.name, origin: later.origin, format: later.format, series: [...series.values()], ...(meta ? { meta } : {}) };
  return { run, dropped };
}

/** The runs with each chain of resumed version_N folders made one run, and a note per chain. */
export function stitchResumedVersions(runs: readonly RunData[]): { runs: RunData[]; warnings: IngestWarning[] } {
  const families = new Map<string, { run: RunData; index: number; n: number; folder: string }[]>();
  runs.forEach((run, index) => {
    const v = versionOf(run.origin);
    if (!v) return;
    const key = `${run.format}\0${v.parent}`;
    const list = families.get(key) ?? [];
    list.push({ run, index, n: v.n, folder: v.folder });
    families.set(key, list);
  });
  const replaced = new Map<number, RunData | null>();
  const warnings: IngestWarning[] = [];
  for (const family of families.values()) {
    if (family.length < 2) continue;
    family.sort((a, b) => a.n - b.n);
    let chain = [family[0]!];
    let joined = family[0]!.run;
    let dropped = 0;
    const close = (): void => {
      if (chain.length > 1) {
        const names = chain.map((c) => c.folder);
        const name = `${chain[0]!.run.name} (resumed in ${names.slice(1).join(', ')})`;
        replaced.set(chain[0]!.index, { ...joined, name });
        for (const c of chain.slice(1)) replaced.set(c.index, null);
        warnings.push({
          file: joined.origin,
          message: `${names.join(', ')} are one run resumed from checkpoints (each starts past the step the one before started at): read as one run${dropped > 0 ? `, the ${dropped} point(s) an earlier version had logged from a resumed step on dropped, the resumed version's kept` : ''}`,
        });
      }
    };
    for (const next of family.slice(1)) {
      if (resumes(joined, next.run)) {
        const s = stitch(joined, next.run);
        joined = s.run;
        dropped += s.dropped;
        chain.push(next);
      } else {
        close();
        chain = [next];
        joined = next.run;
        dropped = 0;
      }
    }
    close();
  }
  if (replaced.size === 0) return { runs: [...runs], warnings };
  const out: RunData[] = [];
  runs.forEach((run, i) => {
    const r = replaced.get(i);
    if (r === undefined) out.push(run);
    else if (r) out.push(r);
  });
  return { runs: out, warnings };
}
