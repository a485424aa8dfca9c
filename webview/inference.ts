// The Plan view's inference-aware row: the cheapest N and D to reach the asked loss when the model
// then serves so many tokens, its training and serving compute, against the compute-optimal plan.
import type { InferencePlanView } from '../src/shared/protocol';
import { formatAmount } from '../src/core/units';
import { h } from './dom';
import { fmtRatio, formatNumber } from './format';
import { numCell } from './cells';

export function renderInference(v: InferencePlanView): HTMLElement[] {
  const head = h('tr', {}, ...['Parameters N', 'Tokens D', 'Tokens / param', 'Train FLOPs', 'Serve FLOPs', 'Total FLOPs', 'Saved'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const cells = [formatNumber(v.N), formatNumber(v.D), fmtRatio(v.tokensPerParam), formatNumber(v.trainingFlops), formatNumber(v.inferenceFlops), formatNumber(v.totalFlops), `${(100 * v.saving).toFixed(1)}%`];
  return [
    h('h3', {}, `Then serving ${formatAmount(v.inferenceTokens)} tokens`),
    h('p', { class: 'note' }, `The same loss at the least training plus inference compute (2N FLOPs per token served; Sardana et al. 2024): a smaller model trained longer. The plan above, serving the same, totals ${formatNumber(v.chinchillaTotal)} FLOPs.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head), h('tbody', {}, h('tr', { class: 'auto' }, ...cells.map((c) => numCell(c)))))),
    ...v.warnings.map((w) => h('p', { class: 'note' }, w)),
  ];
}
