// "fitted N points as M log-x bins" says how a long curve was fitted, not a doubt about the fit:
// the panel's table lists it as information, apart from its warnings (the CLI keeps printing it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildTable } from '../../../src/extension/panel/viewModel';
import { validateToWebview } from '../../../src/shared/protocol';

test('the log-x bins line is a note of the table, not one of its warnings', () => {
  const points = Array.from({ length: 2000 }, (_, i) => ({ x: i + 1, y: 2 + 10 * Math.pow(i + 1, -0.3) * (1 + 0.01 * Math.sin(i)) }));
  const a = analyzeCurve(points, { laws: ['m1', 'm2'], fitFrom: 50 });
  assert.ok(a.warnings.some((w) => /^fitted \d+ points as \d+ log-x bins \(averages\)$/.test(w)), 'the analysis (and the CLI) still lists it');
  const t = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) });
  assert.deepEqual(t.notes, a.warnings.filter((w) => /log-x bins/.test(w)));
  assert.ok(!t.warnings.some((w) => /log-x bins/.test(w)), t.warnings.join('; '));
  assert.ok(t.warnings.some((w) => /out of the fit/.test(w)), 'a real warning stays a warning');
  const data = { title: 't', source: '', curves: [], selected: [], tables: [t], targetText: '10x', warnings: [] };
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
  // a short curve has no such note
  assert.equal(buildTable({ id: 'c', label: 'run', analysis: analyzeCurve(points.slice(0, 30), { laws: ['m1'] }) }, { lawOf: (id) => getLaw(id) }).notes, undefined);
});
