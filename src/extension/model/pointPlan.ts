// A model size and token count asked of the Plan ("7B params on 1T tokens"): the loss there, with
// its interval from the surface's refits, beside the compute-optimal split of the same budget
// 6·N·D (the plan's budget row). Pure.
import { lossIntervalAt, pointPlan } from '../../core/pointLoss';
import type { ChinchillaParams } from '../../core/laws/chinchilla';
import type { PointPlanView } from '../../shared/protocol';

export function pointPlanView(s: ChinchillaParams, N: number, D: number, draws?: readonly ChinchillaParams[], level?: number): PointPlanView {
  const { plan, excessLoss } = pointPlan(s, N, D);
  const iv = draws?.length && level !== undefined ? lossIntervalAt(draws, s, N, D, level) : undefined;
  const lossInterval = iv && Number.isFinite(iv.lo) && Number.isFinite(iv.hi) ? { lossInterval: [iv.lo, iv.hi] as const } : {};
  return { flops: plan.flops, N, D, tokensPerParam: plan.tokensPerParam, loss: plan.loss, ...lossInterval, excessLoss, warnings: plan.warnings };
}
