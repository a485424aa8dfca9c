import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveAnalysis, EstimatorReport } from '../../../src/core/analysis';
import type { FitResult, Law, Params } from '../../../src/core/types';
import { bnslDecomposition, buildChart, buildTable, predictionAt, predictionGrid } from '../../../src/extension/panel/viewModel';
import { COLOR_TARGET } from '../../../src/shared/protocol';

const power: Law = {
  id: 'm1',
  name: 'M1',
  formula: 'y = β·x^c',
  inputs: ['x'],
  params: [
    { name: 'beta', constraint: 'positive', description: '' },
    { name: 'c', constraint: 'real', description: '' },
  ],
  minPoints: 2,
  predict: (p, x) => p['beta']! * Math.pow(x, p['c']!),
  fit: () => {
    throw new Error('not used');
  },
};
const offset: Law = { ...power, id: 'm2', name: 'M2', formula: 'y = ε + β·x^c', predict: (p, x) => p['eps']! + p['beta']! * Math.pow(x, p['c']!) };
const laws: Record<string, Law> = { m1: power, m2: offset };
const lawOf = (id: string) => laws[id];

function fit(law: string, params: Params): FitResult {
  return { law, params, residuals: new Float64Array(0), objective: 0, iterations: 1, converged: true, reason: 'test', warnings: [] };
}

const points = [1e3, 1e4, 1e5, 1e6, 1e7].map((x) => ({ x, y: 5 * Math.pow(x, -0.2) }));
function report(law: string, params: Params, extra: Partial<EstimatorReport> = {}): EstimatorReport {
  return { law, fit: fit(law, params), predictions: [], ...extra };
}
const analysis: CurveAnalysis = {
  fitPoints: points.slice(0, 4),
  heldOutPoints: points.slice(4),
  estimators: [
    report('m1', { beta: 5, c: -0.2 }, { backtest: { rmsle: 0.01, nFit: 3, nScored: 1 }, predictions: [{ x: 1e8, y: 5 * Math.pow(1e8, -0.2), lo: 0.1, hi: 0.4 }] }),
    report('m2', { eps: 0.1, beta: 5, c: -0.25 }, { backtest: { rmsle: 0.05, nFit: 3, nScored: 1 }, predictions: [{ x: 1e8, y: 0.2 }] }),
    { law: 'm3', fit: null, error: 'too few points', predictions: [] },
  ],
  auto: { law: 'm1', reason: 'lowest back-test RMSLE' },
  warnings: ['a warning'],
};
const curve = { id: 'c0', label: 'run A', analysis };
const opts = { xLabel: 'tokens', yLabel: 'loss', lawOf, maxPoints: 1000, target: 1e8 };

test('one curve: fit and held-out points as separate series, every fitted estimator drawn', () => {
  const chart = buildChart([curve], opts);
  const byRole = (r: string) => chart.series.filter((s) => s.role === r);
  assert.deepEqual(byRole('fit')[0]!.points, points.slice(0, 4));
  assert.deepEqual(byRole('heldout')[0]!.points, points.slice(4));
  assert.deepEqual(byRole('curve').map((s) => s.estimator), ['m1', 'm2']);
  assert.deepEqual(byRole('extrapolation').map((s) => s.estimator), ['m1', 'm2']);
  assert.ok(chart.xLog && chart.yLog);
});

test('one curve: each estimator is drawn in its table row\'s colour, also after a row whose fit failed', () => {
  // M1 failed (as M4 does on a sweep's 3-point curve): M2 is the table's second row, so slot 2
  const failedFirst: CurveAnalysis = { ...analysis, estimators: [{ law: 'm1', fit: null, error: 'too few points', predictions: [] }, ...analysis.estimators.slice(1)], auto: { law: 'm2', reason: 'only fit' } };
  const c = { id: 'c0', label: 'run A', analysis: failedFirst };
  const rows = buildTable(c, opts).rows;
  const chart = buildChart([c], opts);
  for (const s of chart.series.filter((q) => q.estimator !== undefined)) {
    assert.equal(s.color, rows.find((r) => r.law === s.estimator)!.color, `${s.id}: slot ${s.color}`);
  }
  assert.equal(chart.series.find((s) => s.estimator === 'm2' && s.role === 'curve')!.color, 2);
});

test('curves follow the law over the data and the dashed part runs from the last x to the target', () => {
  const chart = buildChart([curve], opts);
  const m1 = chart.series.find((s) => s.role === 'curve' && s.estimator === 'm1')!;
  assert.equal(m1.points[0]!.x, 1e3);
  assert.equal(m1.points.at(-1)!.x, 1e7);
  for (const p of m1.points) assert.ok(Math.abs(p.y - 5 * Math.pow(p.x, -0.2)) < 1e-9);
  const ext = chart.series.find((s) => s.role === 'extrapolation' && s.estimator === 'm1')!;
  assert.equal(ext.points[0]!.x, 1e7);
  assert.equal(ext.points.at(-1)!.x, 1e8);
  // the target line says what the chosen law (m1) predicts there, as the headline does
  assert.deepEqual(chart.markers.filter((m) => m.kind === 'target'), [{ kind: 'target', label: `target (loss ${(5 * Math.pow(1e8, -0.2)).toPrecision(4)})`, x: 1e8, color: COLOR_TARGET }]);
  assert.equal(chart.markers.find((m) => m.kind === 'target')!.label, 'target (loss 0.1256)');
  // no prediction at the target (none asked there): the line alone
  assert.equal(buildChart([curve], { ...opts, target: 3e8 }).markers.find((m) => m.kind === 'target')!.label, 'target');
});

test('the bootstrap band starts at the last observation and covers the intervals', () => {
  const chart = buildChart([curve], opts);
  const band = chart.series.find((s) => s.role === 'band')!;
  assert.equal(band.estimator, 'm1');
  assert.equal(band.band![0]!.x, 1e7);
  assert.deepEqual(band.band!.at(-1), { x: 1e8, lo: 0.1, hi: 0.4 });
  assert.equal(chart.series.filter((s) => s.role === 'band').length, 1, 'm2 has no interval, so no band');
});

test('several curves: each shows its data and only its chosen estimator, in its own colour', () => {
  const other = { id: 'c1', label: 'run B', analysis: { ...analysis, auto: { law: 'm2', reason: '' } } };
  const chart = buildChart([curve, other], opts);
  const lines = chart.series.filter((s) => s.role === 'curve');
  assert.deepEqual(lines.map((s) => [s.curve, s.estimator]), [['run A', 'm1'], ['run B', 'm2']]);
  const colors = new Set(chart.series.filter((s) => s.curve === 'run A').map((s) => s.color));
  assert.equal(colors.size, 1);
  assert.notDeepEqual([...colors], [...new Set(chart.series.filter((s) => s.curve === 'run B').map((s) => s.color))]);
});

test('the table lists every estimator with parameters in law order, back-test, prediction and the auto mark', () => {
  const t = buildTable(curve, opts);
  assert.deepEqual(t.rows.map((r) => r.law), ['m1', 'm2', 'm3']);
  assert.deepEqual(t.rows[0]!.params, [['beta', 5], ['c', -0.2]]);
  assert.equal(t.rows[0]!.auto, true);
  assert.equal(t.rows[1]!.auto, false);
  assert.equal(t.rows[0]!.backtestRmsle, 0.01);
  assert.deepEqual(t.rows[0]!.prediction, { x: 1e8, y: 5 * Math.pow(1e8, -0.2), lo: 0.1, hi: 0.4 });
  assert.equal(t.rows[2]!.error, 'too few points');
  assert.deepEqual(t.warnings, ['a warning']);
});

test('a fitted row names the chart group that draws it (its colour toggles it); a failed row names none', () => {
  const t = buildTable(curve, opts);
  const groups = new Set(buildChart([curve], opts).series.filter((s) => s.role === 'curve').map((s) => s.group));
  assert.ok(t.rows[0]!.chartGroup !== undefined && groups.has(t.rows[0]!.chartGroup));
  assert.ok(t.rows[1]!.chartGroup !== undefined && groups.has(t.rows[1]!.chartGroup));
  assert.notEqual(t.rows[0]!.chartGroup, t.rows[1]!.chartGroup);
  assert.equal(t.rows[2]!.chartGroup, undefined);
});

test('predictionAt picks the prediction at the target, none when it was not computed there', () => {
  const r = analysis.estimators[0]!;
  assert.equal(predictionAt(r, 1e8)!.x, 1e8);
  assert.equal(predictionAt(r, 5e9), undefined);
});

test('predictionGrid asks for the last observed x, log-spaced points to the target, target last', () => {
  const g = predictionGrid(points, 1e9, 4);
  assert.equal(g[0], 1e7);
  assert.equal(g.at(-1), 1e9);
  assert.equal(g.length, 5);
  assert.ok(g.slice(1).every((x) => x > 1e7 && x <= 1e9));
  assert.deepEqual(predictionGrid(points, 10), [10]);
  assert.deepEqual(predictionGrid(points, undefined), []);
});

test('BNSL decomposition: each segment is tangent to the BNSL curve far from the breaks', () => {
  // y = a + b x^-c0 (1 + (x/d1)^(1/f1))^(-c1 f1), written out independently of the code
  const p = { a: 0.5, b: 20, c0: 0.1, c1: 0.4, d1: 1e5, f1: 0.2 };
  const bnsl = (x: number) => p.a + p.b * Math.pow(x, -p.c0) * Math.pow(1 + Math.pow(x / p.d1, 1 / p.f1), -p.c1 * p.f1);
  const dec = bnslDecomposition(p, 10, 1e9)!;
  assert.deepEqual(dec.breaks, [1e5]);
  assert.equal(dec.limit, 0.5);
  assert.equal(dec.segments.length, 2);
  assert.ok(Math.abs(dec.segments[0]!.slope - -0.1) < 1e-12);
  assert.ok(Math.abs(dec.segments[1]!.slope - -0.5) < 1e-12);
  const near = (seg: { points: { x: number; y: number }[] }, x: number) => seg.points.reduce((b, q) => (Math.abs(Math.log(q.x / x)) < Math.abs(Math.log(b.x / x)) ? q : b));
  const early = near(dec.segments[0]!, 100);
  assert.ok(Math.abs(early.y / bnsl(early.x) - 1) < 0.01, 'first segment matches before the break');
  const late = near(dec.segments[1]!, 1e8);
  assert.ok(Math.abs(late.y / bnsl(late.x) - 1) < 0.01, 'second segment matches after the break');
  assert.equal(bnslDecomposition({ beta: 1, c: 2 }, 1, 10), undefined);
});

test('BNSL segments and breaks are drawn when BNSL is chosen, and start hidden (one legend click away) when not', () => {
  const p = { a: 0.5, b: 20, c0: 0.1, c1: 0.4, d1: 1e5, f1: 0.2 };
  const withBnsl = (auto: string): CurveAnalysis => ({
    ...analysis,
    estimators: [...analysis.estimators, report('bnsl-1', p, { backtest: { rmsle: 0.02, nFit: 3, nScored: 1 } })],
    auto: { law: auto, reason: '' },
  });
  const chosen = buildChart([{ ...curve, analysis: withBnsl('bnsl-1') }], opts);
  const segs = chosen.series.filter((s) => s.role === 'segment');
  assert.equal(segs.length, 2);
  assert.ok(segs.every((s) => !s.hidden && s.estimator === 'bnsl-1'));
  assert.deepEqual(chosen.markers.filter((m) => m.kind === 'break').map((m) => [m.x, m.hidden]), [[1e5, undefined]]);
  assert.deepEqual(chosen.markers.filter((m) => m.kind === 'limit').map((m) => m.y), [0.5]);
  const notChosen = buildChart([{ ...curve, analysis: withBnsl('m1') }], opts);
  assert.ok(notChosen.series.filter((s) => s.role === 'segment').every((s) => s.hidden === true));
  assert.ok(notChosen.markers.filter((m) => m.kind !== 'target').every((m) => m.hidden === true && m.group === segs[0]!.group));
});
