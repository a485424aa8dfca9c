// Compare Estimators' back-test view: each law refitted on x ≤ xmax / r and scored on the rest,
// drawn as error against r.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLaw } from '../../../src/core/laws/index';
import { backtestByFactor } from '../../../src/extension/fitEngine';
import { BACKTEST_FACTORS, buildBacktestView } from '../../../src/extension/model/backtestView';

const curve = Array.from({ length: 40 }, (_, i) => {
  const x = 1e6 * Math.pow(10, i / 10);
  return { x, y: 1.5 + 30 * Math.pow(x, -0.2) };
});

test('back-test by factor: a law that generated the data extrapolates almost exactly at every factor; a pure power law does worse the further it goes', () => {
  const results = backtestByFactor(curve, ['m1', 'm2'], BACKTEST_FACTORS, { seed: 1 });
  assert.deepEqual(results.map((r) => r.law), ['m1', 'm2']);
  const m2 = results[1]!.perCut;
  assert.equal(m2.length, BACKTEST_FACTORS.length);
  for (const c of m2) assert.ok(c && c.rmsle < 2e-3, `m2 error ${c?.rmsle}`);
  const m1 = results[0]!.perCut.map((c) => c!.rmsle);
  assert.ok(m1[m1.length - 1]! > m1[0]!, `m1 error grows with the factor: ${m1.join(', ')}`);
  // the prefix shrinks as the factor grows
  const nFit = results[0]!.perCut.map((c) => c!.nFit);
  assert.ok(nFit.every((n, i) => i === 0 || n < nFit[i - 1]!), nFit.join(', '));
});

test('the view: one row per law in the given order, nulls kept in the table, only positive errors drawn, auto named', () => {
  const view = buildBacktestView({
    curve: 'run',
    factors: [1.5, 3],
    results: [
      { law: 'm1', perCut: [{ rmsle: 0.1, nFit: 8, nScored: 2 }, null] },
      { law: 'm2', perCut: [{ rmsle: 0.01, nFit: 8, nScored: 2 }, { rmsle: 0.03, nFit: 5, nScored: 5 }] },
    ],
    lawOf: (id) => getLaw(id),
    colorOf: (law) => (law === 'm1' ? 1 : 2),
    auto: { law: 'm2', reason: 'best back-test' },
  });
  assert.deepEqual(view.rows.map((r) => [r.law, r.errors, r.nFit, r.color]), [
    ['m1', [0.1, null], [8, 0], 1],
    ['m2', [0.01, 0.03], [8, 5], 2],
  ]);
  assert.deepEqual(view.chart.series.map((s) => s.points.map((p) => p.x)), [[1.5], [1.5, 3]]);
  assert.ok(view.chart.series[1]!.label.startsWith('auto: '));
  assert.equal(view.auto, 'm2: best back-test');
  assert.ok(view.chart.xLog && view.chart.yLog);
});

test('the view marks laws auto does not choose among and says how auto weighed the cuts, from the analysis', async () => {
  const { analyzeCurve } = await import('../../../src/core/analyze');
  const short = curve.slice(0, 20);
  const analysis = analyzeCurve(short, { laws: ['m1', 'm2', 'm4'], seed: 1 });
  assert.deepEqual(analysis.notAutoCandidates, ['m1']);
  assert.deepEqual(analysis.cutWeights, [1, 1, 1], 'a 20-point curve is weighed evenly');
  const long = analyzeCurve(Array.from({ length: 60 }, (_, i) => ({ x: 1e6 * Math.pow(10, i / 20), y: 1.5 + 30 * Math.pow(1e6 * Math.pow(10, i / 20), -0.2) })), { laws: ['m2'], seed: 1 });
  assert.deepEqual(long.cutWeights, [3, 1, 0.5]);
  const results = backtestByFactor(short, ['m1', 'm2', 'm4'], [1.5, 2], { seed: 1 });
  const view = buildBacktestView({
    curve: 'run',
    factors: [1.5, 2],
    results,
    lawOf: (id) => getLaw(id),
    colorOf: () => 1,
    auto: analysis.auto!,
    notAutoCandidates: analysis.notAutoCandidates!,
    cutWeights: analysis.cutWeights!,
  });
  assert.deepEqual(view.rows.map((r) => [r.law, r.notAutoCandidate ?? false]), [['m1', true], ['m2', false], ['m4', false]]);
  assert.equal(view.cutWeights, 'evenly');
  assert.equal(buildBacktestView({ curve: 'run', factors: [1.5], results: [], lawOf: (id) => getLaw(id), colorOf: () => 1, cutWeights: [3, 1, 0.5] }).cutWeights, '3 : 1 : 0.5');
});
