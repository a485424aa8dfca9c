import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanMinimum } from '../../../src/core/optim/logScan';

test('scanMinimum finds an interior minimum to 1e-9, a kinked one too, and says when the best point is at an end', () => {
  assert.ok(Math.abs(scanMinimum((x) => (x - 1.234567) ** 2, -10, 10, 41).x - 1.234567) < 1e-9);
  // a kink and a plateau to its left (a min() inside, as the data-constrained surface has)
  const kinked = (x: number) => Math.max(0, 3 - x) * 0.001 + Math.abs(x - 3);
  assert.ok(Math.abs(scanMinimum(kinked, 0, 10, 101).x - 3) < 1e-9);
  assert.equal(scanMinimum((x) => (x - 1) ** 2, -5, 5, 11).atEdge, false);
  const falling = scanMinimum((x) => -x, 0, 1, 11);
  assert.equal(falling.atEdge, true);
  assert.ok(falling.x > 0.9);
});
