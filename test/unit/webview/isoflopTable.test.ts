// The IsoFLOP part of the Plan view writes N and D as the plan's table above it does ("15.2B",
// "1.1T"), not in exponent form ("1.52e10"), so the two answers can be compared at a glance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeNode, useFakeDom } from './fakeDom';

test('IsoFLOP tables: N and D as amounts with amount intervals, as the plan table writes them', async () => {
  useFakeDom();
  const { renderIsoflop } = await import('../../../webview/isoflop');
  const iso = {
    exponent: 0.456,
    exponentInterval: [0.3706, 0.5525] as [number, number],
    surfaceExponent: 0.446,
    budget: { N: 1.52e10, D: 1.1e12, tokensPerParam: 72.4, intervals: { N: [6.97e9, 3.81e10] as [number, number], D: [4.37e11, 2.39e12] as [number, number] } },
    rows: [{ flops: 6e18, sizes: 5, N: 1.83e8, D: 5.46e9, loss: 3.09 }],
    notes: [],
    chart: { id: 'isoflop', title: 'IsoFLOP profiles', xLabel: 'parameters N', yLabel: 'loss', xLog: true, yLog: false, series: [], markers: [] },
  };
  const parts = renderIsoflop(iso as never, new FakeNode('div') as never) as unknown as FakeNode[];
  const cells = parts.flatMap((p) => p.cells()).map((c) => c.textContent);
  assert.deepEqual(cells.slice(0, 3), ['15.2B[6.97B, 38.1B]', '1.1T[437B, 2.39T]', '72.4']);
  // the budgets' valleys too: N and D as amounts, the loss as a number
  assert.deepEqual(cells.slice(3), ['6e18', '5', '183M', '5.46B', '3.09']);
  // compute stays in FLOPs' exponent form, as in the plan table
  assert.ok([0, 1, 5, 6].every((i) => !/\de\d/.test(cells[i]!)), cells.join(' | '));
});
