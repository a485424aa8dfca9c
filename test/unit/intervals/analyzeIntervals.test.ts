import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw, registerLaw } from '../../../src/core/laws/index';
import { m1 } from '../../../src/core/laws/m1';
import type { Law } from '../../../src/core/types';
import { syntheticCurve, TRUTHS } from './synthetic';

test('every interval contains its point estimate and widens with distance (BNSL-1 curve, 2×, 10×, 100×)', () => {
  const points = syntheticCurve('bnsl-1', 3);
  const xMax = points[points.length - 1].x;
  const a = analyzeCurve(points, { laws: ['bnsl-1'], targets: [2 * xMax, 10 * xMax, 100 * xMax], bootstrap: 20, seed: 1 });
  const preds = a.estimators[0].predictions;
  assert.equal(preds.length, 3);
  let last = 0;
  for (const p of preds) {
    assert.ok(p.lo !== undefined && p.hi !== undefined, JSON.stringify(p));
    assert.ok(p.lo <= p.y && p.y <= p.hi, `${p.lo} ≤ ${p.y} ≤ ${p.hi}`);
    const w = Math.log(p.hi / p.lo);
    assert.ok(w > last, `width ${w} at ${p.x} after ${last}`);
    last = w;
    // and says how far the curve's own back-tests missed at the nearest factor
    assert.ok(p.trust && p.trust.factor > 1 && p.trust.missedBy >= 0, JSON.stringify(p.trust));
  }
});

test('a lower level gives a narrower interval around the same point', () => {
  const points = syntheticCurve('m2', 5);
  const target = [points[points.length - 1].x * 5];
  const wide = analyzeCurve(points, { laws: ['m2'], targets: target, bootstrap: 20, level: 0.95 }).estimators[0].predictions[0];
  const narrow = analyzeCurve(points, { laws: ['m2'], targets: target, bootstrap: 20, level: 0.8 }).estimators[0].predictions[0];
  assert.equal(wide.y, narrow.y);
  assert.ok(narrow.lo! > wide.lo! && narrow.hi! < wide.hi!);
});

// A law that fits only when the seed says so: the full fit and the back-tests (seed 1) succeed,
// and of 40 bootstrap resamples (seeds 1…40) only the 1st and 21st do.
const flaky: Law = {
  ...m1,
  id: 'test-flaky',
  fit(obs, opts) {
    if (((opts?.seed ?? 1) - 1) % 20 !== 0) throw new Error('no fit');
    return { ...m1.fit(obs, opts), law: 'test-flaky' };
  },
};
registerLaw(flaky);

test('38 of 40 failed resamples: no interval, and the reason, rather than a zero-width one', () => {
  const points = syntheticCurve('m1', 9);
  const a = analyzeCurve(points, { laws: ['test-flaky'], targets: [points[points.length - 1].x * 10], bootstrap: 40, holdoutFrac: 0.25 });
  const p = a.estimators[0].predictions[0];
  assert.equal(p.lo, undefined);
  assert.equal(p.hi, undefined);
  assert.match(p.intervalNote ?? '', /no interval: 38 of 40 bootstrap resamples could not be fitted/);
  for (const h of a.estimators[0].heldOut!.points!) assert.equal(h.lo, undefined);
});

test('held-out points carry the prediction and its interval', () => {
  const points = syntheticCurve('m4', 11);
  const a = analyzeCurve(points, { laws: ['m4'], holdoutFrac: 0.25, bootstrap: 20, upperBound: 1 });
  const held = a.estimators[0].heldOut!.points!;
  assert.equal(held.length, a.heldOutPoints.length);
  for (const h of held) {
    assert.ok(h.lo! <= h.pred && h.pred <= h.hi!);
    assert.equal(h.pred, getLaw('m4').predict(a.estimators[0].fit!.params, h.x));
  }
  // without a bootstrap: the points, no intervals
  const plain = analyzeCurve(points, { laws: ['m4'], holdoutFrac: 0.25, upperBound: 1 }).estimators[0].heldOut!.points!;
  assert.ok(plain.every((h) => h.lo === undefined && Number.isFinite(h.pred)));
});

// Curves drawn from each law with 1% noise, fitted with that law on the first 2/3, scored on the
// last third (extrapolation up to ~2.9×). The intervals are calibrated on real curves, whose
// extrapolation errors are mostly misspecification, so on clean synthetic curves they are only
// roughly nominal. Measured (seeds 1–6 per law, 48 points each; coverage @0.8 / @0.95, median
// width log(hi/lo) @0.95): m1 1.00 / 1.00 (0.67); m2 0.94 / 1.00; m3 1.00 / 1.00; m4 0.69 / 0.71;
// bnsl-1 0.81 / 0.83; bnsl-2 0.15 / 0.73; flat 0.79 / 0.94 (widths printed by the test). M4 and
// BNSL refits on 16 points extrapolate worse than their back-tests suggest. The bounds below hold
// those figures with a margin and fail on a collapse to bootstrap-only widths (coverage 0.2–0.6 on
// these curves) or on vacuous widths; BNSL-2 at 0.8 is a known miss (todo below), not loosened.
const KNOWN_MISS_AT_80 = new Set(['bnsl-2']);
for (const law of Object.keys(TRUTHS)) {
  test(`synthetic ${law} curves with noise: held-out coverage near the nominal rate`, () => {
    let in95 = 0;
    let in80 = 0;
    let n = 0;
    const widths: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const points = syntheticCurve(law, seed * 17);
      for (const level of [0.8, 0.95]) {
        const a = analyzeCurve(points, { laws: [law], holdoutFrac: 1 / 3, bootstrap: 16, level, seed, ...(TRUTHS[law].upperBound ? { upperBound: 1 } : {}) });
        const held = a.estimators[0].heldOut?.points ?? [];
        for (const h of held) {
          assert.ok(h.lo !== undefined && h.hi !== undefined, `${law} seed ${seed}: no interval`);
          assert.ok(h.lo <= h.pred && h.pred <= h.hi, `${law} seed ${seed}: interval excludes its point estimate`);
          const inside = h.y >= h.lo && h.y <= h.hi ? 1 : 0;
          if (level === 0.8) in80 += inside;
          else {
            in95 += inside;
            n++;
            widths.push(Math.log(h.hi / h.lo));
          }
        }
      }
    }
    const c80 = in80 / n;
    const c95 = in95 / n;
    widths.sort((u, v) => u - v);
    const median = widths[widths.length >> 1];
    console.log(`${law}: coverage@0.8 ${c80.toFixed(3)}, @0.95 ${c95.toFixed(3)}, median width@0.95 ${median.toFixed(4)} over ${n} points`);
    assert.ok(c95 >= 0.7, `${law}: coverage@0.95 ${c95}`);
    if (!KNOWN_MISS_AT_80.has(law)) assert.ok(c80 >= 0.65, `${law}: coverage@0.8 ${c80}`);
    assert.ok(c95 >= c80);
    // not vacuous: the 95% interval mostly stays within about ±40% of the prediction on 1%-noise
    // curves (m1's is the widest, 0.67: its floor is the whole change it predicts, FLOOR_SHARE 1)
    assert.ok(median < 0.7, `${law}: median width ${median}`);
  });
}
test.todo('synthetic bnsl-2 curves: coverage@0.8 near nominal (measured 0.15: its 16-point refits extrapolate far worse than its back-tests suggest)');

test('every parameter lies inside its own bootstrap interval (BIG-Bench qa 2-shot, 262M: M2 beta 1.9537 had [1.9555, 7.04])', async () => {
  const { benchmarkCurves, benchmarkRows } = await import('../../../bench/benchmarkRows');
  const curves = benchmarkCurves(benchmarkRows()).filter((g) => g[0]!.domain === 'BB');
  assert.ok(curves.length > 0);
  let checked = 0;
  for (const g of curves) {
    const points = g.map((r) => ({ x: r.x, y: r.y }));
    const a = analyzeCurve(points, { laws: ['m2', 'bnsl-1'], holdoutFrac: 0.5, bootstrap: 40, seed: 1 });
    for (const e of a.estimators) {
      if (!e.fit || !e.intervals) continue;
      for (const [k, [lo, hi]] of Object.entries(e.intervals)) {
        const v = e.fit.params[k]!;
        assert.ok(lo <= v && v <= hi, `${g[0]!.task} ${e.law} ${k} = ${v} outside [${lo}, ${hi}]`);
        checked++;
      }
    }
  }
  assert.ok(checked > 20, `${checked} parameters checked`);
});
