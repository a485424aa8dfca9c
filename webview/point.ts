// The Plan view's answer to a model size and token count ("7B params on 1T tokens"): the loss
// there, with its interval when the surface was bootstrapped, above the compute-optimal split of
// the same budget 6·N·D (the plan's own table).
import type { PointPlanView } from '../src/shared/protocol';
import { h } from './dom';
import { fmtAmount, fmtLoss, fmtLossInterval, fmtRatio, formatNumber } from './format';
import { numCell } from './cells';

/** Its heading, then its one-row table and how far above the optimal split of its budget it lies. */
export function renderPoint(v: PointPlanView, optimalLoss: number): HTMLElement[] {
  const head = h('tr', {}, ...['Compute C = 6·N·D', 'Parameters N', 'Tokens D', 'Tokens / param', 'Loss L'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const cells = [numCell(formatNumber(v.flops)), numCell(fmtAmount(v.N)), numCell(fmtAmount(v.D)), numCell(fmtRatio(v.tokensPerParam)), numCell(fmtLoss(v.loss), v.lossInterval, fmtLossInterval)];
  return [
    h('h2', {}, `Loss of ${fmtAmount(v.N)} parameters on ${fmtAmount(v.D)} tokens`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan point' }, h('thead', {}, head), h('tbody', {}, h('tr', { class: 'auto' }, ...cells)))),
    h('p', { class: 'note' }, `The compute-optimal split of the same ${formatNumber(v.flops)} FLOPs, below, reaches ${fmtLoss(optimalLoss)}: this split's loss is ${fmtLoss(v.excessLoss)} higher.`),
    ...v.warnings.map((w) => h('p', { class: 'note' }, w)),
  ];
}
