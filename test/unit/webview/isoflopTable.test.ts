// The IsoFLOP part of the Plan view writes N and D as the plan's table above it does ("15.2B",
// "1.1T"), not in exponent form ("1.52e10"), so the two answers can be compared at a glance.
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** The least of a DOM that webview/dom.ts's h() needs: elements with attributes, children and text. */
class FakeNode {
  readonly children: (FakeNode | string)[] = [];
  readonly attrs: Record<string, string> = {};
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string): void {
    this.attrs[k] = v;
  }
  append(...c: (FakeNode | string)[]): void {
    this.children.push(...c);
  }
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  cells(): FakeNode[] {
    return this.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.tag === 'td' ? [c] : []), ...c.cells()]));
  }
}

test('IsoFLOP tables: N and D as amounts with amount intervals, as the plan table writes them', async () => {
  const g = globalThis as unknown as { document?: unknown; Node?: unknown };
  g.Node = FakeNode;
  g.document = { createElement: (tag: string) => new FakeNode(tag) };
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
