// One notion of learning-rate decay for the forecast and its own-history back-test: the η drop
// between two steps as the loss answers it, the LR-annealing law's S2 (the drops summed with
// momentum λ, so a drop at a step reaches the loss over the next ~1/(1−λ) steps), as a share of a
// full decay's (peak η / (1 − λ)). The law's decay gain is C·S2, so an unknown gain errs in
// proportion to it. Measured in η alone, a two-stage run logged to its switch (η dropped tenfold at
// the last logged step, 8,000, the loss not yet) has its whole drop behind it: a rehearsal to that
// step would count as one over the decay, and the forecast had no decay ahead.
import { maxOf } from '../arrayStats';
import type { LrGrid } from './grid';
import { annealingArea, TISSUE_LAMBDA } from './tissue';

/** A decay under this share of a full decay's is none (a fixed bound, not tuned). */
export const NO_DECAY = 0.01;

/**
 * A rehearsal stands in for the decay's error only when it crossed at least this share of the
 * decay still ahead of the forecast. An unknown decay gain errs in proportion to the decay (C·S2),
 * and the own-history line is read to a factor 2 (the bench's |real| ≤ 2·|own|): a rehearsal over
 * less than half the decay ahead understates its error by more than that. Stated from that factor,
 * not tuned.
 */
export const REHEARSED_DECAY = 0.5;

/** The decay between consecutive `steps` (whole steps, rising) as shares of a full decay's; zeros without a positive peak. */
export function decayShares(g: LrGrid, steps: readonly number[]): number[] {
  const peak = maxOf(g.eta);
  if (!(peak > 0)) return steps.slice(1).map(() => 0);
  const s2 = annealingArea(g, steps);
  return steps.slice(1).map((_, i) => ((s2[i + 1]! - s2[i]!) * (1 - TISSUE_LAMBDA)) / peak);
}

const gridEnd = (g: LrGrid): number => g.steps[g.steps.length - 1]!;

/** Whether the steps after `from`, to the grid's end, hold NO_DECAY of a full decay or more: a decay still ahead. */
export function decayAhead(g: LrGrid, from: number): boolean {
  return decayShares(g, [Math.round(from), gridEnd(g)])[0]! >= NO_DECAY;
}

/**
 * A rehearsal from step `from` to `to` of a forecast from `last` to the grid's end: the share of the
 * decay still ahead of `last` that the rehearsal crossed, when a decay is ahead and that share is
 * under REHEARSED_DECAY (the decay's error is then mostly not in the rehearsal's miss); undefined
 * when it stands in for the decay ahead, or none is.
 */
export function decayUnrehearsed(g: LrGrid, from: number, to: number, last: number): number | undefined {
  const [seen, , ahead] = decayShares(g, [from, to, last, gridEnd(g)]);
  if (!(ahead! >= NO_DECAY)) return undefined;
  const share = Math.max(0, seen!) / ahead!;
  return share < REHEARSED_DECAY ? share : undefined;
}
