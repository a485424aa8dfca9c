// A number cell of the panel's plan tables, with its interval beneath in small print when it has one.
import { h } from './dom';
import { fmtInterval } from './format';

export function numCell(text: string, range?: readonly [number, number], fmt: (lo: number, hi: number) => string = fmtInterval): HTMLElement {
  return h('td', { class: 'num' }, text, range ? h('div', { class: 'note' }, fmt(range[0], range[1])) : null);
}
