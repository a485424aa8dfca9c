// A sibling run is a prior's evidence, or a reference run's final loss a target, only when it has
// finished: one that diverged, or stopped short of its planned end (still running, or cut short),
// ends above where it would have, and would pull the prior or the target with it. Pure.
import { inferSchedule, type ScheduleSpec } from '../../core/schedule/index';
import { formatAmount } from '../../core/units';
import { medianInPlace } from '../../core/arrayStats';
import type { LoadedRun } from '../../ingest/scheduleRuns';

/**
 * A log may stop short of its planned end by this share of it, or by one logging interval when
 * that is more: the last logging step need not fall on the end (finalLosses.ts counts 99% as reached).
 */
const END_SLACK = 0.01;
/** A run without a known end is marked when its last step is under this share of the others' median: much shorter. */
const MUCH_SHORTER = 0.5;

/** Where the run is planned to end, and what says so: its config or max_steps, else its logged LR's decay. */
function plannedEnd(r: LoadedRun): { step: number; from: string } | undefined {
  if (r.configSchedule?.ok) return { step: r.configSchedule.spec.total, from: `its config's schedule, ${r.configSchedule.text}` };
  if (r.plannedSteps !== undefined) return { step: r.plannedSteps, from: 'its planned length' };
  if (!r.lr) return undefined;
  // only a curved decay under way shows where it ends: an LR at its peak (WSD, constant) says
  // nothing of it, and a straight or geometric one's end is assumed (infer.ts), not read
  const g = inferSchedule(r.lr);
  return g.ok && showsItsEnd(g.spec) ? { step: g.spec.total, from: `where its logged LR's decay ends, ${g.text}` } : undefined;
}

/** A cosine decay, or a WSD one that is cosine, sqrt or exp2: curved to its end, which the fit reads. */
function showsItsEnd(spec: ScheduleSpec): boolean {
  return spec.kind === 'cosine' || (spec.kind === 'wsd' && (spec.shape === 'cosine' || spec.shape === 'sqrt' || spec.shape === 'exp2'));
}

const lastStep = (r: LoadedRun): number => r.steps[r.steps.length - 1] ?? NaN;

/**
 * Why `r` is no finished run (diverged: its loss NaN or infinite for its last points; unfinished:
 * short of its planned end), or undefined.
 */
export function unfinishedWhy(r: LoadedRun): string | undefined {
  const tail = r.notFiniteTail;
  if (tail?.diverged) return `diverged: its loss is NaN or infinite from step ${formatAmount(tail.fromX)} to the end (${tail.points} points)`;
  const end = plannedEnd(r);
  const last = lastStep(r);
  if (!end || !(last > 0)) return undefined;
  const interval = r.steps.length > 1 ? last - r.steps[r.steps.length - 2]! : 0;
  if (end.step - last <= Math.max(END_SLACK * end.step, interval)) return undefined;
  return `unfinished: its last step, ${formatAmount(last)}, is ${Math.round((100 * last) / end.step)}% of the way to step ${formatAmount(end.step)} (${end.from}); still running or cut short`;
}

/**
 * The runs among `runs` whose end is not known and whose last step is under half the others'
 * median: much shorter than the rest, perhaps still running. Marked, not left out: a sweep may
 * hold runs of different lengths.
 */
export function muchShorter(runs: readonly LoadedRun[]): Map<LoadedRun, string> {
  const out = new Map<LoadedRun, string>();
  if (runs.length < 2) return out;
  for (const r of runs) {
    const m = medianInPlace(Float64Array.from(runs.filter((o) => o !== r), lastStep));
    if (lastStep(r) < MUCH_SHORTER * m && !plannedEnd(r)) out.set(r, `much shorter than the others: its last step, ${formatAmount(lastStep(r))}, is under half theirs (median ${formatAmount(m)}); still running or cut short?`);
  }
  return out;
}

/** Each of `runs` that is no finished run or much shorter than the others, with why (a reference picker's marks). */
export function runCaveats(runs: readonly LoadedRun[]): Map<LoadedRun, string> {
  const out = muchShorter(runs);
  for (const r of runs) {
    const why = unfinishedWhy(r);
    if (why !== undefined) out.set(r, why);
  }
  return out;
}
