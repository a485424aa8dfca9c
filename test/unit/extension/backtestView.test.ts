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

test('a sparse sweep\'s back-test: columns no law could take are left out, a cut with no point before the last one is not repeated, and a law that collapses to another says so', async () => {
  const { readFileSync } = await import('node:fs');
  // loss against D through the first 8 runs of a sweep, as the panel fits such a table's one curve
  const rows = (file: string, n: number) =>
    readFileSync(file, 'utf8').trim().split('\n').slice(1, n + 1).map((l) => l.split(',').map(Number)).map((c) => ({ x: c[2]!, y: c[3]! })).sort((a, b) => a.x - b.x);
  const laws = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'flat'];
  const view = (points: { x: number; y: number }[]) => buildBacktestView({ curve: 'sweep', factors: BACKTEST_FACTORS, results: backtestByFactor(points, laws, BACKTEST_FACTORS, { seed: 1 }), lawOf: (id) => getLaw(id), colorOf: () => 1 });
  const eight = view(rows('test/fixtures/logformats/scaling_sweep_CNDloss.csv', 8));
  assert.deepEqual(eight.factors, [1.25, 1.5, 2]);
  assert.deepEqual(eight.notes, ['×3, ×5, ×10 left out: before those cuts too few points are left for any law to be fitted']);
  assert.ok(eight.rows.every((r) => r.errors.length === 3 && r.errors.some((e) => e !== null)), 'no column of dashes');
  assert.deepEqual(eight.rows.filter((r) => r.sameAs).map((r) => [r.law, r.sameAs]), [['m4', 'M2 (power law + limit)']]);
  assert.deepEqual(eight.chart.series.map((s) => Math.max(...s.points.map((p) => p.x))).filter((x) => x > 2), [], 'the chart draws only the columns kept');
  const six = view(rows('test/fixtures/workspace/sweep.csv', 6));
  assert.deepEqual(six.factors, [1.25, 2]);
  assert.equal(six.notes?.[0], '×1.5 cuts where ×1.25 does (no point between), so its column would repeat that one');
});

test('the view keeps every column and names no twin where the laws differ at every cut', () => {
  const v = buildBacktestView({
    curve: 'run',
    factors: [1.5, 3],
    results: [
      { law: 'm1', perCut: [{ rmsle: 0.1, nFit: 8, nScored: 2 }, { rmsle: 0.2, nFit: 5, nScored: 5 }] },
      { law: 'm2', perCut: [{ rmsle: 0.1, nFit: 8, nScored: 2 }, { rmsle: 0.3, nFit: 5, nScored: 5 }] },
    ],
    lawOf: (id) => getLaw(id),
    colorOf: () => 1,
  });
  assert.deepEqual(v.factors, [1.5, 3]);
  assert.equal(v.notes, undefined);
  assert.ok(v.rows.every((r) => r.sameAs === undefined));
});
