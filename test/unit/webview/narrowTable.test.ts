// In a panel 420 px wide the comparison table ran 43 px past the right edge: its last column, the
// prediction at the target, was cut off behind a scroll bar. The interval is its own element that
// may wrap under the value (media/panel.css: td.num .interval), so the column narrows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeNode, useFakeDom } from './fakeDom';

test('a prediction cell holds its interval as an element apart from the value, which may wrap under it', async () => {
  useFakeDom();
  const { renderTables } = await import('../../../webview/tables');
  const root = new FakeNode('section') as FakeNode & { firstChild: null };
  root.firstChild = null;
  const row = { law: 'm2', name: 'M2 (power law + limit)', formula: 'y = ε∞ + β·x^c', params: [['beta', 0.2234]] as const, backtestRmsle: 0.1595, prediction: { x: 40000, y: 1.219, lo: 0.7391, hi: 2.012 }, auto: false, converged: true, color: 1 };
  renderTables(root as unknown as HTMLElement, [{ curve: 'c', label: 'rising', rows: [row], warnings: [] }], { theme: 'dark' as never, single: false, targetText: '10x' });
  const cells = root.cells();
  const pred = cells[cells.length - 1]!;
  assert.equal(pred.textContent, '1.219 [0.7391, 2.012]');
  const interval = pred.children.find((c): c is FakeNode => typeof c !== 'string');
  assert.equal(interval?.attrs.class, 'interval');
  assert.equal(interval?.textContent, ' [0.7391, 2.012]');
});

test('a narrow panel lets an interval in a number column wrap, while the value beside it does not; a wide one keeps them on one line', async () => {
  const { readFileSync } = await import('node:fs');
  const css = readFileSync(new URL('../../../media/panel.css', import.meta.url), 'utf8');
  assert.match(css, /@media \(max-width: 800px\) \{\s*table\.compare td\.num \.interval\s*\{[^}]*white-space: normal/);
  assert.doesNotMatch(css.replace(/@media[^{]*\{[^}]*\}\s*\}/g, ''), /\.interval/);
});
