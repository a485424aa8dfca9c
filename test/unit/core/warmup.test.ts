// A training log's fit starts where its logged learning-rate warmup ends (core/warmup.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { leaveOutWarmup, MIN_AFTER_WARMUP, warmupEnd } from '../../../src/core/warmup';

const steps = Array.from({ length: 200 }, (_, i) => (i + 1) * 10);
/** Linear warmup to 3e-4 over `w` steps, then a cosine to 3e-5 at step 2000. */
const lrOf = (w: number) => steps.map((s) => (s < w ? (3e-4 * s) / w : 3e-5 + 0.5 * (3e-4 - 3e-5) * (1 + Math.cos((Math.PI * (s - w)) / (2000 - w)))));

test('warmupEnd: the first step at the LR peak after a logged warmup; none without a warmup or before it ends', () => {
  assert.equal(warmupEnd(steps, lrOf(300)), 300);
  // a log that starts at the peak (its warmup not logged) shows none
  assert.equal(warmupEnd(steps.slice(40), lrOf(300).slice(40)), undefined);
  // still rising at its last point: the warmup is not over
  assert.equal(warmupEnd(steps.slice(0, 20), lrOf(300).slice(0, 20)), undefined);
  // constant after the warmup (its peak held): the warmup still ends where it is first reached
  assert.equal(warmupEnd(steps, steps.map((s) => Math.min(1, s / 500) * 1e-3)), 500);
  // non-finite values are skipped; nothing usable gives nothing
  assert.equal(warmupEnd([1, 2, 3, 4], [NaN, 0.5e-4, 2e-4, 2e-4]), 3);
  assert.equal(warmupEnd([1, 2], [NaN, NaN]), undefined);
  assert.equal(warmupEnd([], []), undefined);
});

test('leaveOutWarmup: the points before the warmup end leave the fit, unless too few would stay', () => {
  const pts = steps.map((x) => ({ x, y: 2 + 10 / Math.sqrt(x) }));
  const r = leaveOutWarmup(pts, 300);
  assert.equal(r.warmup.length, 29);
  assert.equal(r.fit.length, 171);
  assert.ok(r.fit.every((p) => p.x >= 300) && r.warmup.every((p) => p.x < 300));
  assert.match(r.warning ?? '', /left the 29 points before x = 300 out of the fit/);
  const late = leaveOutWarmup(pts, steps[200 - MIN_AFTER_WARMUP + 1]);
  assert.equal(late.fit, pts, 'fewer than MIN_AFTER_WARMUP after it: all kept');
  assert.match(late.warning ?? '', /warmup stays in the fit until 10 do/);
  assert.deepEqual(leaveOutWarmup(pts, 5), { fit: pts, warmup: [] }, 'nothing before it');
  assert.deepEqual(leaveOutWarmup(pts, undefined), { fit: pts, warmup: [] });
});

test('analyzeCurve with fitFrom: the warmup is drawn apart, not fitted and not scored, and the fit is the one of the points after it', () => {
  // a warmup whose loss lags the law (as a rising LR makes it), then the law itself
  const law = (x: number) => 2 + 30 * x ** -0.5;
  const pts = steps.map((x) => ({ x, y: x < 300 ? law(x) * (1 + 0.6 * (1 - x / 300)) : law(x) }));
  const target = [20000];
  const a = analyzeCurve(pts, { laws: ['m2'], fitFrom: 300, holdoutFrac: 0.2, targets: target, seed: 1 });
  assert.equal(a.warmupPoints?.length, 29);
  assert.equal(a.fitPoints.length + a.heldOutPoints.length + a.warmupPoints!.length, pts.length);
  assert.ok(a.fitPoints.every((p) => p.x >= 300));
  const after = analyzeCurve(pts.filter((p) => p.x >= 300), { laws: ['m2'], fitUntil: a.fitPoints[a.fitPoints.length - 1]!.x, targets: target, seed: 1 });
  assert.deepEqual(a.estimators[0]!.fit!.params, after.estimators[0]!.fit!.params, 'the same fit as on the points after the warmup alone');
  const all = analyzeCurve(pts, { laws: ['m2'], holdoutFrac: 0.2, targets: target, seed: 1 });
  assert.equal(all.warmupPoints, undefined);
  const err = (r: typeof a) => Math.abs(Math.log(r.estimators[0]!.predictions[0]!.y / law(20000)));
  assert.ok(err(a) < err(all) / 5, `left out ${err(a)} vs fitted ${err(all)}`);
  assert.ok(a.warnings.some((w) => /learning rate's warmup/.test(w)), a.warnings.join('; '));
});
