// The controls above the chart, built from @vscode-elements components (imported one by one):
// x / y column selects, the curve picker (filterable, several curves overlay), the target field,
// and export buttons. They are rebuilt only when the choices change, so typing is not interrupted.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { X_KIND_LABELS, type ExportFormat, type PanelData } from '../src/shared/protocol';
import { clear, h } from './dom';

export interface ControlEvents {
  selectColumns(x: string, y: string): void;
  selectCurves(ids: string[]): void;
  setTarget(text: string): void;
  exportAs(format: ExportFormat): void;
  /** Log or linear scale for one axis (a view choice: the webview keeps it). */
  setLogAxis(axis: 'x' | 'y', log: boolean): void;
}

export interface AxisChoice {
  readonly xLog: boolean;
  readonly yLog: boolean;
}

const MAX_PICKER = 2000;

function option(value: string, label: string, selected: boolean, description?: string): HTMLElement {
  return h('vscode-option', { value, selected, ...(description ? { description } : {}) }, label);
}

export class Controls {
  private signature = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly events: ControlEvents,
  ) {}

  render(data: PanelData, axes: AxisChoice): void {
    const sig = JSON.stringify([data.source, data.columns, data.curves.length, data.curves[0]?.id, data.curves.at(-1)?.id, data.selected, data.plan ? 1 : 0, axes]);
    if (sig === this.signature) {
      this.syncTarget(data.targetText);
      return;
    }
    this.signature = sig;
    clear(this.root);
    if (data.curves.length === 0) {
      // plan and benchmark panels: nothing to choose, only exports
      if (data.plan) this.root.append(h('div', { class: 'row' }, h('span', { class: 'spacer' }), this.exportButtons(['png', 'json'])));
      return;
    }
    const row = h('div', { class: 'row' });
    if (data.columns) {
      const x = h('vscode-single-select', { id: 'x-column', 'aria-label': 'x column' }, ...data.columns.x.map((c) => option(c, data.columns!.xLabels?.[c] ?? X_KIND_LABELS[c] ?? c, c === data.columns!.selectedX)));
      const y = h('vscode-single-select', { id: 'y-column', 'aria-label': 'y column', combobox: data.columns.y.length > 12 });
      // appended one by one: a log can have as many keys as it likes, more than a spread can pass
      for (const c of data.columns.y) y.append(option(c, c, c === data.columns.selectedY));
      const fire = () => this.events.selectColumns((x as unknown as { value: string }).value, (y as unknown as { value: string }).value);
      x.addEventListener('change', fire);
      y.addEventListener('change', fire);
      row.append(h('label', { class: 'field' }, h('span', {}, 'x'), x), h('label', { class: 'field' }, h('span', {}, 'y'), y));
    }
    const target = h('vscode-textfield', { id: 'target', value: data.targetText, placeholder: '10x, 1e10, 2B, 300B tokens, or loss 2.5 (where it is reached)', title: 'A target x (10x, 1e10, 2B, 300B tokens), or a loss to find the x of (loss 2.5, when does the loss reach 2.5?)', 'aria-label': 'extrapolation target' });
    const apply = h('vscode-button', { id: 'apply-target', secondary: true }, 'Predict');
    const send = () => this.events.setTarget((target as unknown as { value: string }).value);
    apply.addEventListener('click', send);
    target.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') send();
    });
    row.append(h('label', { class: 'field target' }, h('span', {}, 'target'), target), apply);
    row.append(this.axisToggle('x', axes.xLog), this.axisToggle('y', axes.yLog));
    row.append(h('span', { class: 'spacer' }), this.exportButtons(['png', 'csv', 'json']));
    this.root.append(row);
    if (data.curves.length > 1) {
      const picker = h(
        'vscode-multi-select',
        { id: 'curves', combobox: true, 'aria-label': 'curves to show' },
        ...data.curves.slice(0, MAX_PICKER).map((c) => option(c.id, `${c.label} (${c.points})`, data.selected.includes(c.id), c.config)),
      );
      nameSelection(picker, data);
      picker.addEventListener('change', () => {
        const ids = (picker as unknown as { value: string[] }).value;
        if (ids.length > 0) this.events.selectCurves(ids);
      });
      this.root.append(
        h(
          'div',
          { class: 'row' },
          h('label', { class: 'field curves' }, h('span', {}, `curve shown (${data.curves.length} in this source; pick up to 8 to overlay)`), picker),
        ),
      );
    }
  }

  private axisToggle(axis: 'x' | 'y', log: boolean): HTMLElement {
    const box = h('vscode-checkbox', { checked: log, label: `log ${axis}`, title: `logarithmic ${axis} axis` });
    box.addEventListener('change', () => this.events.setLogAxis(axis, (box as unknown as { checked: boolean }).checked));
    return box;
  }

  private exportButtons(formats: ExportFormat[]): HTMLElement {
    const group = h('span', { class: 'exports', role: 'group', 'aria-label': 'export' });
    for (const f of formats) {
      const b = h('vscode-button', { secondary: true, title: `Export ${f.toUpperCase()}`, 'aria-label': `Export ${f.toUpperCase()}` }, f.toUpperCase());
      b.addEventListener('click', () => this.events.exportAs(f));
      group.append(b);
    }
    return group;
  }

  private syncTarget(text: string): void {
    const t = this.root.querySelector('#target') as (HTMLElement & { value: string }) | null;
    if (t && document.activeElement !== t && t.value !== text) t.value = text;
  }
}

/**
 * The picker's face names the shown curve(s) instead of "1 Selected": vscode-multi-select 2.5
 * renders its face badge through _renderLabel, and a Node is a valid Lit child.
 */
function nameSelection(picker: HTMLElement, data: PanelData): void {
  const labels = data.selected.map((id) => data.curves.find((c) => c.id === id)?.label ?? id);
  const text = labels.length === 0 ? 'no curve' : labels.length === 1 ? labels[0]! : `${labels[0]} + ${labels.length - 1} more`;
  const face = picker as unknown as { _renderLabel?: () => unknown };
  face._renderLabel = () => h('span', { class: 'select-face-badge', title: labels.join(', ') }, text);
}
