import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { logBinned } from '../../../src/core/fitCurve';
import { getLaw } from '../../../src/core/laws/index';
import { mulberry32, normal } from '../../../src/core/random';
import { ScalingLensError } from '../../../src/core/types';

const truth = { beta: 2e3, c: -0.45, alpha: 0.8, errInf: 0.12, err0: 0.95 };
const z = normal(mulberry32(99));
const points = Array.from({ length: 30 }, (_, i) => {
  const x = 1e6 * 10 ** (i / 9);
  return { x, y: getLaw('m4').predict(truth, x) * Math.exp(0.003 * z()) };
});
const laws = ['m2', 'm3', 'm4', 'bnsl-1'];

test('held-out points never influence fits or the auto choice', () => {
  const a = analyzeCurve(points, { laws, fitUntil: points[22].x, upperBound: 1 });
  const tampered = points.map((p, i) => (i > 22 ? { x: p.x, y: p.y * (i % 2 ? 3 : 0.2) } : p));
  const b = analyzeCurve(tampered, { laws, fitUntil: points[22].x, upperBound: 1 });
  assert.equal(a.fitPoints.length, 23);
  assert.equal(a.heldOutPoints.length, 7);
  assert.deepEqual(a.auto, b.auto);
  for (let i = 0; i < laws.length; i++) {
    assert.deepEqual(a.estimators[i].fit?.params, b.estimators[i].fit?.params);
    assert.deepEqual(a.estimators[i].backtest, b.estimators[i].backtest);
    // only the held-out score may differ
    assert.notEqual(a.estimators[i].heldOut?.rmsle, b.estimators[i].heldOut?.rmsle);
  }
});

test('analysis is deterministic and auto explains its choice', () => {
  const a = analyzeCurve(points, { laws, holdoutFrac: 0.2, targets: [1e10], upperBound: 1 });
  const b = analyzeCurve(points, { laws, holdoutFrac: 0.2, targets: [1e10], upperBound: 1 });
  assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
  // auto averages its 3 best back-tested laws, all among the fitted ones
  const parts = /^avg\((.+)\)$/.exec(a.auto?.law ?? '')?.[1].split('+') ?? [];
  assert.equal(parts.length, 3, `auto ${a.auto?.law}`);
  assert.ok(parts.every((p) => laws.includes(p)) && new Set(parts).size === 3, `auto ${a.auto?.law}`);
  assert.match(a.auto!.reason, /back-test/);
  assert.equal(a.heldOutPoints.length, 6);
  // the back-tested choice should not be the worst extrapolator on an M4-generated curve
  const chosen = a.estimators.find((e) => e.law === a.auto!.law)!;
  const worst = Math.max(...a.estimators.map((e) => e.heldOut!.rmsle));
  assert.ok(chosen.heldOut!.rmsle < worst, `chosen ${a.auto!.law}: ${a.estimators.map((e) => `${e.law} ${e.heldOut!.rmsle}`).join(', ')}`);
  assert.equal(chosen.predictions.length, 1);
});

test('bootstrap intervals are seeded and bracket the estimate', () => {
  const opts = { laws: ['m2'], targets: [2e9], bootstrap: 20, seed: 5, upperBound: 1 };
  const a = analyzeCurve(points, opts);
  const b = analyzeCurve(points, opts);
  const e = a.estimators[0];
  assert.deepEqual(e.intervals, b.estimators[0].intervals);
  const p = e.predictions[0];
  assert.ok(p.lo! <= p.y && p.y <= p.hi!, `${p.lo} ≤ ${p.y} ≤ ${p.hi}`);
  const [lo, hi] = e.intervals!.c;
  assert.ok(lo <= e.fit!.params.c && e.fit!.params.c <= hi);
  const c = analyzeCurve(points, { ...opts, seed: 6 });
  assert.notDeepEqual(c.estimators[0].intervals, e.intervals);
});

test('bad points become warnings and impossible fits become per-law errors, not exceptions', () => {
  const few = [{ x: 1, y: 0.9 }, { x: 2, y: 0.8 }, { x: 4, y: 0.7 }, { x: NaN, y: 1 }, { x: 8, y: -1 }];
  const a = analyzeCurve(few, { laws: ['m2', 'm4', 'bnsl-1'] });
  assert.ok(a.warnings.some((w) => /ignored 1 point with a missing or infinite value, 1 point with y ≤ 0 at x = 8 \(a log-log fit needs x > 0 and y > 0\)/.test(w)), a.warnings.join(' | '));
  const m4 = a.estimators.find((e) => e.law === 'm4')!;
  assert.equal(m4.fit, null);
  assert.match(m4.error!, /at least 5 points/);
  const constant = analyzeCurve([1, 2, 3, 4].map((x) => ({ x, y: 0.5 })), { laws: ['m2'] });
  assert.match(constant.estimators[0].error!, /constant/);
  assert.equal(constant.auto, null);
  assert.throws(() => analyzeCurve(points, { laws: ['m9'] }), ScalingLensError);
  assert.throws(() => analyzeCurve(points, { holdoutFrac: 1.5 }), ScalingLensError);
});

test('a metric logged with every point at x = 0 is said to have no x, not to have bad values', () => {
  const stepless = [0.9, 0.8, 0.7, 0.65, 0.6].map((y) => ({ x: 0, y }));
  const a = analyzeCurve(stepless, { laws: ['m2'] });
  assert.ok(a.warnings.some((w) => /all 5 points are at x = 0/.test(w)), a.warnings.join(' | '));
  assert.ok(!a.warnings.some((w) => /≤ 0|ignored/.test(w)));
});

test('points left out are counted by cause: a curve of negative x says x ≤ 0, not "missing, infinite or non-positive"', () => {
  const negative = [1, 2, 3, 4, 5].map((i) => ({ x: -100 * i, y: 2 + 1 / i }));
  const a = analyzeCurve(negative, { laws: ['m2'] });
  assert.ok(a.warnings.some((w) => /^ignored 5 points with x ≤ 0 \(a log-log fit needs x > 0 and y > 0\)$/.test(w)), a.warnings.join(' | '));
});

test('long curves are averaged into log-x bins; short ones are left alone', () => {
  const x = Float64Array.from({ length: 5000 }, (_, i) => i + 1);
  const y = x.map((v) => 2 + 10 / Math.sqrt(v));
  const b = logBinned(x, y, 300);
  assert.ok(b.x.length <= 300 && b.x.length > 100);
  for (let i = 1; i < b.x.length; i++) assert.ok(b.x[i] > b.x[i - 1]);
  assert.equal(b.x[0], 1); // the first bin holds only x = 1
  assert.ok(Math.abs(b.x[b.x.length - 1] / 5000 - 1) < 0.02);
  assert.deepEqual(logBinned(x.subarray(0, 50), y.subarray(0, 50), 300).x, x.subarray(0, 50));
  const a = analyzeCurve(Array.from(x, (v, i) => ({ x: v, y: y[i] })), { laws: ['m2'] });
  assert.ok(a.warnings.some((w) => /log-x bins/.test(w)));
  assert.ok(Math.abs(a.estimators[0].fit!.params.errInf - 2) < 0.01);
});
