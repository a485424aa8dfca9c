// The plan at 1e21 FLOPs drew an empty chart: its frontier starts at 1e21/1e3 computed as
// 9.999999999999986e17, a hair under 1e18, and Chart.js's log ticks then started the x axis at 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frontier, optimalAllocation } from '../../../src/core/allocation';
import { PRESETS } from '../../../src/core/presets';
import { buildPlan } from '../../../src/extension/model/plan';
import { chartModel } from '../../../webview/chartConfig';
import { logAxisStart } from '../../../webview/chartRange';
import { layOut, THEME } from './headlessChart';

const chinchillaPlan = (budget: number) =>
  buildPlan({ surface: PRESETS['chinchilla']!.params, surfaceId: 'chinchilla', sourceLabel: 'preset', budget, optimal: optimalAllocation, frontier });

test('the Chinchilla plan at 1e21: its frontier starts a hair under 1e18, so the x axis starts at 1e18', () => {
  const view = chinchillaPlan(1e21).chart;
  const first = view.series.find((s) => s.id === 'N')!.points[0]!.x;
  assert.ok(first < 1e18 && first > 0.999999e18, `the frontier starts at ${first}`);
  const model = chartModel(view, THEME, new Set());
  assert.deepEqual(logAxisStart(model.datasets, 'x'), { min: 1e18 });
});

test('values on or above their power of ten, hidden series and non-positive values leave the start to Chart.js', () => {
  const ds = (xs: number[], hidden = false) => ({ hidden, data: xs.map((x) => ({ x, y: x })) }) as unknown as Parameters<typeof logAxisStart>[0][number];
  assert.deepEqual(logAxisStart([ds([1e18, 5e18])], 'x'), {});
  assert.deepEqual(logAxisStart([ds([1.0000000000000001e18, 5e18])], 'x'), {});
  assert.deepEqual(logAxisStart([ds([3e17, 5e18])], 'x'), {});
  assert.deepEqual(logAxisStart([ds([999999999999998600], true), ds([2e18])], 'x'), {});
  assert.deepEqual(logAxisStart([ds([0, -1, 999999999999998600])], 'y'), { min: 1e18 });
  assert.deepEqual(logAxisStart([], 'x'), {});
});

test('every Chinchilla budget draws its frontier on a log x axis starting above 0, with labels', () => {
  for (const budget of [1e20, 1e21, 3e21, 1e22, 1e23]) {
    const view = chinchillaPlan(budget).chart;
    const xs = view.series.find((s) => s.id === 'N')!.points.map((p) => p.x);
    const { x, y } = layOut(view);
    assert.ok(x.min > 0 && x.min <= xs[0]! * (1 + 1e-12), `budget ${budget}: x axis starts at ${x.min}`);
    assert.ok(x.max >= xs[xs.length - 1]!, `budget ${budget}: x axis ends at ${x.max}`);
    assert.ok(y.min > 0, `budget ${budget}: y axis starts at ${y.min}`);
    assert.ok(x.ticks.some((t) => t.label === '1e21'), `budget ${budget}: x labels ${x.ticks.map((t) => t.label).join(' ')}`);
  }
});
