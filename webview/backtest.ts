// Compare Estimators' back-test view (chart + table: each law's error against how far it
// extrapolated) and the panel's notice line with its one button.
import type { BacktestView, NoticeAction, PanelNotice } from '../src/shared/protocol';
import { clear, h } from './dom';
import { fmtRmsle } from './format';
import { colorOf, type Theme } from './theme';
import { sameFitText } from '../src/core/sameFit';

export function renderNotice(root: HTMLElement, notice: PanelNotice | undefined, onAction: (action: NoticeAction) => void): void {
  clear(root);
  if (!notice) return;
  const button = notice.action ? h('button', { class: 'notice-action', type: 'button' }, notice.actionLabel ?? 'OK') : null;
  if (button && notice.action) {
    const action = notice.action;
    button.addEventListener('click', () => onAction(action));
  }
  // a hint is a suggestion: announced politely, drawn quietly
  root.append(h('div', { class: notice.hint ? 'notice hint' : 'notice', role: notice.hint ? 'status' : 'alert' }, h('span', {}, notice.text), button ? ' ' : '', button));
}

export function renderBacktest(root: HTMLElement, view: BacktestView, canvasHost: HTMLElement, theme: Theme): void {
  clear(root);
  // the best (lowest) error at each factor, marked in its column
  const best = view.factors.map((_, i) => Math.min(...view.rows.map((r) => r.errors[i] ?? Infinity)));
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Estimator'),
    ...view.factors.map((f) => h('th', { scope: 'col', class: 'num', title: `fitted on x ≤ x_max / ${f}, scored on the rest` }, `×${f}`)),
  );
  const body = h(
    'tbody',
    {},
    ...view.rows.map((r) => {
      const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.backgroundColor = colorOf(theme, r.color);
      const isAuto = view.auto !== undefined && view.auto.startsWith(`${r.law}:`);
      return h(
        'tr',
        { class: isAuto ? 'auto' : undefined },
        h(
          'td',
          {},
          sw,
          r.name,
          isAuto ? h('span', { class: 'badge', title: 'chosen by back-testing' }, 'auto') : null,
          r.notAutoCandidate ? h('span', { class: 'note', title: 'fitted and shown for comparison; auto does not choose among this law' }, ' (not an auto candidate)') : null,
          r.sameAs ? h('span', { class: 'note', title: `its errors equal ${r.sameAs}'s at every cut both took: on these few points its extra parameters collapse to the same fit` }, ` (${sameFitText(r.sameAs)})`) : null,
        ),
        ...r.errors.map((e, i) =>
          h(
            'td',
            { class: e !== null && e === best[i] ? 'num best' : 'num', title: r.nFit[i] ? `fitted on ${r.nFit[i]} points` : 'too few points before the cut, or the fit failed' },
            e === null ? '—' : fmtRmsle(e),
          ),
        ),
      );
    }),
  );
  root.append(
    h('h2', {}, 'Back-test: error against how far each law extrapolated'),
    h(
      'p',
      { class: 'note' },
      `${view.curve}: each law refitted on the points with x ≤ x_max / r and scored (RMSLE) on the points after the cut, for r = ${view.factors.join(', ')}. Lower is better; a line that rises fast with r extrapolates badly. auto weighs r = 1.5, 2 and 3${view.cutWeights ? (view.cutWeights === 'evenly' ? ' evenly (a short curve)' : ` (${view.cutWeights})`) : ''}.`,
    ),
    canvasHost,
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare backtest' }, h('thead', {}, head), body)),
  );
  for (const n of view.notes ?? []) root.append(h('p', { class: 'note' }, n));
  if (view.auto) root.append(h('p', { class: 'note' }, `auto → ${view.auto}`));
}
