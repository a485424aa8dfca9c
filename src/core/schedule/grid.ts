// η as the laws see it: per integer step, linear between knots (a logged series every k steps, or
// a schedule sampled densely where it curves, with knots on both sides of every jump). All the
// sums the laws need — S1(t) = Σ_{τ≤t} η_τ and partial sums inside a segment — have closed forms
// on such a grid, which is what makes the O(T²) drop term cheap (see mplTerms.ts).
import { ScalingLensError } from '../types';
import type { Schedule } from './schedule';

export interface LrGrid {
  /** Integer knot steps, strictly increasing, steps[0] = 0. */
  readonly steps: Float64Array;
  readonly eta: Float64Array;
  /** S1 at each knot: Σ_{τ=1..steps[j]} η_τ. */
  readonly cum: Float64Array;
  /** Knot index where the initial warmup ramp ends; the drop terms count η changes after it. */
  readonly warmupEnd: number;
}

export function gridFromKnots(steps: ArrayLike<number>, eta: ArrayLike<number>): LrGrid {
  const n = steps.length;
  if (n < 2) throw new ScalingLensError('bad-argument', 'a learning-rate series needs at least two points');
  const st = Float64Array.from(steps);
  const et = Float64Array.from(eta);
  if (st[0] !== 0) throw new ScalingLensError('bad-argument', 'internal: LR grid must start at step 0');
  const cum = new Float64Array(n);
  for (let j = 0; j + 1 < n; j++) {
    const m = st[j + 1] - st[j];
    if (!(m >= 1) || !Number.isInteger(m)) throw new ScalingLensError('bad-argument', `internal: LR grid knots must be increasing whole steps (${st[j]} → ${st[j + 1]})`);
    const slope = (et[j + 1] - et[j]) / m;
    cum[j + 1] = cum[j] + m * et[j] + (slope * m * (m + 1)) / 2;
  }
  return { steps: st, eta: et, cum, warmupEnd: 0 };
}

/** Index of the knot at `step`, or −1. */
export function knotIndex(g: LrGrid, step: number): number {
  let lo = 0;
  let hi = g.steps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = g.steps[mid];
    if (v === step) return mid;
    if (v < step) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Segment j with steps[j] < s ≤ steps[j+1] (clamped to the ends). */
function segmentOf(g: LrGrid, s: number): number {
  let lo = 0;
  let hi = g.steps.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.steps[mid] < s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** η at (possibly fractional) step s: the segment's line, extended past the last knot flat. */
export function etaAt(g: LrGrid, s: number): number {
  const last = g.steps.length - 1;
  if (s >= g.steps[last]) return g.eta[last];
  const j = segmentOf(g, s);
  const m = g.steps[j + 1] - g.steps[j];
  return g.eta[j] + ((g.eta[j + 1] - g.eta[j]) / m) * (s - g.steps[j]);
}

/** S1(s) = Σ_{τ=1..s} η_τ at integer s, continued smoothly (quadratic) between integers. */
export function s1At(g: LrGrid, s: number): number {
  const j = segmentOf(g, s);
  const m = g.steps[j + 1] - g.steps[j];
  const slope = (g.eta[j + 1] - g.eta[j]) / m;
  const u = s - g.steps[j];
  return g.cum[j] + u * g.eta[j] + (slope * u * (u + 1)) / 2;
}

/** η per step 0..last knot, for the naive reference sums. */
export function perStep(g: LrGrid): Float64Array {
  const T = g.steps[g.steps.length - 1];
  const out = new Float64Array(T + 1);
  for (let j = 0; j + 1 < g.steps.length; j++) {
    const a = g.steps[j];
    const m = g.steps[j + 1] - a;
    for (let u = 0; u <= m; u++) out[a + u] = g.eta[j] + ((g.eta[j + 1] - g.eta[j]) * u) / m;
  }
  return out;
}

/**
 * Samples a schedule onto a grid: knots at its breakpoints, at `extra` steps (the steps the law
 * is evaluated at must be knots), and every `spacing` steps where η curves.
 */
export function gridFromSchedule(sch: Schedule, extra: readonly number[] = [], spacing = 64, until = sch.total): LrGrid {
  const set = new Set<number>([0, until]);
  for (const b of sch.breakpoints) if (b <= until) set.add(b);
  for (const e of extra) if (e >= 0 && e <= until) set.add(Math.round(e));
  const steps = [...set].sort((a, b) => a - b);
  // curved pieces get extra knots in gaps wider than `spacing`; linear pieces need none
  if (sch.curved) {
    const dense: number[] = [];
    for (let j = 0; j + 1 < steps.length; j++) {
      const gap = steps[j + 1] - steps[j];
      const parts = Math.ceil(gap / spacing);
      for (let k = 1; k < parts; k++) dense.push(steps[j] + Math.round((k * gap) / parts));
    }
    steps.push(...dense);
    steps.sort((a, b) => a - b);
  }
  return gridFromKnots(steps, steps.map((s) => sch.lrAt(s)));
}
