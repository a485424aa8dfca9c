// The Plan view's tables write their numbers alike: the data-constrained row N and D as the
// unconstrained plan above it does ("11.8B", "1.41T"), not "1.18e10", what the limit costs to the
// losses' own decimals ("+0.010" beside 2.017 and 2.007, not "+0.009916"), and every L* with four
// digits kept ("2.100 [2.062, 2.160]" for a loss to reach, not "2.1 [2.062, 2.16]").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeNode, useFakeDom } from './fakeDom';

test('plan row of a loss to reach: L* written as the loss asked for, trailing zeros kept', async () => {
  useFakeDom();
  const { planCells } = await import('../../../webview/tables');
  // sweep.csv, "compute to reach loss 2.1?", as the panel showed it
  const row = {
    flops: 1.89e22,
    N: 6.37e9,
    D: 4.95e11,
    tokensPerParam: 77.7,
    loss: 2.1,
    intervals: { N: [2.62e9, 1.15e10] as [number, number], D: [2.75e11, 1.21e12] as [number, number], loss: [2.062, 2.16] as [number, number] },
  };
  const cells = (planCells(row) as unknown as FakeNode[]).map((c) => c.textContent);
  assert.deepEqual(cells, ['1.89e22', '6.37B[2.62B, 11.5B]', '495B[275B, 1.21T]', '77.7', '2.100[2.062, 2.160]']);
});

test('data-constrained row: N and D as amounts, the cost of the limit to the losses\' decimals', async () => {
  useFakeDom();
  const { renderConstrained } = await import('../../../webview/constrained');
  // sweep.csv at 1e23 FLOPs with 300B unique tokens, as the panel showed it
  const view = {
    uniqueTokens: 3e11,
    RD: 15.4,
    RN: 5.3,
    decaySource: 'published, Muennighoff et al. 2023',
    N: 1.18e10,
    D: 1.41e12,
    epochs: 4.7,
    loss: 2.017,
    excessLoss: 0.009916,
    intervals: { N: [4.94e9, 2.43e10] as [number, number], D: [6.86e11, 3.38e12] as [number, number], loss: [1.972, 2.093] as [number, number] },
    warnings: [],
  };
  const parts = renderConstrained(view as never) as unknown as FakeNode[];
  const cells = parts.flatMap((p) => p.cells()).map((c) => c.textContent);
  assert.deepEqual(cells, ['11.8B[4.94B, 24.3B]', '1.41T[686B, 3.38T]', '4.70', '2.017[1.972, 2.093]', '+0.010']);
  // a rounder loss keeps its zeros, as the plan row above it does
  const round = renderConstrained({ ...view, loss: 2.1, intervals: { ...view.intervals, loss: [2.05, 2.16] as [number, number] } } as never) as unknown as FakeNode[];
  assert.equal(round.flatMap((p) => p.cells()).map((c) => c.textContent)[3], '2.100[2.050, 2.160]');
});

test('cost of the limit: "none" when free, "under 0.001" when it rounds away, decimals follow the loss', async () => {
  const { fmtExcessLoss } = await import('../../../webview/constrained');
  assert.equal(fmtExcessLoss(0, 2.017), 'none');
  assert.equal(fmtExcessLoss(0.0003, 2.017), 'under 0.001');
  assert.equal(fmtExcessLoss(0.0421, 2.5), '+0.042');
  // a loss written 12.34 has two decimals, so its cost does too
  assert.equal(fmtExcessLoss(0.0421, 12.34), '+0.04');
  assert.equal(fmtExcessLoss(0.00421, 0.5123), '+0.0042');
});
