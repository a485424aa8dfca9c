// The Plan view's IsoFLOP part: Approach 2's N_opt and D_opt at the budget beside the surface's,
// the exponent of each, the budgets' valleys (table and chart) and what the two answers say together.
import type { IsoflopView } from '../src/shared/protocol';
import { h } from './dom';
import { fmtAmount, fmtAmountInterval, fmtInterval, formatNumber } from './format';
import { numCell } from './cells';

export function renderIsoflop(iso: IsoflopView, canvasHost: HTMLElement): HTMLElement[] {
  const exp = `N_opt ∝ C^${iso.exponent.toFixed(3)}${iso.exponentInterval ? ` ${fmtInterval(iso.exponentInterval[0], iso.exponentInterval[1])}` : ''}`;
  const head = h('tr', {}, ...['Parameters N', 'Tokens D', 'Tokens / param'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const b = iso.budget;
  // N and D as the plan's table above writes them ("15.2B"), not "1.52e10"
  const atBudget = h('tbody', {}, h('tr', {}, numCell(fmtAmount(b.N), b.intervals?.N, fmtAmountInterval), numCell(fmtAmount(b.D), b.intervals?.D, fmtAmountInterval), numCell(b.tokensPerParam.toFixed(1))));
  const valleyHead = h('tr', {}, ...['Compute C (FLOPs)', 'Sizes', 'Lowest loss at N', 'Tokens D', 'Loss there'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const valleys = h(
    'tbody',
    {},
    ...iso.rows.map((r) =>
      h(
        'tr',
        {},
        numCell(formatNumber(r.flops)),
        numCell(String(r.sizes)),
        ...(r.N !== undefined
          ? [numCell(fmtAmount(r.N)), numCell(fmtAmount(r.D!)), numCell(formatNumber(r.loss!))]
          : [h('td', { class: 'note', colspan: '3' }, `left out: ${r.excluded ?? ''}`)]),
      ),
    ),
  );
  return [
    h('h2', {}, 'IsoFLOP profiles (Approach 2)'),
    h('p', { class: 'note' }, `A parabola in log N through each budget's losses; ${exp} through their lowest points (the surface: C^${iso.surfaceExponent.toFixed(3)}). The frontier chart draws both, this one dashed in colours of its own.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head), atBudget)),
    ...iso.notes.map((n) => h('p', { class: 'note' }, n)),
    canvasHost,
    h('details', {}, h('summary', {}, 'Budgets'), h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, valleyHead), valleys))),
  ];
}
