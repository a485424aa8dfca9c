import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIFF_WINDOW, MAX_STEEPENING, cliffOf, recentSlope, withoutCliffs } from '../../../src/core/cliff';
import { analyzeCurve } from '../../../src/core/analyze';
import { registerLaw } from '../../../src/core/laws/index';

// a learning curve 2 + 20·x^−0.3 logged at 40 points over two decades
const xs = Float64Array.from({ length: 40 }, (_, i) => 1e3 * 10 ** ((2 * i) / 39));
const law = (x: number): number => 2 + 20 * x ** -0.3;
const ys = xs.map(law);
const xMax = xs[xs.length - 1]!;

test("the data's recent slope is the log-log line through the last half of the points", () => {
  const power = xs.map((x) => 5 * x ** -0.25);
  assert.ok(Math.abs(recentSlope(xs, power) + 0.25) < 1e-9);
  // a curve nearing its floor falls more slowly lately than overall
  assert.ok(recentSlope(xs, ys) > Math.log(ys[39]! / ys[0]!) / Math.log(xs[39]! / xs[0]!));
});

test('a law that keeps to the curve past the data is no cliff; one that drops away from it is', () => {
  const recent = recentSlope(xs, ys);
  assert.equal(cliffOf(law, xMax, recent), undefined);
  // a plain power law through the recent points, and a flat line: neither steepens
  assert.equal(cliffOf((x) => ys[39]! * (x / xMax) ** recent, xMax, recent), undefined);
  assert.equal(cliffOf(() => ys[39]!, xMax, recent), undefined);
  // a sigmoid-like drop starting at the data's edge (M4 with β = 4e231, c = −86, α = 124 does this)
  const drop = (x: number): number => law(x) * (x <= xMax ? 1 : (x / xMax) ** -2);
  const c = cliffOf(drop, xMax, recent);
  assert.ok(c && c.slope < recent - MAX_STEEPENING, JSON.stringify(c));
  // just under the bound, and just over it
  const steeper = (by: number) => (x: number) => ys[39]! * (x / xMax) ** (recent - by);
  assert.equal(cliffOf(steeper(MAX_STEEPENING * 0.9), xMax, recent), undefined);
  assert.ok(cliffOf(steeper(MAX_STEEPENING * 1.1), xMax, recent));
  // a prediction of zero (or below) at the window's end is the steepest fall
  assert.equal(cliffOf((x) => (x < CLIFF_WINDOW * xMax ? law(x) : 0), xMax, recent)?.slope, -Infinity);
  // a prediction that cannot be told (NaN) is no cliff
  assert.equal(cliffOf((x) => (x < CLIFF_WINDOW * xMax ? law(x) : NaN), xMax, recent), undefined);
});

test('a recent rise counts as flat: a law that holds the level is no cliff after a spike lifted the tail', () => {
  assert.equal(cliffOf(() => 2.5, xMax, 0.4), undefined);
  assert.ok(cliffOf((x) => 2.5 * (x / xMax) ** -0.5, xMax, 0.4));
});

test("auto's candidates lose only the laws that fall off a cliff, each named; none lost when all would be", () => {
  const drop = (x: number): number => law(x) * (x <= xMax ? 1 : (x / xMax) ** -2);
  const predictors: Record<string, ((x: number) => number) | undefined> = { m2: law, m4: drop, flat: () => ys[39]!, broken: undefined };
  const warnings: string[] = [];
  const kept = withoutCliffs(Object.keys(predictors), (id) => predictors[id], { x: xs, y: ys }, warnings);
  assert.deepEqual(kept, ['m2', 'flat', 'broken']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, new RegExp(`^m4 left out of auto: past the data it falls with log-log slope -?\\d\\.\\d\\d over the next ${CLIFF_WINDOW}×, against the data's recent -0\\.\\d\\d, a steepening no data show$`));
  const none: string[] = [];
  assert.deepEqual(withoutCliffs(['m4'], () => drop, { x: xs, y: ys }, none), ['m4']);
  assert.deepEqual(none, []);
});

test('on a clean learning curve no fitted law is left out of auto as a cliff', () => {
  const a = analyzeCurve(Array.from(xs, (x, i) => ({ x, y: ys[i]! })), { seed: 1 });
  assert.ok(a.auto);
  assert.ok(!a.warnings.some((w) => w.includes('left out of auto')), a.warnings.join('\n'));
});

test('auto leaves out a law whose full fit falls off a cliff though its back-tests (shorter prefixes) did not', () => {
  // the truth on every prefix; fitted on all 40 points it drops away past them, as M4 did on a
  // per-step log whose fit ended in the steep stretch after the warmup
  const edgeAt = (n: number): number => (n >= xs.length ? xMax : 1e300);
  registerLaw({
    id: 'test-cliff',
    name: 'test cliff',
    formula: '',
    inputs: ['x'],
    params: [{ name: 'edge', constraint: 'positive', description: '' }],
    minPoints: 3,
    predict: (p, x) => law(x) * (x <= p.edge! ? 1 : (x / p.edge!) ** -2),
    fit: (obs) => ({ law: 'test-cliff', params: { edge: edgeAt(obs.x.length) }, residuals: new Float64Array(obs.x.length), objective: 0, iterations: 0, converged: true, reason: 'test', warnings: [] }),
  });
  const points = Array.from(xs, (x, i) => ({ x, y: ys[i]! }));
  const laws = ['m2', 'm3', 'test-cliff', 'flat', 'loglin'];
  const a = analyzeCurve(points, { laws, autoAmong: laws, seed: 1 });
  assert.ok(a.auto && !a.auto.law.includes('test-cliff'), a.auto?.law);
  assert.ok(a.warnings.some((w) => w.startsWith('test-cliff left out of auto')), a.warnings.join('\n'));
  // its back-test was the best: without the check it would have been chosen
  const bt = (id: string): number => a.estimators.find((e) => e.law === id)?.backtest?.rmsle ?? NaN;
  assert.ok(bt('test-cliff') <= Math.min(bt('m2'), bt('flat'), bt('loglin')));
});
