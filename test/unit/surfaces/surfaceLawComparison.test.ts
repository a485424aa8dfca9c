// Each N–D surface law back-tested on one cut of a sweep (core/surfaceLawComparison.ts, on
// surfaceBackTests): the line the Plan and `allocate --from` give, the rule that names a law
// clearly better than Chinchilla's, and that law's plan at the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { kaplanNDLaw } from '../../../src/core/laws/kaplanJoint';
import { kaplanOptimalAllocation } from '../../../src/core/kaplanAllocation';
import { surfaceBackTest, surfaceBackTests, type SurfaceBackTestResult } from '../../../src/core/surfaceBackTest';
import { betterLawForLoss, betterLawPlan, clearlyBetterLaw, compareSurfaceLaws, comparedLaws, lawComparisonText, standInFor, type LawBackTest } from '../../../src/core/surfaceLawComparison';
import type { Observations } from '../../../src/core/types';
import { PUBLISHED } from './synthetic';
import { buildPlan } from '../../../src/extension/model/plan';
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import type { PanelData } from '../../../src/shared/protocol';
import { FakeNode, useFakeDom } from '../webview/fakeDom';
import { allocateOutput } from './surfaceCli';

/** 5 sizes × 4 token counts on `loss`, ±0.2% of deterministic scatter. */
function grid(loss: (N: number, D: number) => number): Observations {
  const N: number[] = [];
  const D: number[] = [];
  const y: number[] = [];
  for (const n of [1e8, 3e8, 1e9, 3e9, 1e10]) {
    for (const d of [1e10, 3e10, 1e11, 3e11]) {
      N.push(n);
      D.push(d);
      y.push(loss(n, d) * (1 + 0.002 * Math.sin(12.9898 * N.length)));
    }
  }
  return { x: Float64Array.from(N), x2: Float64Array.from(D), y: Float64Array.from(y) };
}

// the surface kaplan-nd fits to OPT's checkpoints up to 1e22 FLOPs
const KAPLAN = { Nc: 2.138e14, Dc: 4.818e14, alphaN: 0.08706, alphaD: 0.10845 };

const result = (t: LawBackTest): SurfaceBackTestResult => {
  assert.ok(!('reason' in t.backTest), 'reason' in t.backTest ? t.backTest.reason : '');
  return t.backTest as SurfaceBackTestResult;
};

test('the laws are back-tested on one cut: the same runs refitted and held out, each as surfaceBackTest has it alone', () => {
  const obs = grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d));
  const [chinchilla, kaplan] = surfaceBackTests(['chinchilla', 'kaplan-nd'], obs, { quick: true });
  assert.deepEqual(chinchilla, surfaceBackTest('chinchilla', obs, { quick: true }));
  assert.deepEqual(kaplan, surfaceBackTest('kaplan-nd', obs, { quick: true }));
  const [a, b] = [result({ law: 'chinchilla', backTest: chinchilla! }), result({ law: 'kaplan-nd', backTest: kaplan! })];
  assert.deepEqual([a.fitRuns, a.heldRuns, a.fitFlops, a.heldFlops], [b.fitRuns, b.heldRuns, b.fitFlops, b.heldFlops]);
  // a law not in N and D gets its reason, the others their figures
  const [, steps] = surfaceBackTests(['chinchilla', 'kaplan-ns'], obs, { quick: true });
  assert.match((steps as { reason: string }).reason, /kaplan-ns is not a law in N and D/);
});

test('chinchilla-dc is compared only on a sweep that gives unique tokens', () => {
  const obs = grid((n, d) => chinchillaLoss(PUBLISHED, n, d));
  assert.deepEqual(comparedLaws(obs), ['chinchilla', 'kaplan-nd']);
  assert.deepEqual(comparedLaws({ ...obs, x3: obs.x2! }), ['chinchilla', 'kaplan-nd', 'chinchilla-dc']);
});

test("a sweep on kaplan-nd's surface: kaplan-nd back-tests clearly better, and its plan at a budget is its closed form on its surface fitted to every run", () => {
  const c = compareSurfaceLaws(grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d)));
  assert.deepEqual(c.backTests.map((t) => t.law), ['chinchilla', 'kaplan-nd']);
  const [chinchilla, kaplan] = c.backTests.map(result);
  assert.ok(kaplan!.meanAbsError < 0.5 * chinchilla!.meanAbsError, `kaplan-nd ${kaplan!.meanAbsError}, chinchilla ${chinchilla!.meanAbsError}`);
  assert.equal(c.better?.law, 'kaplan-nd');
  // fitted to all 20 runs: near the law drawn
  assert.ok(Math.abs(c.better!.params.alphaD! / KAPLAN.alphaD - 1) < 0.05, JSON.stringify(c.better!.params));
  const plan = betterLawPlan(c, 1e24);
  assert.deepEqual(plan, kaplanOptimalAllocation(c.better!.params, 1e24));
  assert.match(lawComparisonText(c)!, /^Back-tested on the 3 largest runs: Chinchilla \d+(\.\d)?%, kaplan-nd 0\.\d% mean error\. kaplan-nd's error is under half Chinchilla's: its plan, from its surface fitted to the whole sweep, is shown beside Chinchilla's \(no intervals for it\)\.$/);
});

test("a sweep on Chinchilla's surface: no law clearly better, no plan beside, the line gives both errors", () => {
  const c = compareSurfaceLaws(grid((n, d) => chinchillaLoss(PUBLISHED, n, d)));
  assert.equal(c.better, undefined);
  assert.equal(betterLawPlan(c, 1e24), undefined);
  assert.match(lawComparisonText(c)!, /^Back-tested on the 3 largest runs: Chinchilla 0\.\d+%, kaplan-nd \d+(\.\d)?% mean error\.$/);
});

test('the rule: under half Chinchilla\'s error, on 3 held-out runs or more; the lowest such law', () => {
  const bt = (law: string, meanAbsError: number, heldRuns = 5): LawBackTest => ({ law, backTest: { fitRuns: 10, fitFlops: 1e19, heldRuns, heldFlops: 1e20, meanAbsError, worstError: meanAbsError } });
  assert.equal(clearlyBetterLaw([bt('chinchilla', 0.04), bt('kaplan-nd', 0.019)]), 'kaplan-nd');
  assert.equal(clearlyBetterLaw([bt('chinchilla', 0.04), bt('kaplan-nd', 0.02)]), undefined, 'half is not under half');
  assert.equal(clearlyBetterLaw([bt('chinchilla', 0.04, 2), bt('kaplan-nd', 0.001, 2)]), undefined, '2 held-out runs are too few');
  assert.equal(clearlyBetterLaw([bt('chinchilla', 0.04), bt('kaplan-nd', 0.01), bt('chinchilla-dc', 0.005)]), 'chinchilla-dc');
  assert.equal(clearlyBetterLaw([{ law: 'chinchilla', backTest: { reason: 'too few runs' } }, bt('kaplan-nd', 0.001)]), undefined);
  // one law with figures: no comparison to give
  assert.equal(lawComparisonText({ backTests: [bt('chinchilla', 0.04), { law: 'kaplan-nd', backTest: { reason: 'x' } }] }), undefined);
  // a better law without a plan here (chinchilla-dc needs the unique tokens) is named, and said to give none
  assert.match(lawComparisonText({ backTests: [bt('chinchilla', 0.04), bt('chinchilla-dc', 0.01)] })!, /chinchilla-dc's error is under half Chinchilla's: it gives no plan here\.$/);
});

test("the Plan view shows the laws' line under its table and the better law's plan as a row of its own, without intervals; the protocol carries both", async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const c = compareSurfaceLaws(grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d)));
  const budget = { flops: 1e24, N: 4.1e10, D: 4.1e12, tokensPerParam: 100, loss: 2.2, intervals: { N: [1e10, 2e11], D: [7e11, 1e13], loss: [2.1, 2.4] } as const };
  const plan = buildPlan({ surface: PUBLISHED, surfaceId: 's.csv', sourceLabel: 's', budget: 1e24, optimal: () => ({ ...budget, warnings: [] }), frontier: () => [], backTests: c });
  const other = plan.lawBackTests?.plan;
  assert.ok(other, JSON.stringify(plan.lawBackTests));
  assert.equal(other.law, 'kaplan-nd');
  const { warnings: _w, ...expected } = kaplanOptimalAllocation(c.better!.params, 1e24);
  assert.deepEqual(other.row, expected, 'its closed form at the budget, with no intervals');
  const root = new FakeNode('section');
  renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
  assert.ok(root.textContent.includes(plan.lawBackTests!.text), root.textContent);
  const cells = root.cells().map((n) => n.textContent);
  const at = cells.indexOf("kaplan-nd's plan");
  assert.ok(at > 0, cells.join(' | '));
  assert.equal(cells[at + 4], other.row.loss.toFixed(3), 'its own loss, no interval under it');
  const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  assert.ok(validateToWebview({ type: 'data', data: { ...base, plan } }).type === 'data');
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, plan: { ...plan, lawBackTests: { text: 3 } } } }), ProtocolError);
});

test("allocate --from a sweep on kaplan-nd's surface prints the laws' line under Chinchilla's back-test, and kaplan-nd's plan at each budget as a table without intervals", async () => {
  const obs = grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d));
  const file = join(mkdtempSync(join(tmpdir(), 'sl-laws-')), 'kaplan.csv');
  writeFileSync(file, `N,D,loss\n${Array.from(obs.y, (y, i) => `${obs.x[i]},${obs.x2![i]},${y}`).join('\n')}\n`);
  const out = await allocateOutput(['--budget', '1e22', '1e24', '--from', file]);
  assert.match(out, /\n {2}Back-tested on the 3 largest runs: Chinchilla [\d.]+%, kaplan-nd [\d.]+% mean error\. kaplan-nd's error is under half Chinchilla's/);
  const [, table] = out.split("kaplan-nd's plan, its surface fitted to the whole sweep (no intervals):\n");
  assert.ok(table, out);
  const rows = table.split('\n').slice(2, 4);
  assert.match(rows[0]!, /^1\.000e22 /);
  assert.match(rows[1]!, /^1\.000e24 /);
  assert.doesNotMatch(table.split('\n')[0]!, /CI/);
});

test("Chinchilla's no-plan reason is handed to a stand-in law only when its fit failed, not when the runs lie on one line (no law splits compute off it)", () => {
  const obs = grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d));
  const reason = 'no compute-optimal plan: the best fit is a degenerate limit (one term vanishes or an exponent runs away), so the split it implies is an artefact of the fit, not of the runs.';
  assert.equal(standInFor(reason, obs), reason);
  assert.equal(standInFor(undefined, obs), undefined);
  // 20 tokens per parameter in every run: one line of N and D
  const line = { x: Float64Array.from([1e8, 3e8, 1e9, 3e9, 1e10, 3e10]), x2: Float64Array.from([2e9, 6e9, 2e10, 6e10, 2e11, 6e11]), y: Float64Array.from([3.5, 3.2, 2.9, 2.7, 2.5, 2.4]) };
  assert.equal(standInFor(reason, line), undefined);
  // handed a reason, the comparison plans on kaplan-nd in Chinchilla's place and says so first
  const c = compareSurfaceLaws(obs, {}, reason);
  assert.equal(c.better?.law, 'kaplan-nd');
  assert.equal(c.better?.chinchillaNoPlan, reason);
  assert.match(lawComparisonText(c)!, /^Chinchilla's fit gives no compute-optimal plan: the best fit is a degenerate limit .*\. kaplan-nd's plan is shown instead, from its surface fitted to the whole sweep \(no intervals for it\)\. Back-tested on the 3 largest runs: /);
  // its least compute to reach a loss is the budget whose plan reaches it
  const at = betterLawForLoss(c, 2.5)!;
  assert.ok(Math.abs(kaplanOptimalAllocation(c.better!.params, at.flops).loss / 2.5 - 1) < 1e-9);
});

test("the panel's plan on a law in Chinchilla's place: its parameters and split are the plan, no second row, the line says why; it passes the webview's checks", async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const { standInPlan } = await import('../../../src/extension/model/standInPlan');
  const obs = grid((n, d) => kaplanNDLaw.predict(KAPLAN, n, d));
  const c = compareSurfaceLaws(obs, {}, 'no compute-optimal plan: the best fit is a degenerate limit (one term vanishes or an exponent runs away), so the split it implies is an artefact of the fit, not of the runs.');
  const surface = { params: PUBLISHED, id: 's.csv', label: "kaplan-nd's surface fitted to s.csv (20 runs), in place of Chinchilla's, whose fit gives no plan", backTests: c, standIn: { law: c.better!.law, params: c.better!.params } };
  const plan = standInPlan(surface, surface.standIn, { flops: 1e24 });
  const { warnings: _w, ...expected } = kaplanOptimalAllocation(c.better!.params, 1e24);
  assert.deepEqual(plan.budget, expected);
  assert.deepEqual(plan.params.map(([k]) => k), ['Nc', 'Dc', 'alphaN', 'alphaD']);
  assert.equal(plan.lawBackTests?.plan, undefined);
  assert.match(plan.trust ?? '', /^kaplan-nd: Fitted to the \d+ runs/);
  const root = new FakeNode('section');
  renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
  assert.ok(root.textContent.includes("Chinchilla's fit gives no compute-optimal plan"), root.textContent);
  assert.ok(!root.cells().some((n) => n.textContent === "kaplan-nd's plan"));
  const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  assert.ok(validateToWebview({ type: 'data', data: { ...base, plan } }).type === 'data');
});
