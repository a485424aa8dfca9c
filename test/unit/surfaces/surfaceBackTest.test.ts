// A sweep's compute back-test (core/surfaceBackTest.ts): the surface refitted to the runs below the
// top quarter of the sweep's compute range, scored on the runs above; said in `fit --law chinchilla`,
// carried by its JSON into `allocate --from`, and shown in the panel's Plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { surfaceBackTest, surfaceBackTestText, type SurfaceBackTestResult } from '../../../src/core/surfaceBackTest';
import type { Observations } from '../../../src/core/types';
import { formatAmount } from '../../../src/core/units';
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import type { PanelData, PlanView } from '../../../src/shared/protocol';
import { allocateOutput } from './surfaceCli';
import { FakeNode, useFakeDom } from '../webview/fakeDom';
import { PUBLISHED } from './synthetic';

/** An IsoFLOP design: 5 budgets 1e18…1e20, 7 sizes each, on the published surface; `bump` multiplies the largest budget's losses. */
function isoflopSweep(bump = 1): Observations {
  const N: number[] = [];
  const D: number[] = [];
  const y: number[] = [];
  for (const C of [1e18, 3e18, 1e19, 3e19, 1e20]) {
    for (const n of [2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8, 1.28e9]) {
      const d = C / (6 * n);
      N.push(n);
      D.push(d);
      y.push(chinchillaLoss(PUBLISHED, n, d) * (C === 1e20 ? bump : 1));
    }
  }
  return { x: Float64Array.from(N), x2: Float64Array.from(D), y: Float64Array.from(y) };
}

const result = (t: ReturnType<typeof surfaceBackTest>): SurfaceBackTestResult => {
  assert.ok(!('reason' in t), 'reason' in t ? t.reason : '');
  return t as SurfaceBackTestResult;
};

test('a sweep on its own law: the largest budget held out and predicted to within 0.1%; on its lowest run, E + A·C^−a through the smaller budgets\' lowest misses more', () => {
  const r = result(surfaceBackTest('chinchilla', isoflopSweep()));
  // top quarter of 1e18…1e20 on a log scale: above 3.2e19, the 1e20 budget's 7 runs
  assert.equal(r.heldRuns, 7);
  assert.equal(r.fitRuns, 28);
  assert.ok(Math.abs(r.fitFlops / 3e19 - 1) < 1e-9 && Math.abs(r.heldFlops / 1e20 - 1) < 1e-9);
  assert.ok(r.meanAbsError < 1e-3, `mean ${r.meanAbsError}`);
  // the frontier: each budget's lowest run; one held-out budget, one run
  assert.equal(r.frontier?.runs, 1);
  assert.ok(r.frontier!.surface < 1e-3 && r.frontier!.baseline > 10 * r.frontier!.surface, JSON.stringify(r.frontier));
});

test('largest runs 10% above the law: the back-test says it missed them by about 9%, low', () => {
  const r = result(surfaceBackTest('chinchilla', isoflopSweep(1.1)));
  // predicted/observed = 1/1.1 at every held-out run: 9.1% low
  assert.ok(Math.abs(r.meanAbsError - (1 - 1 / 1.1)) < 0.005, `mean ${r.meanAbsError}`);
  assert.ok(r.worstError < -0.085 && -r.worstError >= r.meanAbsError, `worst ${r.worstError}`);
  assert.match(surfaceBackTestText(r), /^Fitted to the 28 runs up to 3e19 FLOPs, the surface predicted the 7 larger runs \(up to 1e20, 3\.3× further\) within 9\.\d% on average \(worst −9\.\d%\); at each larger budget's lowest loss 9\.\d%, where E \+ A·C\^−a through the smaller budgets' lowest gives \d+(\.\d)?%\.$/);
});

test('no back-test, with the reason: one budget, too few runs, a law not in N and D', () => {
  const one = isoflopSweep();
  const at = (rows: number[]): Observations => ({ x: Float64Array.from(rows, (i) => one.x[i]!), x2: Float64Array.from(rows, (i) => one.x2![i]!), y: Float64Array.from(rows, (i) => one.y[i]!) });
  const t1 = surfaceBackTest('chinchilla', at([0, 1, 2, 3, 4, 5, 6]));
  assert.ok('reason' in t1 && /less than 2× in compute/.test(t1.reason), JSON.stringify(t1));
  // two runs per budget: 8 below the cut, fewer than the 10 a 5-parameter fit is given
  const t2 = surfaceBackTest('chinchilla', at([0, 6, 7, 13, 14, 20, 21, 27, 28, 34]));
  // counted up to the largest budget fitted, as the result's line says "up to 3e19 FLOPs", not below the cut between budgets
  const fitTop = Math.max(...[0, 6, 7, 13, 14, 20, 21, 27].map((i) => Number((6 * one.x[i]! * one.x2![i]!).toPrecision(3))));
  assert.ok('reason' in t2 && t2.reason === `too few runs: 8 up to ${formatAmount(fitTop)} FLOPs to refit the surface to (it needs 10) and 2 larger to score (at least 2)`, JSON.stringify(t2));
  const t3 = surfaceBackTest('kaplan-ns', one);
  assert.ok('reason' in t3 && /not a law in N and D/.test(t3.reason));
  assert.match(surfaceBackTestText(t2), /^No compute back-test: too few runs/);
});

test('the cut never splits a budget: D written to 4 digits, the 1e21 budget lies wholly on one side', () => {
  const N: number[] = [];
  const D: number[] = [];
  const y: number[] = [];
  for (const C of [1e18, 1e19, 1e20, 1e21, 1e22]) {
    for (let k = 0; k < 11; k++) {
      const n = 2e7 * 2 ** k;
      const d = Number((C / (6 * n)).toPrecision(4));
      N.push(n);
      D.push(d);
      y.push(chinchillaLoss(PUBLISHED, n, d));
    }
  }
  const r = result(surfaceBackTest('chinchilla', { x: Float64Array.from(N), x2: Float64Array.from(D), y: Float64Array.from(y) }, { quick: true }));
  assert.ok(r.fitRuns % 11 === 0 && r.heldRuns % 11 === 0, `${r.fitRuns} fitted, ${r.heldRuns} held out`);
});

test('a sweep without shared budgets gets no frontier baseline: the lowest of lone noisy runs is their luckiest draw', () => {
  const x: number[] = [];
  const x2: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 60; i++) {
    // 60 budgets from 1e18 to 1e20, one run each, sizes spread
    const C = 1e18 * 10 ** ((2 * i) / 59);
    const n = 3e7 * 2 ** (i % 6);
    x.push(n);
    x2.push(C / (6 * n));
    y.push(chinchillaLoss(PUBLISHED, n, C / (6 * n)) * (1 + 0.01 * Math.sin(3 * i)));
  }
  const r = result(surfaceBackTest('chinchilla', { x: Float64Array.from(x), x2: Float64Array.from(x2), y: Float64Array.from(y) }, { quick: true }));
  assert.equal(r.frontier, undefined);
  assert.doesNotMatch(surfaceBackTestText(r), /E \+ A·C/);
});

test('a sweep of 130,000 runs within 2× in compute: the reason, not a stack overflow', () => {
  const n = 130_000;
  const x = Float64Array.from({ length: n }, (_, i) => 1e8 * (1 + (i % 7) / 10));
  const x2 = Float64Array.from(x, (v) => 1e19 / (6 * v));
  const t = surfaceBackTest('chinchilla', { x, x2, y: new Float64Array(n).fill(3) });
  assert.ok('reason' in t && /less than 2× in compute/.test(t.reason), JSON.stringify(t));
});

test('deterministic: the same sweep gives the same figures', () => {
  const noisy = isoflopSweep();
  const y = Float64Array.from(noisy.y, (v, i) => v * (1 + 0.01 * Math.sin(7 * i)));
  const a = surfaceBackTest('chinchilla', { ...noisy, y });
  const b = surfaceBackTest('chinchilla', { ...noisy, y });
  assert.deepEqual(a, b);
});

const cli = allocateOutput;

test('allocate --from a fit JSON: the fit\'s back-test is said under the surface; a malformed one is left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-backtest-'));
  const fit = { law: 'chinchilla', params: PUBLISHED, converged: true, backTest: { fitRuns: 28, fitFlops: 3e19, heldRuns: 7, heldFlops: 1e20, meanAbsError: 0.004, worstError: -0.009, frontier: { runs: 1, surface: 0.003, baseline: 0.021 } } };
  writeFileSync(join(dir, 'fit.json'), JSON.stringify(fit));
  const text = await cli(['--budget', '1e21', '--from', join(dir, 'fit.json')]);
  assert.match(text, /\n {2}Fitted to the 28 runs up to 3e19 FLOPs, the surface predicted the 7 larger runs \(up to 1e20, 3\.3× further\) within 0\.4% on average \(worst −0\.9%\); at each larger budget's lowest loss 0\.3%, where E \+ A·C\^−a through the smaller budgets' lowest gives 2\.1%; the plan's budget is 10× past the largest run, 3× further than this rehearsal reached\.\n/);
  const json = JSON.parse(await cli(['--budget', '1e21', '--from', join(dir, 'fit.json'), '--json'])) as { backTest?: unknown };
  assert.deepEqual(json.backTest, fit.backTest);
  for (const bad of [{ meanAbsError: 'small' }, { fitRuns: -5 }, { heldRuns: 0.5 }, { fitFlops: 0 }, { heldFlops: 1e19 }, { meanAbsError: -3 }]) {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...fit, backTest: { ...fit.backTest, ...bad } }));
    assert.doesNotMatch(await cli(['--budget', '1e21', '--from', join(dir, 'bad.json')]), /Fitted to/, JSON.stringify(bad));
  }
  // a reason from a file is text for a terminal: its control characters are shown, not obeyed
  writeFileSync(join(dir, 'esc.json'), JSON.stringify({ ...fit, backTest: { reason: 'x\u001b[2J' } }));
  assert.match(await cli(['--budget', '1e21', '--from', join(dir, 'esc.json')]), /No compute back-test: x\\x1b\[2J\./);
});

test("the Plan view shows the sweep's back-test under its table; the protocol carries it and refuses a number", async () => {
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const row = { flops: 1e21, N: 1.7e9, D: 9.7e10, tokensPerParam: 56.5, loss: 2.33 };
  const chart = { id: 'plan', title: '', xLabel: '', yLabel: '', xLog: true, yLog: true, series: [], markers: [] };
  const trust = surfaceBackTestText(result(surfaceBackTest('chinchilla', isoflopSweep())));
  const plan: PlanView = { source: 'sweep.csv', surface: 'sweep.csv', params: [], budget: row, rows: [], chart, trust };
  const root = new FakeNode('section');
  renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
  assert.ok(root.textContent.includes(trust), root.textContent);
  const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  const ok = validateToWebview({ type: 'data', data: { ...base, plan } });
  assert.ok(ok.type === 'data' && ok.data.plan?.trust === trust);
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, plan: { ...plan, trust: 0.004 } } }), ProtocolError);
});
