// auto on the shortest fits (bench/autoShort.bench.ts has the measurements): two points can fit
// only the trend laws, and a falling pair must get a falling forecast, the trend damped by half,
// with the fallback stated; a rising pair is held flat.
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { chooseLaw, DAMPED_TREND } from '../../../src/core/auto';
import type { LawBacktest } from '../../../src/core/backtest';
import { AUTO_CANDIDATES, CURVE_LAW_IDS, getLaw } from '../../../src/core/laws/index';
import { benchmarkCurves, benchmarkRows } from '../../../bench/benchmarkRows';
import { evaluateCurve } from '../../../bench/realCurvesEval';

const none: LawBacktest = { score: NaN, perCut: [null, null, null], charged: 0 };
const untested = (ids: readonly string[]): Map<string, LawBacktest> => new Map(ids.map((id) => [id, none]));

test('loglin fits two points: the line through them', () => {
  const x = Float64Array.of(100, 1000);
  const y = Float64Array.of(4, 2);
  const law = getLaw('loglin');
  const fit = law.fit({ x, y });
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(law.predict(fit.params, x[i]) / y[i] - 1) < 1e-12);
  // one more decade halves the loss again
  assert.ok(Math.abs(law.predict(fit.params, 10000) - 1) < 1e-12);
});

test('a falling 2-point curve gets a falling forecast: the trend damped by half, with the fallback stated', () => {
  const a = analyzeCurve([{ x: 100, y: 4 }, { x: 1000, y: 2 }], { laws: AUTO_CANDIDATES, targets: [10000] });
  assert.ok(a.auto);
  assert.equal(a.auto.law, DAMPED_TREND);
  assert.match(a.auto.reason, /too few fit points to back-test.*no law with a level.*damped by half/);
  const at = (law: string): number => a.estimators.find((e) => e.law === law)!.predictions[0].y;
  const y = at(a.auto.law);
  // below the last point (flat would hold 2), above the undamped line (1): their geometric mean
  assert.ok(y < 2 && y > 1, `forecast ${y}`);
  assert.ok(Math.abs(y - Math.SQRT2) < 1e-9, `forecast ${y}`);
});

test('a 2-point curve that does not fall is held flat, and says why', () => {
  const a = analyzeCurve([{ x: 100, y: 2 }, { x: 1000, y: 2.5 }], { laws: AUTO_CANDIDATES, targets: [10000] });
  assert.equal(a.auto?.law, 'flat');
  assert.match(a.auto!.reason, /do not fall, so fell back on flat/);
  assert.equal(a.estimators.find((e) => e.law === 'flat')!.predictions[0].y, 2.5);
});

test('the damped trend is only for curves where nothing but the trend laws fitted', () => {
  assert.equal(chooseLaw(untested(['flat', 'loglin']), ['flat', 'loglin'], 3, { falling: true })!.law, DAMPED_TREND);
  assert.equal(chooseLaw(untested(['flat', 'loglin']), ['flat', 'loglin'], 3, { falling: false })!.law, 'flat');
  // a law with a level fitted (3+ points): the stated fallback order, m2 first
  const c = chooseLaw(untested(['m2', 'flat', 'loglin']), ['m2', 'flat', 'loglin'], 3, { falling: true })!;
  assert.equal(c.law, 'm2');
  assert.match(c.reason, /fell back on m2, the first that fitted/);
  // only one trend law: that one
  assert.equal(chooseLaw(untested(['loglin']), ['loglin'], 3, { falling: true })!.law, 'loglin');
});

test('RNSL NMT, first 25% (2 fit points per curve): auto at its pinned figure and below both naive baselines', () => {
  // as in bench/realCurves.bench.ts; before the damped trend auto held the last level (0.5857, E + A·x^−a 0.2040)
  const outs = benchmarkCurves(benchmarkRows())
    .filter((g) => g[0].domain === 'NMT')
    .map((g) => evaluateCurve(g.map((r) => ({ x: r.x, y: r.y })), 0.25, CURVE_LAW_IDS));
  assert.equal(outs.length, 5);
  assert.ok(outs.every((o) => o.nFit === 2 && o.auto === DAMPED_TREND), outs.map((o) => `${o.nFit} ${o.auto}`).join('; '));
  const mean = (m: string): number => outs.reduce((s, o) => s + o.rmsle[m]!, 0) / outs.length;
  assert.ok(mean('auto') <= 0.1668 * 1.02, `auto ${mean('auto')}`);
  assert.ok(mean('auto') < mean('last-value') && mean('auto') < mean('E+A·x^-a'), `auto ${mean('auto')} vs ${mean('last-value')}, ${mean('E+A·x^-a')}`);
});
