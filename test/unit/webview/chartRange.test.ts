// The chart's y range: a band far wider than the data (a forecast far past the logged span) is
// clipped at the plot's edge, half the data's span beyond it; a band within that room changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { yBounds } from '../../../webview/chartRange';
import type { LineDataset } from '../../../webview/chartConfig';

const ds = (role: LineDataset['role'], ys: number[], hidden = false): LineDataset =>
  ({ role, hidden, data: ys.map((y, i) => ({ x: i + 1, y })) }) as unknown as LineDataset;

test('a band 18 decades wide around a loss of 2–10 is clipped half the data span (log) beyond it', () => {
  const data = [ds('fit', [10, 5, 3]), ds('forecast', [3, 2.5, 2.1]), ds('band', [1.2e-9, 1e-3]), ds('band', [5, 3.7e9])];
  const b = yBounds(data, true);
  const span = Math.log10(10 / 2.1);
  assert.ok(Math.abs(Math.log10(b.min!) - (Math.log10(2.1) - span / 2)) < 1e-12);
  assert.ok(Math.abs(Math.log10(b.max!) - (1 + span / 2)) < 1e-12);
  assert.ok(b.min! > 0.5 && b.max! < 30);
});

test('bands within the room, hidden bands, and charts without bands leave the axis to Chart.js', () => {
  assert.deepEqual(yBounds([ds('fit', [10, 3]), ds('band', [2.5, 12])], true), {});
  assert.deepEqual(yBounds([ds('fit', [10, 3]), ds('band', [1e-9, 1e9], true)], true), {});
  assert.deepEqual(yBounds([ds('fit', [10, 3]), ds('curve', [9, 2])], true), {});
  assert.deepEqual(yBounds([ds('band', [1, 2])], true), {}, 'no core: nothing to measure against');
});

test('linear axes: half the span, or 5% of the top for a flat curve; non-finite and (on log axes) non-positive values are ignored', () => {
  const b = yBounds([ds('fit', [4, 2]), ds('band', [-100, 100])], false);
  assert.deepEqual(b, { min: 1, max: 5 });
  const flat = yBounds([ds('fit', [2, 2]), ds('band', [0, 4])], false);
  assert.deepEqual(flat, { min: 1.9, max: 2.1 });
  assert.deepEqual(yBounds([ds('fit', [10, 3, NaN, -1]), ds('band', [0, -5, Infinity])], true), {});
});
