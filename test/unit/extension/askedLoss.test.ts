// A loss asked for is written one way in the panel: as its headline writes losses (four significant
// digits, trailing zeros kept), so "loss = 0.7000 at x ≈ 711K steps" sits under a headline value of
// 0.7000, not "loss = 0.7" beside it; the Plan's "Compute to reach loss 2.100" above an L* of 2.100.
// A loss typed with more digits keeps them all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reachText } from '../../../src/core/reach';
import { formatAskedLoss } from '../../../src/core/units';
import { fmtLoss } from '../../../webview/format';
import { FakeNode, useFakeDom } from '../webview/fakeDom';

test('the loss asked, as the headline writes a loss, never rounded', () => {
  assert.equal(formatAskedLoss(0.7), '0.7000');
  assert.equal(formatAskedLoss(2.5), '2.500');
  assert.equal(formatAskedLoss(12), '12.00');
  assert.equal(formatAskedLoss(2.3456), '2.3456', 'five digits typed: five digits written');
  assert.equal(formatAskedLoss(1e-4), '0.0001', 'outside the headline\'s range: as typed');
  // where the headline writes the same number, it is written alike
  for (const v of [0.7, 2.5, 2.1, 3.07]) assert.equal(formatAskedLoss(v), fmtLoss(v));
});

test('the reach line under the headline names the loss as the headline writes it', () => {
  const r = { loss: 0.7, x: 711_000, lo: 500_000, hi: 1.2e6, until: 2.2e8, dataEnd: 220_000 };
  const text = reachText(r, 'loss', '95%', ' steps', formatAskedLoss);
  assert.match(text, /^loss = 0\.7000 at x ≈ 711K steps, 3\.23× the data \(95%: 500K steps – 1\.2M steps\)$/);
  assert.ok(text.startsWith(`loss = ${fmtLoss(0.7)} `));
  // the CLI keeps the loss as typed
  assert.match(reachText(r, 'loss', '95%', ' steps'), /^loss = 0\.7 at/);
});

test('the Plan of a loss to reach names it as its L* column writes it', async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const row = { flops: 1.89e22, N: 6.37e9, D: 4.95e11, tokensPerParam: 77.7, loss: 2.1 };
  const chart = { id: 'plan', title: '', xLabel: '', yLabel: '', xLog: true, yLog: true, series: [], markers: [] };
  const root = new FakeNode('section');
  renderPlan(root as never, { source: 'sweep.csv', surface: 'sweep.csv', params: [], budget: row, rows: [], chart, targetLoss: 2.1 } as never, new FakeNode('div') as never, new FakeNode('div') as never);
  const h2 = root.children.find((c) => typeof c !== 'string' && c.tag === 'h2') as FakeNode;
  assert.equal(h2.textContent, 'Compute to reach loss 2.100');
  assert.ok(root.cells().some((c) => c.textContent === '2.100'), 'the L* beside it');
});
