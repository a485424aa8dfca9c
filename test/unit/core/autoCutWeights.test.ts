// auto weights the back-test cuts by the curve's point count (chosen leave-one-set-out, see
// src/core/auto.ts): evenly on short curves, the default [3, 1, 0.5] on longer ones, and the
// candidate table shows the same score auto ranked by; flat joins the average when its back-test
// is close to the best.
import assert from 'node:assert/strict';
import test from 'node:test';
import { chooseLaw, cutWeightsFor, EVEN_CUT_WEIGHTS_BELOW, FLAT_JOINS_WITHIN } from '../../../src/core/auto';
import { backtest, DEFAULT_CUT_WEIGHTS, type LawBacktest } from '../../../src/core/backtest';
import { analyzeCurve } from '../../../src/core/analyze';

test('cut weights: even below the threshold, the default from it on', () => {
  assert.deepEqual([...cutWeightsFor(EVEN_CUT_WEIGHTS_BELOW - 1)], DEFAULT_CUT_WEIGHTS.map(() => 1));
  assert.deepEqual([...cutWeightsFor(EVEN_CUT_WEIGHTS_BELOW)], [...DEFAULT_CUT_WEIGHTS]);
});

test('a short curve is ranked by the even-weight mean of its cut scores, the figure the candidate table shows', () => {
  const points = Array.from({ length: 20 }, (_, i) => {
    const x = 10 * 1.3 ** i;
    return { x, y: (1.8 + 4 * x ** -0.3) * (1 + 0.01 * Math.sin(3 * i)) };
  });
  const laws = ['m2', 'm4', 'loglin'];
  const a = analyzeCurve(points, { laws, seed: 1 });
  const direct = backtest(laws, Float64Array.from(points.map((p) => p.x)), Float64Array.from(points.map((p) => p.y)), { seed: 1 });
  let checked = 0;
  for (const e of a.estimators) {
    const cuts = direct.get(e.law)?.perCut;
    if (!e.backtest || !cuts || cuts.some((c) => c === null)) continue;
    const even = cuts.reduce((s, c) => s + c!.rmsle, 0) / cuts.length;
    const lopsided = cuts.reduce((s, c, i) => s + DEFAULT_CUT_WEIGHTS[i] * c!.rmsle, 0) / DEFAULT_CUT_WEIGHTS.reduce((s, w) => s + w, 0);
    assert.ok(Math.abs(e.backtest.rmsle - even) <= 1e-9 * even, `${e.law}: ${e.backtest.rmsle} vs even mean ${even}`);
    if (Math.abs(even - lopsided) > 1e-6 * even) checked++;
  }
  assert.ok(checked > 0, 'no law whose even and default-weighted scores differ was checked');
});

const bt = (score: number): LawBacktest => ({ score, perCut: [{ rmsle: score, nFit: 5, nScored: 3 }], charged: 0 });

test('flat joins the average only when its back-test is within FLAT_JOINS_WITHIN of the best, and the reason says so', () => {
  const scores = (flat: number): Map<string, LawBacktest> =>
    new Map([['m2', bt(0.01)], ['m3', bt(0.011)], ['m4', bt(0.012)], ['bnsl-1', bt(0.02)], ['flat', bt(flat)]]);
  const near = chooseLaw(scores(0.01 * FLAT_JOINS_WITHIN * 0.99))!;
  assert.equal(near.law, 'avg(m2+m3+m4+flat)');
  assert.match(near.reason, /flat .* joins the average/);
  assert.match(near.reason, /next bnsl-1/);
  const far = chooseLaw(scores(0.01 * FLAT_JOINS_WITHIN * 1.01))!;
  assert.equal(far.law, 'avg(m2+m3+m4)');
  assert.doesNotMatch(far.reason, /joins the average/);
  // flat among the best three is an ordinary part
  assert.equal(chooseLaw(scores(0.0105))!.law, 'avg(m2+m3+flat)');
});
