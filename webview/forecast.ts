// The schedule-aware forecast: its callout (the run's final loss at the end of its learning-rate
// schedule with a 95% interval, when a target loss is reached, the plain power law in steps
// beside it, a what-if) leads the panel above the chart; the schedule field that posts
// setSchedule sits under the chart with its hint or parse error. The field is kept across renders
// so typing is never interrupted by a live update.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ForecastView } from '../src/shared/protocol';
import { clear, h } from './dom';
import { fmtLoss, fmtLossInterval, formatNumber } from './format';
import { forecastLines, offeredSpec } from './forecastText';

export class ForecastBlock {
  private field: (HTMLElement & { value: string }) | undefined;
  private fieldRow: HTMLElement | undefined;
  private specShown: string | undefined;
  /** The suggestion last put in the field: offered once, so a field the user cleared stays clear. */
  private suggestionShown: string | undefined;

  constructor(
    /** Above the chart: the forecast itself, once there is one. */
    private readonly headRoot: HTMLElement,
    /** Under the chart: what the forecast needs (hint, error) and the schedule field. */
    private readonly fieldRoot: HTMLElement,
    private readonly setSchedule: (spec: string) => void,
  ) {}

  render(f: ForecastView | undefined, yLabel: string): void {
    clear(this.headRoot);
    if (!f) {
      clear(this.fieldRoot);
      this.field = undefined;
      this.fieldRow = undefined;
      return;
    }
    if (!this.fieldRow || !this.fieldRoot.contains(this.fieldRow)) {
      clear(this.fieldRoot);
      this.fieldRow = this.scheduleRow(f.spec ?? '');
      this.fieldRoot.append(h('div', { class: 'forecast-body' }), this.fieldRow);
      this.specShown = f.spec;
    } else if (f.spec !== this.specShown && this.field && document.activeElement !== this.field) {
      this.field.value = f.spec ?? '';
      this.specShown = f.spec;
    }
    const offer = this.field && document.activeElement !== this.field ? offeredSpec(this.field.value, this.suggestionShown, f) : undefined;
    if (offer !== undefined) {
      this.field!.value = offer;
      this.suggestionShown = f.suggestedSpec;
    }
    const below = this.fieldRoot.querySelector('.forecast-body') as HTMLElement;
    clear(below);
    const { head, lines, notes } = forecastLines(f, yLabel);
    const box = h('div', { class: `callout forecast${f.stale ? ' stale' : ''}` }, h('strong', {}, 'Forecast '));
    if (f.result && head) {
      const { lo, hi } = f.result.final;
      // a band wider than ×2 is the method saying it cannot tell yet: the band, not a number
      if (f.result.undetermined) box.append(head, h('strong', {}, 'not determined yet'), ` · 95% band ${fmtLossInterval(lo, hi)}, ×${formatNumber(hi / lo)} wide · ${f.curve}`);
      else box.append(head, h('strong', { class: 'value' }, fmtLoss(f.result.final.y)), ` ${fmtLossInterval(lo, hi)} (95%) · ${f.curve}`);
    }
    else if (f.hint) box.append(h('span', { class: 'note' }, f.hint));
    else if (f.error) box.append(h('span', { class: 'error' }, f.error));
    for (const l of lines) box.append(h('div', {}, l));
    for (const n of notes) box.append(h('div', { class: 'note' }, n));
    if (f.specFrom) box.append(h('div', { class: 'note' }, `Schedule from ${f.specFrom}; edit the field to change it, or clear it to forecast without one.`));
    // a forecast leads the panel; a hint or an error stays by the field that answers it
    (f.result ? this.headRoot : below).append(box);
    const err = this.fieldRoot.querySelector('.spec-error');
    if (err) {
      clear(err);
      if (f.specError) err.append(f.specError);
    }
  }

  private scheduleRow(spec: string): HTMLElement {
    const field = h('vscode-textfield', { id: 'schedule', value: spec, placeholder: 'cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5', 'aria-label': 'learning-rate schedule' }) as HTMLElement & { value: string };
    const apply = h('vscode-button', { id: 'apply-schedule', secondary: true }, 'Set schedule');
    const send = () => this.setSchedule(field.value);
    apply.addEventListener('click', send);
    field.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') send();
    });
    this.field = field;
    return h(
      'div',
      { class: 'row schedule-row' },
      h('label', { class: 'field schedule' }, h('span', {}, 'learning-rate schedule (cosine | linear | constant | wsd | two-stage | rsqrt)'), field),
      apply,
      h('div', { class: 'spec-error error', role: 'alert' }),
    );
  }
}
