// The Plan view's data-constrained part: the budget's split when only U unique tokens exist
// (core/constrainedAllocation.ts), with intervals from the fitted surface's bootstrap refits, and
// its N and D drawn on the frontier chart beside the unconstrained optimum. Pure.
import { constrainedAllocation, constrainedIntervals, type ConstrainedAllocation } from '../../core/constrainedAllocation';
import { MUENNIGHOFF } from '../../core/laws/dataConstrained';
import { formatAmount } from '../../core/units';
import type { ChartSeries, ConstrainedPlanView, PlanIntervals } from '../../shared/protocol';
import type { ChinchillaParams } from '../engine';

export interface ConstrainedPlanInputs {
  readonly uniqueTokens: number;
  readonly RD: number;
  readonly RN: number;
  readonly decaySource: string;
  readonly at: (flops: number) => ConstrainedAllocation;
  /** 95% ranges of N, D and L* over the surface's refits (R_D*, R_N* held). */
  readonly intervals?: (at: ConstrainedAllocation) => PlanIntervals | undefined;
}

/** Palette slot of the constrained split's dots (1 and 2 are the frontier's N and D). */
const SLOT = 4;

export function constrainedPlanInputs(surface: ChinchillaParams, uniqueTokens: number, draws?: readonly ChinchillaParams[]): ConstrainedPlanInputs {
  const decay = { RD: MUENNIGHOFF.RDstar, RN: MUENNIGHOFF.RNstar };
  const intervals = draws?.length
    ? (at: ConstrainedAllocation): PlanIntervals | undefined => {
        const iv = constrainedIntervals(draws, decay, at, 0.95);
        return iv && { N: [iv.N.lo, iv.N.hi], D: [iv.D.lo, iv.D.hi], loss: [iv.loss.lo, iv.loss.hi] };
      }
    : undefined;
  return {
    uniqueTokens,
    ...decay,
    decaySource: 'published, Muennighoff et al. 2023',
    at: (flops) => constrainedAllocation({ ...surface, ...decay }, flops, uniqueTokens),
    ...(intervals ? { intervals } : {}),
  };
}

export function buildConstrainedView(p: ConstrainedPlanInputs, flops: number): ConstrainedPlanView {
  const a = p.at(flops);
  const iv = p.intervals?.(a);
  return {
    uniqueTokens: p.uniqueTokens,
    RD: p.RD,
    RN: p.RN,
    decaySource: p.decaySource,
    N: a.N,
    D: a.D,
    epochs: a.epochs,
    loss: a.loss,
    excessLoss: a.excessLoss,
    ...(iv ? { intervals: iv } : {}),
    warnings: [...a.warnings],
  };
}

/** The constrained split's N and D as dots at the budget, beside the frontier's. */
export function constrainedSeries(v: ConstrainedPlanView, flops: number): ChartSeries[] {
  const base = { curve: 'frontier', estimator: 'constrained', role: 'budget' as const, color: SLOT };
  const label = (k: string) => `${k} with ${formatAmount(v.uniqueTokens)} unique tokens`;
  return [
    { ...base, id: 'constrained-N', group: 'constrained-N', label: label('N'), points: [{ x: flops, y: v.N }] },
    { ...base, id: 'constrained-D', group: 'constrained-D', label: label('D'), points: [{ x: flops, y: v.D }] },
  ];
}
