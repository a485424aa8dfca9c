import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartModel, formatNumber } from '../../../webview/chartConfig';
import { logLabelSet, narrowLogTicks, tickLabel } from '../../../webview/chartLabels';
import { colorOf, withAlpha, type Theme } from '../../../webview/theme';
import { COLOR_DATA, COLOR_MUTED, COLOR_TARGET, type ChartView } from '../../../src/shared/protocol';
import { THEME } from './headlessChart';

const theme: Theme = THEME;

const view: ChartView = {
  id: 'c',
  title: 'run',
  xLabel: 'tokens',
  yLabel: 'loss',
  xLog: true,
  yLog: false,
  series: [
    { id: 'fit', label: 'fit points', role: 'fit', group: 'data', curve: 'run', color: COLOR_DATA, points: [{ x: 1, y: 3 }] },
    { id: 'held', label: 'held-out points', role: 'heldout', group: 'data', curve: 'run', color: COLOR_DATA, points: [{ x: 2, y: 2 }] },
    { id: 'm1', label: 'M1', role: 'curve', group: 'm1', curve: 'run', estimator: 'm1', color: 1, points: [{ x: 1, y: 3 }, { x: 2, y: 2 }] },
    { id: 'm1x', label: 'M1 (extrapolated)', role: 'extrapolation', group: 'm1', curve: 'run', estimator: 'm1', color: 1, points: [{ x: 2, y: 2 }, { x: 20, y: 1 }] },
    { id: 'm1b', label: 'M1 interval', role: 'band', group: 'm1', curve: 'run', estimator: 'm1', color: 1, points: [], band: [{ x: 2, lo: 2, hi: 2 }, { x: 20, lo: 0.5, hi: 1.5 }] },
    { id: 'm2', label: 'M2', role: 'curve', group: 'm2', curve: 'run', estimator: 'm2', color: 2, points: [{ x: 1, y: 3 }], hidden: true },
  ],
  markers: [],
};

test('roles become styles: filled fit points, hollow held-out points, solid curves, dashed extrapolation', () => {
  const m = chartModel(view, theme, new Set());
  const by = (id: string) => m.datasets.find((d) => d.seriesId === id)!;
  assert.equal(by('fit').showLine, false);
  assert.equal(by('fit').backgroundColor, '#cccccc');
  assert.equal(by('held').backgroundColor, 'transparent');
  assert.equal(by('held').borderColor, '#cccccc');
  assert.equal(by('m1').showLine, true);
  assert.deepEqual(by('m1').borderDash, []);
  assert.deepEqual(by('m1x').borderDash, [6, 4]);
  assert.equal(by('m1').borderColor, '#0000ff');
  assert.equal(m.x.type, 'logarithmic');
  assert.equal(m.y.type, 'linear');
});

test('a band becomes a lower and an upper edge, the upper filled down to the lower', () => {
  const m = chartModel(view, theme, new Set());
  const i = m.datasets.findIndex((d) => d.seriesId === 'm1b|lo');
  const lo = m.datasets[i]!;
  const hi = m.datasets[i + 1]!;
  assert.equal(hi.seriesId, 'm1b|hi');
  assert.deepEqual(lo.data.map((p) => p.y), [2, 0.5]);
  assert.deepEqual(hi.data.map((p) => p.y), [2, 1.5]);
  assert.equal(hi.fill, '-1');
  assert.equal(hi.backgroundColor, 'rgba(0, 0, 255, 0.16)');
});

test('one legend entry per group; hiding a group hides all its series; hidden-by-default can be shown', () => {
  const m = chartModel(view, theme, new Set(['m1']));
  assert.deepEqual(m.datasets.filter((d) => d.legend).map((d) => d.seriesId), ['fit', 'm1', 'm2']);
  assert.ok(m.datasets.filter((d) => d.group === 'm1').every((d) => d.hidden));
  assert.equal(m.datasets.find((d) => d.seriesId === 'm2')!.hidden, true);
  const shown = chartModel(view, theme, new Set(), new Set(['m2']));
  assert.equal(shown.datasets.find((d) => d.seriesId === 'm2')!.hidden, false);
});

test('palette slots map to theme colours', () => {
  assert.equal(colorOf(theme, COLOR_DATA), '#cccccc');
  assert.equal(colorOf(theme, COLOR_MUTED), '#999999');
  assert.equal(colorOf(theme, COLOR_TARGET), '#ff0000');
  assert.equal(colorOf(theme, 1), '#0000ff');
  assert.equal(colorOf(theme, 4), '#0000ff', 'slots wrap around the series colours');
  assert.equal(withAlpha('#abc', 0.5), 'rgba(170, 187, 204, 0.5)');
  assert.equal(withAlpha('rgb(1, 2, 3)', 0.2), 'rgba(1, 2, 3, 0.2)');
});

test('numbers are compact; log axes label fewer mantissas as they span more decades', () => {
  assert.equal(formatNumber(1.2e10), '1.2e10');
  assert.equal(formatNumber(0.01234), '0.01234');
  assert.equal(formatNumber(3.14159), '3.142');
  assert.deepEqual(logLabelSet(0.7, 400, false), [1, 2, 3, 4, 5, 6, 8]);
  assert.deepEqual(logLabelSet(3, 400, false), [1, 2, 5]);
  assert.deepEqual(logLabelSet(5, 200, false), [1]);
  assert.deepEqual(logLabelSet(5, 1200, true), [1, 2, 5]);
  assert.deepEqual(logLabelSet(6, 560, true), [1], 'a narrow panel labels powers of ten only');
  assert.equal(tickLabel(0.5, true), '0.5');
  assert.equal(tickLabel(0.30000000000000004, true), '');
  assert.equal(tickLabel(2e9, true, [1]), '');
  assert.equal(tickLabel(1e9, true, [1]), '1e9');
});

test('a log axis spanning under half a decade gets evenly spaced nice ticks; wider axes keep Chart.js ticks', () => {
  assert.deepEqual(narrowLogTicks(2.55, 3.62), [2.6, 2.8, 3, 3.2, 3.4, 3.6]);
  const t = narrowLogTicks(0.3305, 0.3418)!;
  assert.ok(t.length >= 3 && t.length <= 12, `tick count ${t.length}`);
  assert.ok(t.every((v) => v >= 0.3305 && v <= 0.3418));
  assert.equal(narrowLogTicks(0.1, 10), undefined);
  assert.equal(narrowLogTicks(0, 1), undefined);
  assert.equal(narrowLogTicks(3, 3), undefined);
});

test('an axis of half a decade to a decade gets nice mantissas spread on the log scale, 1.2–1.9 labelled too', () => {
  assert.deepEqual(narrowLogTicks(1.2, 4), [1.2, 1.5, 2, 2.5, 3, 4]);
  assert.deepEqual(narrowLogTicks(2, 10), [2, 2.5, 3, 4, 5, 6, 8, 10]);
  const t = narrowLogTicks(0.21, 1.5)!;
  assert.ok(t.length >= 5 && t.every((v) => v >= 0.21 && v <= 1.5), t.join());
  for (let i = 1; i < t.length; i++) assert.ok(Math.log10(t[i]! / t[i - 1]!) >= Math.log10(1.5 / 0.21) / 10 * 0.999, 'labels keep their distance');
  assert.equal(narrowLogTicks(1, 100), undefined);
});

test('a loss axis from 2.55 to 4 gets ticks 0.2 apart, not 0.5', () => {
  assert.deepEqual(narrowLogTicks(2.55, 4), [2.6, 2.8, 3, 3.2, 3.4, 3.6, 3.8, 4]);
});
