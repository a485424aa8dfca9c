// The Plan view's data-constrained row: the budget's split when only so many unique tokens exist,
// what the limit costs against the unconstrained row above it, and when to distrust it.
import type { ConstrainedPlanView } from '../src/shared/protocol';
import { h } from './dom';
import { formatNumber } from './format';
import { numCell } from './cells';
import { formatAmount } from '../src/core/units';

export function renderConstrained(c: ConstrainedPlanView): HTMLElement[] {
  const head = h('tr', {}, ...['Parameters N', 'Tokens D', 'Passes over the data', 'Loss L*', 'Cost of the limit'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const iv = c.intervals;
  const row = h(
    'tr',
    { class: 'auto' },
    numCell(formatNumber(c.N), iv?.N),
    numCell(formatNumber(c.D), iv?.D),
    numCell(c.epochs.toFixed(c.epochs < 10 ? 2 : 1)),
    numCell(formatNumber(c.loss), iv?.loss),
    numCell(c.excessLoss > 0 ? `+${formatNumber(c.excessLoss)}` : 'none'),
  );
  return [
    h('h3', {}, `With ${formatAmount(c.uniqueTokens)} unique tokens`),
    h('p', { class: 'note' }, `Repeated tokens lose value with R_D* = ${formatNumber(c.RD)} passes, parameters beyond what the data supports with R_N* = ${formatNumber(c.RN)} (${c.decaySource}); intervals hold these fixed.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head), h('tbody', {}, row))),
    ...c.warnings.map((w) => h('p', { class: 'note' }, w)),
  ];
}
