// The Plan on a law that fitted the sweep where Chinchilla's fit gives no plan (a degenerate limit:
// core/surfaceLawComparison.ts): its split at a budget or the least compute to reach a loss, its
// frontier, its back-test beside, labelled as that law's. The riders that stand on Chinchilla's
// surface (unique tokens, inference, a model size on a token count) are refused with why, as
// `allocate --from` refuses them. Pure.
import { SURFACE_PLANNERS } from '../../core/surfaceLawComparison';
import { ScalingLensError, type Params } from '../../core/types';
import type { PlanQuery } from '../../core/units';
import type { PlanView } from '../../shared/protocol';
import { buildPlan } from './plan';
import { planNotes, planTrust, type PlanSurface } from './sweepPlan';

export function standInPlan(surface: PlanSurface, standIn: { readonly law: string; readonly params: Params }, query: PlanQuery): PlanView {
  const { law, params } = standIn;
  const planner = SURFACE_PLANNERS[law];
  if (!planner) throw new ScalingLensError('bad-argument', `${surface.label}: no plan on ${law} here`);
  const riders = [query.uniqueTokens !== undefined ? 'unique tokens' : undefined, query.inferenceTokens !== undefined ? 'inference tokens' : undefined, query.point ? 'a model size on a token count' : undefined].filter((r) => r !== undefined);
  if (riders.length > 0) throw new ScalingLensError('bad-argument', `${riders.join(' and ')} need${riders.length === 1 ? 's' : ''} a Chinchilla surface, and Chinchilla's fit of this sweep gives no plan: only ${law}'s split of a budget, or the compute to reach a loss, is given here.`);
  const target = 'targetLoss' in query ? query.targetLoss : undefined;
  const budget = 'targetLoss' in query ? planner.forLoss(params, query.targetLoss).flops : query.flops;
  const notes = planNotes(surface, budget);
  const trust = planTrust(surface, budget);
  return buildPlan({
    surface: surface.params,
    lawParams: params,
    surfaceId: surface.id,
    sourceLabel: surface.label,
    ...(surface.lossName ? { lossName: surface.lossName } : {}),
    budget,
    ...(target !== undefined ? { targetLoss: target } : {}),
    optimal: (_s, c) => planner.optimal(params, c),
    frontier: (_s, from, to, n) => planner.frontier(params, from, to, n),
    ...(notes.length > 0 ? { notes } : {}),
    ...(trust ? { trust } : {}),
    ...(surface.backTests ? { backTests: surface.backTests } : {}),
  });
}
