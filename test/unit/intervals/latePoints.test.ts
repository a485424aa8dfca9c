// The scatter estimate behind every interval reads at most MAX_LATE_POINTS raw points: a long log is
// thinned by an even stride over its late half, a short one is read whole.
import assert from 'node:assert/strict';
import test from 'node:test';
import { latePoints, MAX_LATE_POINTS } from '../../../src/core/analyze';

const curve = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i + 1, y: 2 + 1 / Math.sqrt(i + 1) }));

test('latePoints: a curve under the cap gives its whole later half in log x', () => {
  const pts = curve(1000);
  const late = latePoints(pts);
  const mid = Math.sqrt(1 * 1000);
  assert.equal(late.length, pts.filter((p) => p.x >= mid).length);
  assert.ok(late.every((p) => p.x >= mid));
});

test('latePoints: a long log is thinned to the cap, evenly over the late half, first and last kept in reach', () => {
  const n = 3 * MAX_LATE_POINTS;
  const late = latePoints(curve(n));
  assert.equal(late.length, MAX_LATE_POINTS);
  const mid = Math.sqrt(n);
  assert.ok(late[0].x >= mid && late[0].x < mid + 4, `first ${late[0].x}`);
  assert.ok(late[late.length - 1].x > n - 4, `last ${late[late.length - 1].x}`);
  for (let i = 1; i < late.length; i++) assert.ok(late[i].x > late[i - 1].x, 'in x order, no repeats');
  const gaps = late.slice(1).map((p, i) => p.x - late[i].x);
  assert.ok(Math.max(...gaps) - Math.min(...gaps) <= 1, 'even stride');
});
