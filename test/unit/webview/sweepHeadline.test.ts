// The headline an IsoFLOP sweep opens with says the result: the exponent with its interval, D_opt's
// exponent beside it, and each budget's compute-optimal N and D as amounts ("378M", not "3.78e8").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeNode, useFakeDom } from './fakeDom';

test('sweep headline: N_opt ∝ C^a with its interval, D_opt ∝ C^(1−a), each budget\'s N and D, a budget left out said', async () => {
  useFakeDom();
  const { renderSweepHeadline } = await import('../../../webview/isoflop');
  const root = new FakeNode('section');
  const rows = [
    { flops: 6e18, sizes: 5, N: 1.83e8, D: 5.46e9, loss: 3.09 },
    { flops: 3e19, sizes: 4, N: 3.78e8, D: 1.32e10, loss: 2.79 },
    { flops: 1e20, sizes: 3, excluded: 'the losses do not form a valley' },
  ];
  renderSweepHeadline(root as never, { exponent: 0.4561, exponentInterval: [0.37058, 0.55247], level: 0.95, rows, notes: ['a note'] });
  const text = root.textContent;
  assert.match(text, /^IsoFLOP profiles: N_opt ∝ C\^0\.456 95% interval \[0\.371, 0\.552\] · D_opt ∝ C\^0\.544 · from 2 of 3 budgets/);
  assert.match(text, /Lowest loss per budget: 6e18 FLOPs: N = 183M, D = 5\.46B \(29\.8 tokens\/param\); 3e19 FLOPs: N = 378M, D = 13\.2B \(34\.9 tokens\/param\); 1e20 FLOPs: left out \(the losses do not form a valley\)\./);
  assert.match(text, /a note$/);
  // the number is the headline's value, as a prediction's is
  const strong = (root.children[0] as FakeNode).children.find((c) => typeof c !== 'string' && c.tag === 'strong') as FakeNode;
  assert.equal(strong.textContent, '0.456');
  // no line: the headline says so, and why
  const none = new FakeNode('section');
  renderSweepHeadline(none as never, { rows: [], notes: ['no budget brackets a lowest loss'] });
  assert.equal(none.textContent, 'IsoFLOP profiles: no N_opt ∝ C^a line through this sweepno budget brackets a lowest loss');
});
