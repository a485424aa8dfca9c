// The Plan view's data-constrained row: the budget's split when only so many unique tokens exist,
// what the limit costs against the unconstrained row above it, and when to distrust it.
import type { ConstrainedPlanView } from '../src/shared/protocol';
import { h } from './dom';
import { fmtAmount, fmtAmountInterval, fmtLoss, fmtLossInterval, formatNumber } from './format';
import { numCell } from './cells';
import { formatAmount } from '../src/core/units';

/**
 * What the limit costs, to the decimals the two losses are written with: "+0.010" beside 2.017 and
 * 2.007, not "+0.009916", whose digits the losses themselves do not show.
 */
export function fmtExcessLoss(excess: number, loss: number): string {
  if (!(excess > 0)) return 'none';
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(loss) || 1)));
  const step = 10 ** -decimals;
  return excess < step / 2 ? `under ${formatNumber(step)}` : `+${excess.toFixed(decimals)}`;
}

export function renderConstrained(c: ConstrainedPlanView): HTMLElement[] {
  const head = h('tr', {}, ...['Parameters N', 'Tokens D', 'Passes over the data', 'Loss L*', 'Cost of the limit'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const iv = c.intervals;
  const row = h(
    'tr',
    { class: 'auto' },
    // N and D as the unconstrained plan above writes them ("11.8B", "1.41T"), to compare at a glance
    numCell(fmtAmount(c.N), iv?.N, fmtAmountInterval),
    numCell(fmtAmount(c.D), iv?.D, fmtAmountInterval),
    numCell(c.epochs.toFixed(c.epochs < 10 ? 2 : 1)),
    numCell(fmtLoss(c.loss), iv?.loss, fmtLossInterval),
    numCell(fmtExcessLoss(c.excessLoss, c.loss)),
  );
  return [
    h('h3', {}, `With ${formatAmount(c.uniqueTokens)} unique tokens`),
    h('p', { class: 'note' }, `Repeated tokens lose value with R_D* = ${formatNumber(c.RD)} passes, parameters beyond what the data supports with R_N* = ${formatNumber(c.RN)} (${c.decaySource}); intervals hold these fixed.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head), h('tbody', {}, row))),
    ...c.warnings.map((w) => h('p', { class: 'note' }, w)),
  ];
}
