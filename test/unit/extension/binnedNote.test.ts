// "fitted N points as M log-x bins" says how a long curve was fitted, not a doubt about the fit:
// the panel's table lists it as information, apart from its warnings (the CLI keeps printing it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart, buildTable } from '../../../src/extension/panel/viewModel';
import { logBinned } from '../../../src/core/fitCurve';
import { validateToWebview } from '../../../src/shared/validate';

test('the log-x bins line is a note of the table, not one of its warnings', () => {
  const points = Array.from({ length: 2000 }, (_, i) => ({ x: i + 1, y: 2 + 10 * Math.pow(i + 1, -0.3) * (1 + 0.01 * Math.sin(i)) }));
  const a = analyzeCurve(points, { laws: ['m1', 'm2'], fitFrom: 50 });
  assert.ok(a.warnings.some((w) => /^fitted \d+ points as \d+ log-x bins \(geometric means\)$/.test(w)), 'the analysis (and the CLI) still lists it');
  const t = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) });
  assert.deepEqual(t.notes, a.warnings.filter((w) => /log-x bins/.test(w)));
  assert.ok(!t.warnings.some((w) => /log-x bins/.test(w)), t.warnings.join('; '));
  assert.ok(t.warnings.some((w) => /out of the fit/.test(w)), 'a real warning stays a warning');
  const data = { title: 't', source: '', curves: [], selected: [], tables: [t], targetText: '10x', warnings: [] };
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
  // a short curve has no such note
  assert.equal(buildTable({ id: 'c', label: 'run', analysis: analyzeCurve(points.slice(0, 30), { laws: ['m1'] }) }, { lawOf: (id) => getLaw(id) }).notes, undefined);
});

test("the fit's bins and the chart's say what each holds: geometric means fitted, medians drawn (walkthrough: 'averages' beside 'median per bin')", () => {
  const points = Array.from({ length: 5000 }, (_, i) => ({ x: i + 1, y: 2 + 10 * Math.pow(i + 1, -0.3) * (1 + 0.01 * Math.sin(i)) }));
  const a = analyzeCurve(points, { laws: ['m2'] });
  // the note's word is what logBinned computes: each bin's geometric mean of y
  const x = Float64Array.from(points, (p) => p.x);
  const y = Float64Array.from(points, (p) => p.y);
  const bins = logBinned(x, y, 300);
  const width = Math.log(5000) / 300;
  const last = points.filter((p) => Math.min(299, Math.floor(Math.log(p.x) / width)) === 299);
  const geometric = Math.exp(last.reduce((s, p) => s + Math.log(p.y), 0) / last.length);
  const arithmetic = last.reduce((s, p) => s + p.y, 0) / last.length;
  assert.ok(last.length > 10 && Math.abs(bins.y[bins.y.length - 1]! - geometric) < 1e-12 && Math.abs(geometric - arithmetic) > 1e-9);
  assert.ok(a.warnings.some((w) => /log-x bins \(geometric means\)$/.test(w)), a.warnings.join('; '));
  const chart = buildChart([{ id: 'c', label: 'run', analysis: a }], { lawOf: (id) => getLaw(id), maxPoints: 500, xLabel: 'step', yLabel: 'loss' });
  assert.ok(chart.series.some((s) => s.label === 'fit points (median per chart bin)'), chart.series.map((s) => s.label).join('; '));
});
