// A schedule as the laws consume it: η per step up to `total`, plus the steps where η has kinks or
// jumps. Built from a typed spec, or from one with a what-if cooldown spliced in.
import { ScalingLensError } from '../types';
import { breakpoints, formatSchedule, isCurved, lrAt, parseSchedule, type ScheduleSpec, type WsdShape } from './spec';

export interface Schedule {
  readonly total: number;
  /** η at integer step s in [0, total]. */
  lrAt(s: number): number;
  readonly breakpoints: readonly number[];
  /** Curved between breakpoints (cosine, exp …): a grid needs dense knots there. */
  readonly curved: boolean;
  readonly label: string;
  /** The step the LR warmup ends at (0: none). */
  readonly warmup: number;
}

export function scheduleFromSpec(spec: ScheduleSpec | string): Schedule {
  const s = typeof spec === 'string' ? parseSchedule(spec) : spec;
  return { total: s.total, lrAt: (t) => lrAt(s, t), breakpoints: breakpoints(s), curved: isCurved(s), label: formatSchedule(s), warmup: s.warmup };
}

export interface Cooldown {
  /** Step the cooldown starts (η there is the base schedule's). */
  readonly at: number;
  /** Length of the cooldown in steps; the run ends at at + over. */
  readonly over: number;
  readonly shape: WsdShape;
  /** η at the end; default 10% of η at `at` (exp needs > 0). */
  readonly end?: number;
}

/** The base schedule up to `at`, then a `shape` decay over `over` steps: "what if I cool down at step X". */
export function withCooldown(base: Schedule, c: Cooldown): Schedule {
  if (!Number.isInteger(c.at) || c.at < 1) throw new ScalingLensError('bad-argument', `cooldown step must be a whole number ≥ 1; got ${c.at}`);
  if (!Number.isInteger(c.over) || c.over < 1) throw new ScalingLensError('bad-argument', `cooldown length must be a whole number of steps ≥ 1; got ${c.over}`);
  if (c.at > base.total) throw new ScalingLensError('bad-argument', `cooldown at step ${c.at} is past the schedule's end (${base.total})`);
  const p = base.lrAt(c.at);
  const e = c.end ?? 0.1 * p;
  if (!(e >= 0) || (c.shape === 'exp' && !(e > 0))) throw new ScalingLensError('bad-argument', `cooldown end η must be ${c.shape === 'exp' ? '> 0 for shape=exp' : '≥ 0'}; got ${e}`);
  const total = c.at + c.over;
  const lr = (s: number): number => {
    if (s <= c.at) return base.lrAt(s);
    const f = Math.min(1, (s - c.at) / c.over);
    switch (c.shape) {
      case 'linear':
        return p + (e - p) * f;
      case 'exp':
        return Math.pow(p, 1 - f) * Math.pow(e, f);
      case 'cosine':
        return e + 0.5 * (p - e) * (1 + Math.cos(Math.PI * f));
      case 'sqrt':
        return e + (p - e) * (1 - Math.sqrt(f));
    }
  };
  const bps = [...base.breakpoints.filter((b) => b < c.at), c.at, total];
  return { total, lrAt: lr, breakpoints: bps, curved: true, warmup: base.warmup, label: `${base.label} then ${c.shape} cooldown at ${c.at} over ${c.over} to ${Number(e.toPrecision(3))}` };
}
