// The Plan asked for a model size and token count ("7B params on 1T tokens", "N=7e9 D=1e12"): the
// query read, the loss there (with its interval from refits) beside the optimal split of 6·N·D,
// shown and validated across the webview boundary, saved so that a reload asks it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlanQuery, POINT_HINT } from '../../../src/core/units';
import { pointPlanView } from '../../../src/extension/model/pointPlan';
import { planSummary } from '../../../src/extension/model/plan';
import { planQuestion } from '../../../src/extension/model/predictionText';
import { panelStateOf, type PanelData, type PlanView } from '../../../src/shared/protocol';
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import { PRESETS } from '../../../src/core/presets';
import { FakeNode, useFakeDom } from '../webview/fakeDom';

/** L(N, D) written out here, not through the project's chinchillaLoss. */
const loss = (p: { E: number; A: number; B: number; alpha: number; beta: number }, N: number, D: number): number => p.E + p.A / N ** p.alpha + p.B / D ** p.beta;

test('the Plan query reads a model size on a token count in words or as N= D=, its budget 6·N·D', () => {
  for (const q of ['7B params on 1T tokens', 'N=7e9 D=1e12', 'loss of a 7B model on 1T tokens', 'What is the loss of a 7B model trained on 1T tokens?', '7B parameters, 1T tokens', 'N = 7B, D = 1T']) {
    assert.deepEqual(parsePlanQuery(q), { flops: 4.2e22, point: { N: 7e9, D: 1e12 } }, q);
  }
  assert.deepEqual(parsePlanQuery('7B params on 1T tokens with 300B unique tokens'), { flops: 4.2e22, point: { N: 7e9, D: 1e12 }, uniqueTokens: 3e11 });
  // the budget and loss questions read as before
  assert.deepEqual(parsePlanQuery('5.76e23'), { flops: 5.76e23 });
  assert.deepEqual(parsePlanQuery('loss 2.1'), { targetLoss: 2.1 });
});

test('two amounts that do not say which is the model size are refused, saying how to write them', () => {
  for (const q of ['7B on 1T', '7e9 and 1e12', '1e21 FLOPs and 1e22']) {
    assert.throws(() => parsePlanQuery(q), (e: Error) => e.message.includes('holds two amounts') && e.message.includes(POINT_HINT), q);
  }
  assert.throws(() => parsePlanQuery('N=0 D=1e12'), /"0" is not a number of parameters/);
  assert.throws(() => parsePlanQuery('7B params on 1T tokens with 1T inference tokens'), /ask for the loss/);
  // typed into Predict, it is sent to the Plan rather than refused as holding two amounts
  assert.match(planQuestion('loss of a 7B model on 1T tokens') ?? '', /Plan Compute Budget/);
});

test('the loss at (N, D) on a preset, and its interval from refits when the surface has them', () => {
  const p = PRESETS.chinchilla.params;
  const v = pointPlanView(p, 7e9, 1e12);
  assert.deepEqual([v.N, v.D, v.flops], [7e9, 1e12, 4.2e22]);
  assert.ok(Math.abs(v.loss - loss(p, 7e9, 1e12)) < 1e-12);
  assert.ok(v.excessLoss > 0.005 && v.excessLoss < 0.0052, `excess ${v.excessLoss}`);
  assert.equal(v.lossInterval, undefined);
  // 201 refits whose E runs from E − 0.1 to E + 0.1: the 95% interval is the loss ± 0.095
  const draws = Array.from({ length: 201 }, (_, k) => ({ ...p, E: p.E - 0.1 + k * 0.001 }));
  const [lo, hi] = pointPlanView(p, 7e9, 1e12, draws, 0.95).lossInterval!;
  assert.ok(Math.abs(lo - (v.loss - 0.095)) < 1e-9 && Math.abs(hi - (v.loss + 0.095)) < 1e-9, `${lo} ${hi}`);
});

const chart = { id: 'plan', title: '', xLabel: '', yLabel: '', xLog: true, yLog: true, series: [], markers: [] };
const budget = { flops: 4.2e22, N: 1.221e10, D: 5.731e11, tokensPerParam: 46.9, loss: 2.031 };
const point = { flops: 4.2e22, N: 7e9, D: 1e12, tokensPerParam: 142.9, loss: 2.036, lossInterval: [2.01, 2.06] as const, excessLoss: 0.0051, warnings: [] };
const plan: PlanView = { source: 'Chinchilla', surface: 'chinchilla', params: [], budget, rows: [], chart, point };
const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };

test('the plan view shows the loss at (N, D) with its interval, above the optimal split of the same budget', async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const root = new FakeNode('section');
  renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
  const h2 = root.children.find((c) => typeof c !== 'string' && c.tag === 'h2') as FakeNode;
  assert.equal(h2.textContent, 'Loss of 7B parameters on 1T tokens');
  assert.ok(root.cells().some((c) => c.textContent.startsWith('2.036') && c.textContent.includes('2.010') && c.textContent.includes('2.060')), root.textContent);
  assert.match(root.textContent, /Compute-optimal split of the same budget/);
  assert.match(root.textContent, /reaches 2\.031: this split's loss is 0\.005100 higher/);
  // without a point the plan reads as before
  const plain = new FakeNode('section');
  renderPlan(plain as never, { ...plan, point: undefined }, new FakeNode('div') as never, new FakeNode('div') as never);
  assert.doesNotMatch(plain.textContent, /Loss of/);
  // the interval the table shows goes with the loss in the notification too
  assert.match(planSummary(plan), /N ≈ 7B parameters on D ≈ 1T tokens: loss ≈ 2\.036 \[2\.010, 2\.060\]\. Optimal split of the same 4\.2e22 FLOPs: train N ≈ 12\.2B/);
});

test('the point crosses the webview boundary validated, and a reload asks the same question', () => {
  const ok = validateToWebview({ type: 'data', data: { ...base, plan } });
  assert.ok(ok.type === 'data');
  assert.deepEqual(ok.data.plan?.point, point);
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, plan: { ...plan, point: { ...point, loss: '2.036' } } } }), ProtocolError);
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, plan: { ...plan, point: { ...point, lossInterval: [2.01] } } } }), ProtocolError);
  const saved = panelStateOf({ ...base, plan }).plan!;
  assert.deepEqual(parsePlanQuery(saved.budget), { flops: 4.2e22, point: { N: 7e9, D: 1e12 } });
});

test('a far ratio of tokens to parameters reads as an amount, "100K", not "100000.0" (100M on 10T tokens)', async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const root = new FakeNode('section');
  const far = { ...point, N: 1e8, D: 1e13, flops: 6e21, tokensPerParam: 1e5 };
  renderPlan(root as never, { ...plan, point: far }, new FakeNode('div') as never, new FakeNode('div') as never);
  const cells = root.cells().map((c) => c.textContent);
  assert.ok(cells.includes('100K'), cells.join(' | '));
  assert.ok(cells.includes('46.9'), 'a ratio under 10,000 keeps its decimal');
  assert.ok(!cells.some((c) => c.includes('100000.0')));
});
