// The Plan's answer on one surface to one query: a budget, a loss to reach (its least compute), or
// a model size on a token count ("7B params on 1T tokens"), with the riders of limited unique
// tokens and inference. The wiring of the Plan command's computePlan, apart from the surface's
// fitting and the panel, so that every kind of query is tested without VS Code. Pure.
import { anyRunReaches, computeForLoss, frontier, optimalAllocation } from '../../core/allocation';
import { ScalingLensError } from '../../core/types';
import { inferenceAwarePlan } from '../../core/inferenceAllocation';
import { reachInterval } from '../../core/reachInterval';
import { largestRunFlops, pointBeyondSweepNote, smallestRunFlops, sweepSpan } from '../../core/beyondSweep';
import { formatAskedLoss, INFERENCE_NEEDS_LOSS, type PlanQuery } from '../../core/units';
import type { PlanView } from '../../shared/protocol';
import { constrainedPlanInputs } from './constrainedPlan';
import { buildPlan } from './plan';
import { pointPlanView } from './pointPlan';
import { planNotes, planTrust, type PlanSurface } from './sweepPlan';
import { standInPlan } from './standInPlan';
import { four, valueOfLoss, yMetricOf } from '../../core/yMetric';

/** The compute of the smallest and largest runs behind the surface: the sweep's kept runs, or a preset's documented range. */
function runsRange(surface: PlanSurface): readonly [number, number] | undefined {
  if (surface.runs && surface.runs.N.length > 0) return [smallestRunFlops(surface.runs), largestRunFlops(surface.runs)];
  return surface.preset?.fittedOn.flops;
}

/**
 * The least compute to reach `loss` on a surface fitted to `lossName` (bits, a perplexity): the loss
 * asked is read in that column's units, so one it cannot reach ("loss 3" of a perplexity's E = 5.3)
 * says so and what a loss in nats would be asked as.
 */
function computeForLossIn(surface: PlanSurface, loss: number): ReturnType<typeof computeForLoss> {
  try {
    return computeForLoss(surface.params, loss);
  } catch (err) {
    const metric = yMetricOf(surface.lossName);
    const value = valueOfLoss(metric, loss);
    if (!(err instanceof ScalingLensError) || value === undefined) throw err;
    const kind = metric!.kind === 'perplexity' ? 'a perplexity' : 'the loss in bits';
    throw new ScalingLensError(err.code, `${err.message} This surface is of ${surface.lossName}, ${kind}, and the loss asked is read in its units: a loss of ${loss} nats is ${surface.lossName} ${four(value)}, asked as "loss ${four(value)}".`);
  }
}

export function planForQuery(surface: PlanSurface, query: PlanQuery): PlanView {
  if (surface.standIn) return standInPlan(surface, surface.standIn, query);
  const U = query.uniqueTokens;
  // a loss to reach: the least compute whose optimum reaches it on this surface
  const target = 'targetLoss' in query ? query.targetLoss : undefined;
  const reach = 'targetLoss' in query ? computeForLossIn(surface, query.targetLoss) : undefined;
  // "loss 1e300": the plan of 0.57 parameters on 0.29 tokens, its L* 1076 under a question of 1e300
  const anyRun = reach && target !== undefined ? anyRunReaches(reach, `loss ${formatAskedLoss(target)}`) : undefined;
  if (anyRun) throw new ScalingLensError('bad-argument', anyRun);
  const budget = 'targetLoss' in query ? reach!.flops : query.flops;
  const I = query.inferenceTokens;
  if (I !== undefined && target === undefined) throw new Error(INFERENCE_NEEDS_LOSS);
  const span = query.point && surface.runs ? sweepSpan(surface.runs) : undefined;
  const far = query.point && span && surface.runs ? pointBeyondSweepNote(query.point.N, query.point.D, span, surface.runs.file) : undefined;
  const notes = [...planNotes(surface, budget), ...(far ? [far] : [])];
  const trust = planTrust(surface, budget);
  return buildPlan({
    surface: surface.params,
    surfaceId: surface.id,
    sourceLabel: surface.label,
    ...(surface.lossName ? { lossName: surface.lossName } : {}),
    budget,
    ...(target !== undefined ? { targetLoss: target } : {}),
    ...(target !== undefined && surface.draws && surface.level !== undefined ? { reach: reachInterval(surface.draws, target, surface.level, surface.params) } : {}),
    optimal: optimalAllocation,
    frontier,
    ...(surface.intervals ? { intervals: surface.intervals } : {}),
    ...(surface.isoflop ? { isoflop: surface.isoflop } : {}),
    ...(U !== undefined ? { constrained: constrainedPlanInputs(surface.params, U, surface.draws) } : {}),
    ...(I !== undefined && target !== undefined ? { inference: inferenceAwarePlan(surface.params, target, I) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(runsRange(surface) ? { runsRange: runsRange(surface)! } : {}),
    ...(trust ? { trust } : {}),
    ...(surface.backTests ? { backTests: surface.backTests } : {}),
    ...(query.point ? { point: pointPlanView(surface.params, query.point.N, query.point.D, surface.draws, surface.level) } : {}),
  });
}
