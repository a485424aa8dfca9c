// The interval on the least compute that reaches a loss ("compute to reach loss 2.1?"), and on the
// N and D of that plan, from a surface's bootstrap refits: each refit's own answer to the same
// question. The loss is the one asked, so it has no interval; the compute is the answer, so it
// needs one. A refit whose irreducible loss E is at or above the target never reaches it at any
// compute, and counts as an unbounded answer rather than being dropped (dropping it would narrow
// the interval exactly where the surface is least sure). Pure.
import { computeForLoss } from './allocation';
import type { ChinchillaParams } from './laws/chinchilla';
import { quantileSorted, withEstimate, type Interval } from './surfaceBootstrap';

export interface ReachInterval {
  readonly targetLoss: number;
  /** Bounds on the compute, N and D that reach the loss; `hi` is Infinity when too many refits never reach it. */
  readonly flops: Interval;
  readonly N: Interval;
  readonly D: Interval;
  /** Refits that never reach the loss (E at or above it), of `refits`. */
  readonly unreached: number;
  readonly refits: number;
  readonly level: number;
}

/** The central `level` interval of values of which some are unbounded (Infinity), those counted at the top. */
function boundedAbove(values: readonly number[], level: number): Interval {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - level) / 2;
  const at = (q: number): number => {
    const v = quantileSorted(sorted, q);
    return Number.isNaN(v) ? Infinity : v;
  };
  return { lo: at(tail), median: at(0.5), hi: at(1 - tail) };
}

/**
 * Each refit's least compute to reach `targetLoss`, and its N and D, at `level`; each interval
 * stretched to hold `fitted`'s own answer (an interval that excludes its estimate is never shown).
 * Undefined without refits, or when the fitted surface itself never reaches the loss.
 */
export function reachInterval(draws: readonly ChinchillaParams[], targetLoss: number, level: number, fitted: ChinchillaParams): ReachInterval | undefined {
  if (draws.length === 0 || !(targetLoss > fitted.E)) return undefined;
  const at = computeForLoss(fitted, targetLoss);
  const flops: number[] = [];
  const N: number[] = [];
  const D: number[] = [];
  let unreached = 0;
  for (const d of draws) {
    let plan;
    try {
      plan = d.alpha > 0 && d.beta > 0 && d.E < targetLoss ? computeForLoss(d, targetLoss) : undefined;
    } catch {
      plan = undefined;
    }
    if (!plan || !Number.isFinite(plan.flops)) {
      unreached++;
      flops.push(Infinity);
      N.push(Infinity);
      D.push(Infinity);
      continue;
    }
    flops.push(plan.flops);
    N.push(plan.N);
    D.push(plan.D);
  }
  return {
    targetLoss,
    flops: withEstimate(boundedAbove(flops, level), at.flops),
    N: withEstimate(boundedAbove(N, level), at.N),
    D: withEstimate(boundedAbove(D, level), at.D),
    unreached,
    refits: draws.length,
    level,
  };
}

/**
 * What to say when the interval has no upper bound: how many refits never reach the loss. "12 of
 * 200 refits put the irreducible loss at or above 2.1: at 95% no compute bounds it from above".
 */
export function unreachedText(r: ReachInterval, loss: string): string | undefined {
  if (Number.isFinite(r.flops.hi)) return undefined;
  return `${r.unreached} of ${r.refits} bootstrap refits put the irreducible loss E at or above ${loss}, which they never reach: at ${Math.round(r.level * 100)}% the compute to reach it has no upper bound`;
}
