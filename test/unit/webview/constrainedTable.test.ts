// The Plan view's data-constrained row writes N and D as the unconstrained plan above it does
// ("11.8B", "1.41T"), not "1.18e10", and what the limit costs to the losses' own decimals
// ("+0.010" beside 2.017 and 2.007, not "+0.009916").
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

test('data-constrained row: N and D as amounts, the cost of the limit to the losses\' decimals', async () => {
  const g = globalThis as unknown as { document?: unknown; Node?: unknown };
  g.Node = FakeNode;
  g.document = { createElement: (tag: string) => new FakeNode(tag) };
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
