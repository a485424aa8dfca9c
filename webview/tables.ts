// The comparison table (one per curve), the prediction callout and the plan table.
import type { BenchmarkView, CurveTable, EstimatorRow, PlanRow, PlanView, PredictionView, Trust } from '../src/shared/protocol';
import { formatAskedLoss, trustText } from '../src/core/units';
import { clear, h } from './dom';
import { fmtAmount, fmtAmountInterval, fmtLoss, fmtLossInterval, fmtParam, fmtRatio, fmtRmsle, formatNumber } from './format';
import { colorOf, type Theme } from './theme';
import { renderIsoflop } from './isoflop';
import { numCell } from './cells';
import { renderConstrained } from './constrained';
import { renderInference } from './inference';
import { renderPoint } from './point';
import { sameFitText } from '../src/core/sameFit';

/** Why a number on screen is from the fit before the newest points. */
const PREVIOUS_FIT = 'from the previous fit; the refit with the newest points is on its way';

function swatch(color: string): HTMLElement {
  const s = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.backgroundColor = color;
  return s;
}

/** Whether an estimator's curve is drawn, and a way to draw or hide it (the chart's legend groups). */
export interface GroupToggle {
  visible(group: string): boolean | undefined;
  set(group: string, visible: boolean): void;
}

export interface TableOptions {
  readonly theme: Theme;
  /** One curve shown: rows carry its estimators' colours (and toggles). */
  readonly single: boolean;
  readonly targetText: string;
  readonly stale?: boolean;
  readonly toggle?: GroupToggle;
}

/** The row's colour: a button that draws or hides the estimator's curve when the chart has one. */
function swatchCell(r: EstimatorRow, color: string, toggle: GroupToggle | undefined): HTMLElement {
  const visible = r.chartGroup !== undefined ? toggle?.visible(r.chartGroup) : undefined;
  if (visible === undefined || !toggle || !r.chartGroup) return swatch(color);
  const group = r.chartGroup;
  const s = swatch(color);
  if (!visible) {
    s.style.backgroundColor = 'transparent';
    s.style.boxShadow = `inset 0 0 0 1.5px ${color}`;
  }
  // the swatch is all it shows: its name says what it toggles, aria-pressed whether it is drawn
  const button = h('button', { class: 'swatch-toggle', type: 'button', 'aria-pressed': String(visible), 'aria-label': `Draw ${r.name} on the chart`, title: `${visible ? 'Hide' : 'Draw'} ${r.name} on the chart` }, s);
  button.addEventListener('click', () => toggle.set(group, !visible));
  return button;
}

/** What an average's back-test figure is: it was never back-tested as one law. */
function partsBacktestTitle(cuts: number): string {
  return `The average's own back-test, from its parts' back-tests: at each of the ${cuts} cut${cuts === 1 ? '' : 's'} every part took, the geometric mean of the parts' predictions, scored as a law's would be. auto chose the average by its parts' scores (the note below).`;
}

export function renderTables(root: HTMLElement, tables: readonly CurveTable[], opts: TableOptions): void {
  const { theme, single, targetText, stale = false, toggle } = opts;
  clear(root);
  for (const t of tables) {
    if (t.rows.length === 0 && t.warnings.length === 0 && !t.notes?.length) continue;
    const anyHeld = t.rows.some((r) => r.heldOutRmsle !== undefined);
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col', title: single && toggle ? 'Click a colour to draw or hide that estimator on the chart' : undefined }, 'Estimator'),
      h('th', { scope: 'col' }, 'Parameters'),
      h('th', { scope: 'col', class: 'num', title: 'Fitted on the first part of the fit points, scored on the rest (root mean squared log error)' }, 'Back-test RMSLE'),
      anyHeld ? h('th', { scope: 'col', class: 'num', title: 'Scored on the held-out points (never used to choose)' }, 'Held-out RMSLE') : null,
      h(
        'th',
        { scope: 'col', class: 'num', title: stale ? PREVIOUS_FIT : undefined },
        `Predicted at ${t.targetLabel ?? targetText}${stale ? ' (previous fit)' : ''}`,
      ),
    );
    const body = h('tbody');
    for (const r of t.rows) {
      // four significant digits throughout the column (2.990, not 2.99 above 2.974), as the headline
      // the interval may wrap under its value: in a panel 420 px wide the column was cut off the
      // right edge, the prediction hidden behind a scroll bar
      const pred = r.prediction ? [fmtLoss(r.prediction.y), h('span', { class: 'interval' }, ` ${fmtLossInterval(r.prediction.lo, r.prediction.hi)}`)] : ['—'];
      body.append(
        h(
          'tr',
          { class: r.auto ? 'auto' : r.error ? 'failed' : undefined },
          h(
            'td',
            { title: r.formula },
            single ? swatchCell(r, colorOf(theme, r.color), toggle) : null,
            r.name,
            r.auto ? h('span', { class: 'badge', title: 'chosen by back-testing' }, 'auto') : null,
            // the auto note names only candidates' back-tests: say why a better one here is not among them
            r.notAutoCandidate ? h('span', { class: 'note', title: 'fitted and shown for comparison; auto does not choose among this law' }, ' (not an auto candidate)') : null,
            !r.converged && !r.error ? h('span', { class: 'note', title: `the optimiser stopped before converging${r.notConverged ? `: ${r.notConverged}` : ''}` }, ' (not converged)') : null,
            r.degenerate ? h('span', { class: 'note', title: r.degenerate }, ' (degenerate)') : null,
            r.sameAs ? h('span', { class: 'note', title: `its back-test, held-out error and predictions equal ${r.sameAs}'s: on these points its extra parameters collapse to the same fit` }, ` (${sameFitText(r.sameAs)})`) : null,
          ),
          h('td', { class: 'params' }, ...(r.error ? [h('span', { class: 'error' }, r.error)] : r.params.flatMap(([k, v]) => [h('span', { class: 'param' }, `${k}=${fmtParam(v)}`), ' ']))),
          h('td', { class: 'num', title: r.backtestFromParts !== undefined ? partsBacktestTitle(r.backtestFromParts) : undefined }, fmtRmsle(r.backtestRmsle)),
          anyHeld ? h('td', { class: 'num' }, fmtRmsle(r.heldOutRmsle)) : null,
          h('td', { class: 'num' }, ...pred),
        ),
      );
    }
    root.append(
      h(
        'div',
        { class: stale ? 'table-block stale' : 'table-block' },
        tables.length > 1 ? h('h3', {}, t.label) : null,
        t.rows.length > 0 ? h('div', { class: 'table-scroll' }, h('table', { class: 'compare' }, h('thead', {}, head), body)) : null,
        t.autoReason ? h('p', { class: 'note' }, `auto → ${t.autoReason}`) : null,
        ...(t.notes ?? []).map((n) => h('p', { class: 'note info' }, n)),
        ...t.warnings.map((w) => h('p', { class: 'warning' }, w)),
      ),
    );
  }
}

export function renderPrediction(root: HTMLElement, p: PredictionView | undefined, yLabel: string, besideForecast = false, stale = false, onTarget?: (text: string) => void): void {
  // while a refit is due and the headline waits for its number (a new target takes a fraction of a
  // second), the old box keeps its place, unseen: the chart below does not jump up and back, and no
  // number of the old target is shown as the new one's
  const shown = root.firstElementChild;
  if (!p && stale && shown) {
    shown.classList.add('waiting');
    return;
  }
  clear(root);
  if (!p) return;
  // past the run's planned end: one click asks the laws about the end instead
  let toEnd: HTMLElement | null = null;
  if (p.endTarget !== undefined && onTarget) {
    const endTarget = p.endTarget;
    toEnd = h('button', { class: 'notice-action', type: 'button' }, 'Predict at the planned end');
    toEnd.addEventListener('click', () => onTarget(endTarget));
  }
  const interval = fmtLossInterval(p.lo, p.hi);
  root.append(
    h(
      'div',
      { class: stale ? 'callout headline stale' : 'callout headline', title: stale ? PREVIOUS_FIT : undefined },
      `${yLabel} at ${p.targetLabel}${stale ? ' (previous fit)' : ''}: `,
      h('strong', { class: 'value' }, fmtLoss(p.y)),
      interval ? ` ${p.level !== undefined ? `${Math.round(p.level * 100)}% interval ` : ''}${interval}` : '',
      ` · ${p.lawName ?? p.law} · ${p.curve}`,
      p.meaning ? h('div', { class: 'note meaning' }, `As a loss: ${p.meaning}.`) : null,
      // it begins with the column's name, written as logged ("val_accuracy rises …", not "Val_accuracy")
      p.fittedAsError ? h('div', { class: 'note meaning' }, `${p.fittedAsError}.`) : null,
      p.reached ? h('div', { class: 'note' }, `${p.reached}.`) : null,
      p.trust ? h('div', { class: 'note trust', title: besideForecast ? LAWS_AND_FORECAST_REHEARSE : undefined }, trustLine(p.trust)) : null,
      p.intervalNote ? h('div', { class: 'note' }, p.intervalNote) : null,
      p.scatterNote && interval ? h('div', { class: 'note' }, `${p.scatterNote.charAt(0).toUpperCase()}${p.scatterNote.slice(1)}.`) : null,
      p.caution ? h('div', { class: 'warning caution', role: 'note' }, cautionLine(p.caution), toEnd ? ' ' : '', toEnd) : null,
      p.unconverged ? h('div', { class: 'note' }, `The fit did not converge (${p.unconverged}): the number is where the optimiser stopped; the table shows each law's state.`) : null,
      besideForecast ? h('div', { class: 'note' }, 'The laws see the loss, not the learning-rate schedule; the forecast above follows the schedule.') : null,
    ),
  );
}

/** "Caution: …." as a sentence: no full stop after one that ends in a question ("is the target in steps?"). */
export function cautionLine(caution: string): string {
  return `Caution: ${caution}${/[.?!]$/.test(caution) ? '' : '.'}`;
}

/**
 * Why the laws' rehearsed distance is not the Forecast block's beside it (3× here, 3.6× there, for
 * one schedule's end): said over the laws' trust line when the block shows a forecast.
 */
export const LAWS_AND_FORECAST_REHEARSE =
  "The laws rehearse at three fixed cuts of their fit points (fitted up to the last x ÷ 1.5, 2 and 3) and quote the rehearsals nearest the target's distance from their last fit point. The Forecast block's line cuts the log where its one rehearsal reaches exactly as far as its forecast does (last logged step → the schedule's end), so the two distances differ.";

/** "On this curve's own history, a 2× extrapolation missed by 0.8%." (and, further out, "; 10× is further than the laws' back-tests reach (scaled by log distance, about 2.5% there).") */
export function trustLine(t: Trust): string {
  return `On this curve's own history, ${trustText(t)}.`;
}

export function planCells(r: PlanRow): HTMLElement[] {
  const iv = r.intervals;
  // bootstrap intervals under the value, in the same cell, so the columns stay as they were
  // N and D as the notification writes them ("13.4B"), not "1.34e10"; the loss too ("2.100
  // [2.062, 2.160]", not "2.1 [2.062, 2.16]"), so a loss to reach reads as the one asked for
  return [numCell(formatNumber(r.flops), iv?.flops, (lo, hi) => `[${formatNumber(lo)}, ${formatNumber(hi)}]`), numCell(fmtAmount(r.N), iv?.N, fmtAmountInterval), numCell(fmtAmount(r.D), iv?.D, fmtAmountInterval), numCell(fmtRatio(r.tokensPerParam)), numCell(fmtLoss(r.loss), iv?.loss, fmtLossInterval)];
}

/** The budget's plan on a law that back-tests clearly better than Chinchilla's: labelled as that law's in place of the budget, which it shares. */
function otherLawRow(law: string, r: PlanRow): HTMLElement {
  const [, ...cells] = planCells(r);
  return h('tr', { class: 'other-law', title: `${law}'s surface fitted to the whole sweep, planned at the same budget; no intervals for it` }, h('td', { class: 'num' }, `${law}'s plan`), ...cells);
}

export function renderPlan(root: HTMLElement, plan: PlanView, canvasHost: HTMLElement, isoflopHost: HTMLElement): void {
  clear(root);
  // a sweep in bits or a perplexity: its L* is in that column's units, headed so (its note says the loss it means)
  const lossHead = plan.lossName ? `${plan.lossName} L*` : 'Loss L*';
  const head = h('tr', {}, ...['Compute C (FLOPs)', 'Parameters N', 'Tokens D', 'Tokens / param', lossHead].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const other = plan.lawBackTests?.plan;
  const body = h('tbody', {}, h('tr', { class: 'auto' }, ...planCells(plan.budget)), other ? otherLawRow(other.law, other.row) : null);
  const frontier = h('tbody', {}, ...plan.rows.map((r) => h('tr', {}, ...planCells(r))));
  root.append(
    ...(plan.point ? renderPoint(plan.point, plan.budget.loss) : []),
    h(plan.point ? 'h3' : 'h2', {}, plan.targetLoss !== undefined ? `Compute to reach loss ${formatAskedLoss(plan.targetLoss)}` : plan.point ? 'Compute-optimal split of the same budget' : 'Compute-optimal allocation'),
    h('p', { class: 'note' }, `Surface: ${plan.source} · `, plan.params.map(([k, v]) => `${k}=${formatNumber(v)}`).join('  ')),
    ...(plan.notes ?? []).map((n) => h('p', { class: 'warning' }, n)),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head), body)),
    ...(plan.trust ? [h('p', { class: 'note trust' }, plan.trust)] : []),
    ...(plan.lawBackTests ? [h('p', { class: 'note trust' }, plan.lawBackTests.text)] : []),
    ...(plan.constrained ? renderConstrained(plan.constrained) : []),
    ...(plan.inference ? renderInference(plan.inference) : []),
    canvasHost,
    h('details', {}, h('summary', {}, 'Frontier table'), h('div', { class: 'table-scroll' }, h('table', { class: 'compare plan' }, h('thead', {}, head.cloneNode(true)), frontier))),
    ...(plan.isoflop ? renderIsoflop(plan.isoflop, isoflopHost) : []),
  );
}

export function renderBenchmark(root: HTMLElement, b: BenchmarkView): void {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Estimator'), ...['Curves', 'Mean RMSLE', 'Median RMSLE', 'Best on'].map((t) => h('th', { scope: 'col', class: 'num' }, t)));
  const body = h(
    'tbody',
    {},
    ...b.rows.map((r, i) =>
      h('tr', { class: i === 0 ? 'auto' : undefined }, h('td', {}, r.name), h('td', { class: 'num' }, r.curves), h('td', { class: 'num' }, fmtRmsle(r.meanRmsle)), h('td', { class: 'num' }, fmtRmsle(r.medianRmsle)), h('td', { class: 'num' }, r.wins)),
    ),
    b.auto
      ? h('tr', {}, h('td', {}, 'auto (mean of the best back-tested laws)'), h('td', { class: 'num' }, b.auto.curves), h('td', { class: 'num' }, fmtRmsle(b.auto.meanRmsle)), h('td', { class: 'num' }, fmtRmsle(b.auto.medianRmsle)), h('td', { class: 'num' }, '—'))
      : null,
  );
  root.append(
    h('h2', {}, 'Benchmark: extrapolation error on held-out points'),
    h('p', { class: 'note' }, `${b.curves} curves from ${b.file} in ${b.seconds.toFixed(1)} s${b.cancelled ? ' (cancelled: partial results)' : ''}. Each estimator is fitted on the Training points and scored on the rest.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare' }, h('thead', {}, head), body)),
  );
  if (b.groups.length > 1) renderBenchmarkByDomain(root, b);
}

/** Mean RMSLE per estimator (rows, in the pooled table's order) and domain (columns); the best of each column marked. */
function renderBenchmarkByDomain(root: HTMLElement, b: BenchmarkView): void {
  const cell = (g: BenchmarkView['groups'][number], law: string): number | undefined =>
    law === 'auto' ? g.auto?.meanRmsle : g.rows.find((r) => r.law === law)?.meanRmsle;
  const laws = [...b.rows.map((r) => ({ law: r.law, name: r.name })), ...(b.auto ? [{ law: 'auto', name: 'auto' }] : [])];
  const best = b.groups.map((g) => Math.min(...laws.map((l) => cell(g, l.law) ?? Infinity)));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Estimator'), ...b.groups.map((g) => h('th', { scope: 'col', class: 'num' }, `${g.name} (${g.curves})`)));
  const body = h(
    'tbody',
    {},
    ...laws.map((l) =>
      h(
        'tr',
        {},
        h('td', {}, l.name),
        ...b.groups.map((g, i) => {
          const v = cell(g, l.law);
          return h('td', { class: v !== undefined && v === best[i] ? 'num best' : 'num' }, v === undefined ? '—' : fmtRmsle(v));
        }),
      ),
    ),
  );
  root.append(
    h('h3', {}, 'Mean RMSLE per domain'),
    h('div', { class: 'table-scroll' }, h('table', { class: 'compare by-domain' }, h('thead', {}, head), body)),
  );
}
