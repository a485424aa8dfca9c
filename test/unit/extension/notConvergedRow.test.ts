// A table row marked "(not converged)" carries why the optimiser stopped, for its tooltip: the
// README screenshot's M4 row said only "the optimiser stopped before converging", while the fit
// knows it stopped at the iteration cap with its objective still falling 0.30%.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildTable } from '../../../src/extension/panel/viewModel';
import type { PanelData } from '../../../src/shared/protocol';
import { ProtocolError, validateToWebview } from '../../../src/shared/validate';

test("a row not converged says why (the README screenshot's M4); a converged row says nothing", () => {
  const x = [5e5, 1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7, 6.4e7, 1.28e8, 2.56e8];
  const y = [0.9311752923076924, 0.7439282076923077, 0.6362391538461539, 0.5567884999999999, 0.4820073461538462, 0.40960946153846156, 0.3737405153846154, 0.3531731307692308, 0.34907098076923077, 0.3402780576923077];
  const a = analyzeCurve(x.map((v, i) => ({ x: v, y: y[i]! })), { laws: ['m2', 'm4'] });
  const rows = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) }).rows;
  const m4 = rows.find((r) => r.law === 'm4')!;
  assert.equal(m4.converged, false);
  assert.match(m4.notConverged ?? '', /^max iterations, objective still falling \d\.\d+% over the last \d+ iterations$/);
  const m2 = rows.find((r) => r.law === 'm2')!;
  assert.equal(m2.converged, true);
  assert.equal(m2.notConverged, undefined);
  // the webview takes the reason, as text only
  const table = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) });
  const data: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [table], targetText: '10x', warnings: [] };
  const ok = validateToWebview({ type: 'data', data });
  assert.ok(ok.type === 'data' && ok.data.tables[0]!.rows.some((r) => r.notConverged === m4.notConverged));
  const bad = { ...table, rows: table.rows.map((r) => (r.law === 'm4' ? { ...r, notConverged: 0.3 } : r)) };
  assert.throws(() => validateToWebview({ type: 'data', data: { ...data, tables: [bad] } }), ProtocolError);
});
