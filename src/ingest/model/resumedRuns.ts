// One training split over several run folders by resuming from a checkpoint, read as one run:
// - Lightning opens a new version_N folder when a run is resumed with a fresh logger
//   (Trainer.fit(ckpt_path=…)), each version logging from its checkpoint's step on. A version whose
//   first step is a logging interval or more past the previous version's first step (its loop state
//   was restored: a new run logs from the start) and not far past its last is that run resumed.
// - W&B writes a resumed run (wandb.init(id=…, resume=…)) to a new run-<time>-<id> folder with the
//   same id: folders of one id are one run, in step order.
// The earlier folder's points from the resumed step on are superseded, as a resumed log's are.
// Pure: paths are only compared as text.
import type { IngestWarning, RunData } from './model';
import { firstStep, lastStep } from './hfTensorboard';
import { supersedeWith } from './seriesMerge';

/** A Lightning logger's run folder. */
export const VERSION_FOLDER = /^version_(\d+)$/;

/** Runs that may be one training resumed: same family key; `order` sorts them, `label` names each. */
interface Member {
  readonly family: string;
  readonly order: number;
  readonly label: string;
  /** One id for the whole family (W&B): each member is the run resumed, no step test needed. */
  readonly sameId: boolean;
}

function memberOf(run: RunData): Member | undefined {
  const parts = run.origin.split(/[\\/]/);
  const id = run.meta?.wandb_run_id;
  // the folder run-<time>-<id> and its file run-<id>.wandb name the same id, or it is no W&B layout
  if (run.format === 'wandb' && id !== undefined && parts.length > 1 && parts[parts.length - 1]!.endsWith(`-${id}`)) {
    return { family: `wandb\0${parts.slice(0, -1).join('/')}\0${id}`, order: firstStep(run), label: parts[parts.length - 1]!, sameId: true };
  }
  // the version folder: a metrics.csv's folder, or an event-file folder itself
  for (const at of [parts.length - 1, parts.length - 2]) {
    const m = at > 0 ? VERSION_FOLDER.exec(parts[at] ?? '') : null;
    if (m) return { family: `${run.format}\0${parts.slice(0, at).join('/')}`, order: Number(m[1]), label: parts[at]!, sameId: false };
  }
  return undefined;
}

/** The run's last logged step over all its series (-Infinity without steps). */
export function lastStepOf(run: RunData): number {
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
  // most versions are new runs from the start: told apart before the gaps are sorted
  if (!(from > start) || !Number.isFinite(from)) return false;
  const end = lastStepOf(earlier);
  const gaps = stepGaps(earlier);
  if (!Number.isFinite(end) || gaps.length === 0) return false;
  const typical = gaps[gaps.length >> 1]!;
  return from - start >= Math.max(typical, 1) && from <= end + Math.max(2 * gaps[gaps.length - 1]!, 0.1 * end);
}

/** `later`'s points after `earlier`'s, whose points from later's first step on are dropped. */
function stitch(earlier: RunData, later: RunData): { run: RunData; dropped: number } {
  const series = new Map(earlier.series.map((s) => [s.key, s]));
  const dropped = supersedeWith(series, later);
  const meta = earlier.meta || later.meta ? { ...earlier.meta, ...later.meta } : undefined;
  const run: RunData = { name: later.name, origin: later.origin, format: later.format, series: [...series.values()], ...(meta ? { meta } : {}) };
  return { run, dropped };
}

/**
 * `later` with `earlier`'s points before it when it continues `earlier` (a log rotated or replaced
 * mid-run by a writer that carries on: resumes() says so); undefined when it is another run.
 */
export function continuedRun(earlier: RunData, later: RunData): RunData | undefined {
  if (!resumes(earlier, later)) return undefined;
  const { run } = stitch(earlier, later);
  return { ...run, name: later.name, origin: later.origin };
}

/** The runs with each chain of resumed run folders made one run, and a note per chain. */
export function stitchResumedRuns(runs: readonly RunData[]): { runs: RunData[]; warnings: IngestWarning[] } {
  const families = new Map<string, { run: RunData; index: number; member: Member }[]>();
  runs.forEach((run, index) => {
    const member = memberOf(run);
    if (!member) return;
    const list = families.get(member.family) ?? [];
    list.push({ run, index, member });
    families.set(member.family, list);
  });
  const replaced = new Map<number, RunData | null>();
  const warnings: IngestWarning[] = [];
  for (const family of families.values()) {
    if (family.length < 2) continue;
    family.sort((a, b) => a.member.order - b.member.order);
    let chain = [family[0]!];
    let joined = family[0]!.run;
    let dropped = 0;
    const close = (): void => {
      if (chain.length < 2) return;
      const labels = chain.map((c) => c.member.label);
      replaced.set(chain[0]!.index, { ...joined, name: `${chain[0]!.run.name} (resumed in ${labels.slice(1).join(', ')})` });
      for (const c of chain.slice(1)) replaced.set(c.index, null);
      const why = chain[0]!.member.sameId ? 'folders of one W&B run id' : 'each starts a logging interval or more past where the one before started, and not far past its end';
      const superseded = dropped > 0 ? `, the ${dropped} point(s) an earlier folder had logged from a resumed step on dropped, the resumed run's kept` : '';
      warnings.push({ file: joined.origin, message: `${labels.join(', ')} are one run resumed from checkpoints (${why}): read as one run${superseded}` });
    };
    for (const next of family.slice(1)) {
      if (next.member.sameId || resumes(joined, next.run)) {
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
