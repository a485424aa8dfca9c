// Laws that model only the recent part of a curve (flat, loglin) and averages that include them
// are drawn from where they were fitted, not back over the early data they never saw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { averageOf } from '../../../src/core/laws/mix';
import { buildChart } from '../../../src/extension/panel/viewModel';

const pts = Array.from({ length: 60 }, (_, i) => {
  const x = 1000 * Math.pow(1.1, i);
  return { x, y: 2 + 30 * Math.pow(x, -0.4) };
});

test('flat, loglin and an average with loglin are drawn from their fitted window; m2 over the whole data', () => {
  const analysis = analyzeCurve(pts, { laws: ['m2', 'loglin', 'flat'], holdoutFrac: 0 });
  const fitOf = (id: string) => analysis.estimators.find((e) => e.law === id)!.fit!;
  const loglinFrom = fitOf('loglin').fittedFrom!;
  const flatFrom = fitOf('flat').fittedFrom!;
  const xs = pts.map((p) => p.x);
  assert.equal(loglinFrom, xs[30], 'loglin: the last half of the fit points');
  assert.equal(flatFrom, xs[57], 'flat: the last 5% (3 of 60 points)');
  assert.equal(fitOf('m2').fittedFrom, undefined);

  const avg = averageOf([getLaw('m2')!, getLaw('loglin')!]);
  assert.equal(avg.fit({ x: Float64Array.from(xs), y: Float64Array.from(pts, (p) => p.y) }).fittedFrom, loglinFrom, 'an average starts where its latest part does');

  const chart = buildChart([{ id: 'c', label: 'run', analysis }], { xLabel: 'step', yLabel: 'loss', lawOf: getLaw, maxPoints: 1000 });
  const firstX = (law: string) => chart.series.find((s) => s.estimator === law && s.role === 'curve')!.points[0]!.x;
  assert.ok(Math.abs(firstX('m2') - xs[0]) / xs[0] < 1e-9, `m2 from ${firstX('m2')}`);
  assert.ok(Math.abs(firstX('loglin') - loglinFrom) / loglinFrom < 1e-9, `loglin from ${firstX('loglin')}`);
  assert.ok(Math.abs(firstX('flat') - flatFrom) / flatFrom < 1e-9, `flat from ${firstX('flat')}`);
});
