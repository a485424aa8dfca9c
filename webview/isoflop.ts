// The Plan view's IsoFLOP part: Approach 2's N_opt and D_opt at the budget beside the surface's,
// the exponent of each, the budgets' valleys (table and chart) and what the two answers say together.
import type { IsoflopBudgetRow, IsoflopView, SweepHeadline } from '../src/shared/protocol';
import { clear, h } from './dom';
import { fmtAmount, fmtAmountInterval, fmtRatio, formatNumber } from './format';
import { numCell } from './cells';

/** An exponent's interval as both IsoFLOP texts write it: three decimals, as the exponent ("[0.371, 0.552]"). */
function exponentInterval(interval: readonly [number, number]): string {
  return `[${interval[0].toFixed(3)}, ${interval[1].toFixed(3)}]`;
}

export function renderIsoflop(iso: IsoflopView, canvasHost: HTMLElement): HTMLElement[] {
  const exp = `N_opt ∝ C^${iso.exponent.toFixed(3)}${iso.exponentInterval ? ` ${exponentInterval(iso.exponentInterval)}` : ''}`;
  const head = h('tr', {}, ...['Parameters N', 'Tokens D', 'Tokens / param'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const b = iso.budget;
  // N and D as the plan's table above writes them ("15.2B"), not "1.52e10"
  const atBudget = h('tbody', {}, h('tr', {}, numCell(fmtAmount(b.N), b.intervals?.N, fmtAmountInterval), numCell(fmtAmount(b.D), b.intervals?.D, fmtAmountInterval), numCell(fmtRatio(b.tokensPerParam))));
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

/** "6e18 FLOPs: N = 183M, D = 5.45B (29.7 tokens/param)", or why the budget places none. */
function valleyText(r: IsoflopBudgetRow): string {
  const c = `${formatNumber(r.flops)} FLOPs`;
  return r.N !== undefined && r.D !== undefined ? `${c}: N = ${fmtAmount(r.N)}, D = ${fmtAmount(r.D)} (${(r.D / r.N).toFixed(1)} tokens/param)` : `${c}: left out (${r.excluded ?? 'no lowest point'})`;
}

/**
 * An IsoFLOP sweep's headline: the exponent of N_opt ∝ C^a with its interval (D_opt's is 1 − a),
 * then each budget's compute-optimal N and D, as the sweep's own answer before any curve is picked.
 */
export function renderSweepHeadline(root: HTMLElement, s: SweepHeadline): void {
  clear(root);
  const a = s.exponent;
  const placed = s.rows.filter((r) => r.N !== undefined).length;
  const lead =
    a === undefined
      ? ['IsoFLOP profiles: no N_opt ∝ C^a line through this sweep']
      : [
          'IsoFLOP profiles: N_opt ∝ C^',
          h('strong', { class: 'value' }, a.toFixed(3)),
          s.exponentInterval ? ` ${s.level !== undefined ? `${Math.round(s.level * 100)}% interval ` : ''}${exponentInterval(s.exponentInterval)}` : '',
          ` · D_opt ∝ C^${(1 - a).toFixed(3)} · from ${placed} of ${s.rows.length} budgets`,
        ];
  root.append(
    h(
      'div',
      { class: 'callout headline' },
      ...lead,
      s.rows.length > 0 ? h('div', { class: 'note' }, `Lowest loss per budget: ${s.rows.map(valleyText).join('; ')}.`) : null,
      ...s.notes.map((n) => h('div', { class: 'note' }, n)),
    ),
  );
}
