// A target before the data's first x (the headline cautions it: no law was fitted there) had its
// marker left off the chart, whose x axis began at the data. The axis now reaches back to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart } from '../../../src/extension/panel/viewModel';
import { chartModel } from '../../../webview/chartConfig';
import { markerAxisStart } from '../../../webview/chartRange';
import { layOut, THEME } from './headlessChart';

const points = Array.from({ length: 40 }, (_, i) => ({ x: 1000 * (i + 1), y: 2 + 20 * Math.pow(1000 * (i + 1), -0.3) }));
const chartAt = (target: number) => buildChart([{ id: 'c', label: 'run', analysis: analyzeCurve(points, { laws: ['m2'] }) }], { lawOf: (id) => getLaw(id), maxPoints: 2000, xLabel: 'step', yLabel: 'loss', target });

test('a target before the first x: the x axis starts at the power of ten under it, and its marker is on the chart', () => {
  const view = chartAt(250);
  const { x } = layOut(view);
  assert.equal(x.min, 100);
  const px = x.pixelOf(250);
  assert.ok(px > x.pixelOf(100) && px < x.pixelOf(1000), `marker at ${px}`);
  // a target within or past the data changes nothing
  const model = chartModel(chartAt(4e5), THEME, new Set());
  assert.deepEqual(markerAxisStart(model.datasets, chartAt(4e5).markers, true), {});
  assert.ok(layOut(chartAt(4e5)).x.min >= 1000);
  // an exact power of ten starts a decade lower, so the marker is not on the axis' edge
  assert.equal(layOut(chartAt(100)).x.min, 10);
});
