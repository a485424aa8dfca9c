// Held-out points are drawn hollow, and the legend said only "fit points": the hollow dots now
// have their own legend entry (and legend group, so they can be hidden apart, like spikes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveAnalysis } from '../../../src/core/analysis';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart } from '../../../src/extension/panel/viewModel';
import { chartModel } from '../../../webview/chartConfig';
import { layOut, THEME } from './headlessChart';

const points = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5].map((x) => ({ x, y: 2 + 20 * Math.pow(x, -0.3) }));
const params = { beta: 20, c: -0.3, errInf: 2 };
const analysis = (held: number): CurveAnalysis => ({
  fitPoints: points.slice(0, points.length - held),
  heldOutPoints: points.slice(points.length - held),
  estimators: [{ law: 'm2', fit: { law: 'm2', params, residuals: new Float64Array(0), objective: 0, iterations: 1, converged: true, reason: 'test', warnings: [] }, predictions: [] }],
  auto: null,
  warnings: [],
});
const chartOf = (held: number, curves = 1) =>
  buildChart(
    Array.from({ length: curves }, (_, i) => ({ id: `c${i}`, label: `run ${i}`, analysis: analysis(held) })),
    { xLabel: 'tokens', yLabel: 'loss', lawOf: (id: string) => getLaw(id), maxPoints: 1000 },
  );

test('one curve with held-out points: a hollow "held-out points" legend entry beside "fit points"', () => {
  const model = chartModel(chartOf(2), THEME, new Set());
  const entries = model.datasets.filter((d) => d.legend);
  assert.deepEqual(entries.filter((d) => d.role === 'fit' || d.role === 'heldout').map((d) => d.label), ['fit points', 'held-out points']);
  const { legend } = layOut(chartOf(2));
  assert.deepEqual(legend.filter((e) => /points/.test(e.text)), [{ text: 'fit points', fill: '#cccccc' }, { text: 'held-out points', fill: 'transparent' }]);
});

test('held-out points toggle apart from the fit points; without held-out points there is no such entry', () => {
  const model = chartModel(chartOf(2), THEME, new Set(['c0|heldout']));
  assert.equal(model.datasets.find((d) => d.role === 'heldout')!.hidden, true);
  assert.equal(model.datasets.find((d) => d.role === 'fit')!.hidden, false);
  assert.ok(!chartModel(chartOf(0), THEME, new Set()).datasets.some((d) => d.role === 'heldout'));
  // several curves: each curve's held-out points are named after it
  const several = chartModel(chartOf(2, 2), THEME, new Set()).datasets.filter((d) => d.legend && d.role === 'heldout');
  assert.deepEqual(several.map((d) => d.label), ['run 0 (held out)', 'run 1 (held out)']);
});
