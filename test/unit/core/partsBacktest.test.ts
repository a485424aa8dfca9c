// auto's average is never back-tested itself (auto ranks its parts): its back-test figure is built
// from the parts' back-tested predictions, and is the figure back-testing the average would give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { backtest } from '../../../src/core/backtest';
import { cutWeightsFor } from '../../../src/core/auto';
import { prepareCurve } from '../../../src/core/validate';
import { buildTable } from '../../../src/extension/panel/viewModel';
import { getLaw } from '../../../src/core/laws/index';

const points = Array.from({ length: 30 }, (_, i) => {
  const x = 1e6 * Math.pow(10, i / 8);
  return { x, y: (1.7 + 30 * Math.pow(x, -0.22)) * (1 + 0.006 * Math.sin(i * 12.9898)) };
});

test("auto's average: a back-test from its parts' per-cut predictions, the same as back-testing the average itself", () => {
  const a = analyzeCurve(points, { targets: [points[29]!.x * 10], seed: 1 });
  assert.ok(a.auto?.law.startsWith('avg('), a.auto?.law);
  const avg = a.estimators.find((e) => e.law === a.auto!.law)!;
  assert.equal(avg.backtest, undefined, 'not ranked by auto: its parts were');
  assert.ok(avg.partsBacktest, 'its back-test, from its parts');
  const curve = prepareCurve(points.map((p) => p.x), points.map((p) => p.y), 3, 'avg');
  const itself = backtest([a.auto!.law], curve.x, curve.y, { seed: 1, weights: cutWeightsFor(curve.x.length) }).get(a.auto!.law)!;
  assert.equal(itself.charged, 0);
  assert.ok(Math.abs(avg.partsBacktest.rmsle - itself.score) < 1e-9 * itself.score, `${avg.partsBacktest.rmsle} vs ${itself.score}`);
  assert.equal(avg.partsBacktest.cuts, itself.perCut.filter((c) => c !== null).length);
  // a law back-tested itself has no such figure
  assert.ok(a.estimators.filter((e) => e.backtest).every((e) => e.partsBacktest === undefined));

  const table = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) });
  const row = table.rows.find((r) => r.auto)!;
  assert.equal(row.backtestRmsle, avg.partsBacktest.rmsle, 'the auto row shows a figure, not "—"');
  assert.equal(row.backtestFromParts, avg.partsBacktest.cuts, 'and says where it comes from');
  assert.ok(table.rows.filter((r) => !r.auto).every((r) => r.backtestFromParts === undefined));
});
