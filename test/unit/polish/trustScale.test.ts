// Past every rehearsal the trust line also says what its miss comes to at the target, scaled by log
// distance: quoted alone there, it read too small (bench/trustLine.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missAtTarget } from '../../../src/core/trustScale';
import { trustAt } from '../../../src/core/calibrate';
import type { BacktestResidual } from '../../../src/core/backtest';
import { trustText } from '../../../src/core/units';

test('missAtTarget: the miss × log(target factor) / log(rehearsed factor), only beyond the rehearsals', () => {
  assert.ok(Math.abs(missAtTarget({ factor: 2, missedBy: 0.01, beyond: true, targetFactor: 8 })! - 0.03) < 1e-12);
  assert.ok(Math.abs(missAtTarget({ factor: 3, missedBy: 0.012, beyond: true, targetFactor: 10 })! - (0.012 * Math.log(10)) / Math.log(3)) < 1e-12);
  // within reach, or without the target's factor: nothing to scale
  assert.equal(missAtTarget({ factor: 2, missedBy: 0.01 }), undefined);
  assert.equal(missAtTarget({ factor: 2, missedBy: 0.01, beyond: true }), undefined);
  assert.equal(missAtTarget({ factor: 2, missedBy: 0.01, targetFactor: 8 }), undefined);
  // no distance rehearsed, or a target no further: no ratio
  assert.equal(missAtTarget({ factor: 1, missedBy: 0.01, beyond: true, targetFactor: 8 }), undefined);
  assert.equal(missAtTarget({ factor: 4, missedBy: 0.01, beyond: true, targetFactor: 2 }), undefined);
  assert.equal(missAtTarget({ factor: 2, missedBy: Infinity, beyond: true, targetFactor: 8 }), undefined);
});

test("trustAt → trustText: a 2× rehearsal that missed by 1% reads 3% at 8×, and nothing more at 2×", () => {
  const rs = [0, 1, 2, 3, 4].map((i): BacktestResidual => ({ cut: i, x: 2, distance: Math.log(2), logY: 0, logPred: Math.log(1.01) }));
  const far = trustAt(rs, Math.log(8))!;
  assert.equal(far.beyond, true);
  assert.equal(trustText(far), "a 2× extrapolation missed by 1.0%; 8× is further than the laws' back-tests reach (scaled by log distance, about 3.0% there)");
  assert.equal(trustText(trustAt(rs, Math.log(2))), 'a 2× extrapolation missed by 1.0%');
});
