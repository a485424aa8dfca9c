// The chart's accessible name carries its numbers: a screen reader announced only "Learning curve
// chart" for the canvas, so the observed range and the extrapolated value were out of reach.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveAnalysis } from '../../../src/core/analysis';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart } from '../../../src/extension/panel/viewModel';
import { describeChart } from '../../../webview/chartDescription';

const points = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5].map((x) => ({ x, y: 2 + 20 * Math.pow(x, -0.3) }));
const params = { beta: 20, c: -0.3, errInf: 2 };
const analysis: CurveAnalysis = {
  fitPoints: points,
  heldOutPoints: [],
  estimators: [{ law: 'm2', fit: { law: 'm2', params, residuals: new Float64Array(0), objective: 0, iterations: 1, converged: true, reason: 'test', warnings: [] }, predictions: [{ x: 3e6, y: 2 + 20 * Math.pow(3e6, -0.3), lo: 2.1, hi: 2.3 }] }],
  auto: null,
  warnings: [],
};
const view = buildChart([{ id: 'c0', label: 'run 0', analysis }], { xLabel: 'tokens', yLabel: 'loss', lawOf: (id: string) => getLaw(id), maxPoints: 1000, target: 3e6 });

test('the description names the axes, the observed range and where the extrapolation ends, with its interval', () => {
  const text = describeChart(view);
  assert.match(text, /loss against tokens \(log tokens, log loss\)/);
  assert.match(text, /run 0: 6 points, tokens 1000 to 3e5, loss 2\.455 to 4\.518, last 2\.455 at 3e5\./);
  assert.match(text, /\(extrapolated\) \(run 0\): loss 2\.228 \(interval 2\.1 to 2\.3 at 3e6\) at tokens 3e6\. Marked: target \(loss 2\.228\) at 3e6\./);
});

test('series the legend hides are left out of the description', () => {
  const text = describeChart(view, (s) => s.role !== 'extrapolation');
  assert.doesNotMatch(text, /extrapolated/);
  assert.match(text, /run 0: 6 points/);
});
