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
