// The auto note names the back-tests of the laws auto chose among; M1 and BNSL with 0 or 2 breaks
// are fitted and shown too, and may back-test better. The table now marks them, so the note and
// the table agree (the CLI says "not a candidate").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildTable } from '../../../src/extension/panel/viewModel';
import { type PanelData } from '../../../src/shared/protocol';
import { validateToWebview } from '../../../src/shared/validate';

const curve = Array.from({ length: 12 }, (_, i) => {
  const x = 1e6 * Math.pow(2, i);
  return { x, y: (2 + 30 * Math.pow(x, -0.25)) * (1 + 0.003 * Math.sin(i * 7.1)) };
});
const LAWS = ['m1', 'm2', 'm3', 'bnsl-0', 'bnsl-2', 'flat', 'loglin'];

test('the analysis lists the fitted laws auto did not choose among; the table marks exactly those', () => {
  const analysis = analyzeCurve(curve, { laws: LAWS, targets: [1e10] });
  assert.deepEqual(analysis.notAutoCandidates, ['m1', 'bnsl-0', 'bnsl-2']);
  assert.ok(analysis.auto);
  const table = buildTable({ id: 'c', label: 'run', analysis }, { lawOf: (id) => getLaw(id), target: 1e10 });
  const marked = table.rows.filter((r) => r.notAutoCandidate).map((r) => r.law);
  assert.deepEqual(marked, ['m1', 'bnsl-0', 'bnsl-2']);
  // auto's own row (an average of candidates, or one of them) is never marked
  assert.ok(table.rows.some((r) => r.auto && !r.notAutoCandidate));
});

test('a non-candidate whose fit failed is not marked: its row says why it failed instead', () => {
  // 5 points: BNSL with 2 breaks needs 9
  const short = analyzeCurve(curve.slice(0, 5), { laws: LAWS, targets: [1e10] });
  assert.ok(short.notAutoCandidates?.includes('bnsl-2'));
  const rows = buildTable({ id: 'c', label: 'run', analysis: short }, { lawOf: (id) => getLaw(id) }).rows;
  const bnsl2 = rows.find((r) => r.law === 'bnsl-2')!;
  assert.ok(bnsl2.error);
  assert.equal(bnsl2.notAutoCandidate, undefined);
  assert.equal(rows.find((r) => r.law === 'm1')!.notAutoCandidate, true);
});

test('no auto choice (one law asked for), or only candidates: nothing is marked', () => {
  const one = analyzeCurve(curve, { laws: ['m1'], targets: [1e10] });
  assert.equal(one.notAutoCandidates, undefined);
  assert.ok(buildTable({ id: 'c', label: 'run', analysis: one }, { lawOf: (id) => getLaw(id) }).rows.every((r) => r.notAutoCandidate === undefined));
  const candidates = analyzeCurve(curve, { laws: ['m2', 'm3', 'loglin'], targets: [1e10] });
  assert.equal(candidates.notAutoCandidates, undefined);
});

test('the mark crosses to the webview only as a boolean', () => {
  const row = { law: 'm1', name: 'M1', formula: '', params: [], auto: false, converged: true, color: 1 };
  const data = (extra: object): unknown => ({ type: 'data', data: { title: 't', source: '', curves: [], selected: [], tables: [{ curve: 'c', label: 'run', rows: [{ ...row, ...extra }], warnings: [] }], targetText: '', warnings: [] } });
  const ok = validateToWebview(data({ notAutoCandidate: true }));
  assert.equal(ok.type === 'data' && (ok.data as PanelData).tables[0]!.rows[0]!.notAutoCandidate, true);
  assert.throws(() => validateToWebview(data({ notAutoCandidate: 'yes' })), /rows\[0\]\.notAutoCandidate/);
});
