// M4 collapsed to M2's fit showed the same figures as M2 in the panel's estimator table and the
// CLI's candidate table, unmarked; Compare Estimators already said "same fit as M2 here". One rule
// (core/sameFit.ts) marks all three.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { sameFitAs, sameFitText } from '../../../src/core/sameFit';
import { buildTable } from '../../../src/extension/panel/viewModel';
import { command as fit } from '../../../src/cli/commands/fit';
import type { CurveFitJson } from '../../../src/cli/curveFitJson';
import { useFakeDom, type FakeNode } from '../webview/fakeDom';
import { printed } from '../cli/printed';

// Luo et al.'s 25M cosine run: M4's α and ε0 are not set by it, and it lands on M2's curve
const LOG = 'data/lr-schedules/25M/cosine_24000.csv';

function points(): { x: number; y: number }[] {
  const [head, ...rows] = readFileSync(LOG, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const [xi, yi] = [cols.indexOf('step'), cols.indexOf('loss')];
  return rows.map((r) => r.split(',')).map((c) => ({ x: Number(c[xi]), y: Number(c[yi]) }));
}

test('the rule: figures equal wherever both rows have one, to 1e-6; the first such earlier row', () => {
  assert.deepEqual(sameFitAs([[0.5, 2], [0.3, 2], [0.5 * (1 + 1e-8), null], [0.6, 2], [0.5, 2.1], [null, null]]), [undefined, undefined, 0, undefined, 2, undefined]);
  assert.equal(sameFitText('M2 (power law + limit)'), 'same fit as M2 here');
});

test("the panel's table marks M4 when it collapsed to M2's fit, and no other row", () => {
  const a = analyzeCurve(points(), { laws: ['m2', 'm3', 'm4'], targets: [48000] });
  const rows = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id), target: 48000 }).rows;
  const [m2, m4] = [rows.find((r) => r.law === 'm2')!, rows.find((r) => r.law === 'm4')!];
  assert.ok(Math.abs(m4.prediction!.y - m2.prediction!.y) < 1e-6 * m2.prediction!.y);
  assert.deepEqual(rows.filter((r) => r.sameAs).map((r) => [r.law, r.sameAs]), [['m4', 'M2 (power law + limit)']]);
});

test('the webview draws the mark beside the name', async () => {
  useFakeDom();
  const { renderTables } = await import('../../../webview/tables');
  const { h } = await import('../../../webview/dom');
  const row = { law: 'm4', name: 'M4', formula: '', params: [], auto: false, converged: true, color: 1, backtestRmsle: 0.0068, sameAs: 'M2 (power law + limit)' };
  const root = h('div') as unknown as FakeNode;
  renderTables(root as unknown as HTMLElement, [{ curve: 'c', label: 'run', rows: [row], warnings: [] }], { theme: 'dark', single: false, targetText: '48K' } as never);
  assert.match(root.textContent, /M4 \(same fit as M2 here\)/);
});

test("fit's candidate table marks it too, and its JSON says it", async () => {
  const out = [(await printed(() => fit.run([LOG]))).out, (await printed(() => fit.run([LOG, '--json']))).out];
  assert.match(out[0]!, /^ {2}m4 +[\d.]+ {2}\(same fit as m2 here\)$/m);
  assert.doesNotMatch(out[0]!, /^ {2}m[13] .*same fit/m);
  const json = JSON.parse(out[1]!) as CurveFitJson;
  assert.deepEqual(json.auto!.candidates.filter((c) => c.sameAs).map((c) => [c.law, c.sameAs]), [['m4', 'm2']]);
});
