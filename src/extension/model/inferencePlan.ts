// The Plan view's inference-aware part: the cheapest N and D to reach the asked loss when the model
// then serves so many tokens, drawn as dots at its training compute beside the frontier. Pure.
import type { InferenceAwarePlan } from '../../core/inferenceAllocation';
import { formatAmount } from '../../core/units';
import type { ChartSeries, InferencePlanView } from '../../shared/protocol';

/** Palette slot of the inference-aware dots (1, 2: the frontier's N and D; 4: the data-constrained split). */
const SLOT = 5;

export function inferenceView(p: InferenceAwarePlan): InferencePlanView {
  return {
    inferenceTokens: p.inferenceTokens,
    N: p.N,
    D: p.D,
    tokensPerParam: p.tokensPerParam,
    trainingFlops: p.trainingFlops,
    inferenceFlops: p.inferenceFlops,
    totalFlops: p.totalFlops,
    chinchillaTotal: p.chinchillaTotal,
    saving: p.saving,
    warnings: [...p.warnings],
  };
}

/** Its N and D at its training compute (off the frontier: a smaller model trained longer). */
export function inferenceSeries(v: InferencePlanView): ChartSeries[] {
  const base = { curve: 'frontier', estimator: 'inference', role: 'budget' as const, color: SLOT };
  const label = (k: string) => `${k} serving ${formatAmount(v.inferenceTokens)} tokens`;
  return [
    { ...base, id: 'inference-N', group: 'inference-N', label: label('N'), points: [{ x: v.trainingFlops, y: v.N }] },
    { ...base, id: 'inference-D', group: 'inference-D', label: label('D'), points: [{ x: v.trainingFlops, y: v.D }] },
  ];
}
