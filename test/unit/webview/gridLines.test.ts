// Log axes drew grid lines where there was no label (3e7, 7e7, 9e7 between the labels 1e7, 2e7,
// 5e7, 1e8): Chart.js strokes a grid line per tick, labelled or not, and past maxTicksLimit only
// every n-th. Every chart's log axes now keep only labelled ticks, each with its grid line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frontier, optimalAllocation } from '../../../src/core/allocation';
import { PRESETS } from '../../../src/core/presets';
import { buildPlan } from '../../../src/extension/model/plan';
import type { ChartView } from '../../../src/shared/protocol';
import { shownLogTicks } from '../../../webview/chartLabels';
import { layOut, type LaidOutScale } from './headlessChart';

function assertLinesAtLabels(s: LaidOutScale, what: string): void {
  const labelled = s.ticks.filter((t) => t.label !== '');
  assert.ok(labelled.length >= 2, `${what}: labels ${labelled.map((t) => t.label).join(' ')}`);
  assert.equal(labelled.length, s.ticks.length, `${what}: unlabelled ticks ${s.ticks.filter((t) => t.label === '').map((t) => t.value).join(' ')}`);
  const at = (px: number) => labelled.find((t) => Math.abs(s.pixelOf(t.value) - px) < 1)?.label;
  assert.deepEqual(s.gridLines.map(at), labelled.map((t) => t.label), `${what}: grid lines at the labels`);
}

const scatter = (xs: number[], ys: number[], xLog = true, yLog = true): ChartView => ({
  id: 'c',
  title: 'run',
  xLabel: 'x',
  yLabel: 'loss',
  xLog,
  yLog,
  series: [{ id: 'f', label: 'fit points', role: 'fit', group: 'data', curve: 'run', color: 1, points: xs.map((x, i) => ({ x, y: ys[i]! })) }],
  markers: [],
});

test('the plan chart (six decades each way): grid lines at the labelled powers of ten only', () => {
  const plan = buildPlan({ surface: PRESETS['chinchilla']!.params, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 1e20, optimal: optimalAllocation, frontier });
  for (const [w, h] of [[900, 420], [1400, 600]] as const) {
    const { x, y } = layOut(plan.chart, w, h);
    assertLinesAtLabels(x, `x at ${w}px`);
    assertLinesAtLabels(y, `y at ${h}px`);
  }
});

test('an IsoFLOP-like x axis from 1e7 to 2.5e8 and a loss curve over five decades: lines only at labels', () => {
  const iso = layOut(scatter([1.1e7, 2.5e7, 6e7, 2.4e8], [2.9, 2.7, 2.6, 2.65], true, false));
  assertLinesAtLabels(iso.x, 'IsoFLOP x');
  const run = layOut(scatter([5e5, 1e6, 1e7, 1e8, 5e9], [0.95, 0.8, 0.5, 0.36, 0.33]));
  assertLinesAtLabels(run.x, 'run x');
  assertLinesAtLabels(run.y, 'run y');
});

test('shownLogTicks keeps the mantissas the axis labels; a narrow axis gets its evenly spread ticks', () => {
  const generated = [1e7, 2e7, 3e7, 4e7, 5e7, 6e7, 7e7, 8e7, 9e7, 1e8, 1.5e8, 2e8, 3e8];
  assert.deepEqual(shownLogTicks(generated, 1e7, 3e8, 900, true), [1e7, 2e7, 5e7, 1e8, 2e8]);
  assert.deepEqual(shownLogTicks([1e17, 5e17, 1e18, 3e18, 1e19], 1e17, 1e23, 500, true), [1e17, 1e18, 1e19]);
  assert.deepEqual(shownLogTicks([2, 3, 4], 2.55, 3.62, 300, false), [2.6, 2.8, 3, 3.2, 3.4, 3.6]);
});
