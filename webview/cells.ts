// A number cell of the panel's plan tables, with its interval beneath in small print when it has one.
import { h } from './dom';
import { fmtInterval } from './format';

export function numCell(text: string, range?: readonly [number, number]): HTMLElement {
  return h('td', { class: 'num' }, text, range ? h('div', { class: 'note' }, fmtInterval(range[0], range[1])) : null);
}
