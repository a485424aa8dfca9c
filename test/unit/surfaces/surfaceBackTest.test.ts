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
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import type { PanelData, PlanView } from '../../../src/shared/protocol';
import { command as allocate } from '../../../src/cli/commands/allocate';
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

test('a sweep on its own law: the largest budget held out and predicted to within 0.1%; beside it the one-curve baseline misses', () => {
  const r = result(surfaceBackTest('chinchilla', isoflopSweep()));
  // top quarter of 1e18…1e20 on a log scale: above 3.2e19, the 1e20 budget's 7 runs
  assert.equal(r.heldRuns, 7);
  assert.equal(r.fitRuns, 28);
  assert.ok(Math.abs(r.fitFlops / 3e19 - 1) < 1e-9 && Math.abs(r.heldFlops / 1e20 - 1) < 1e-9);
  assert.ok(r.meanAbsError < 1e-3, `mean ${r.meanAbsError}`);
  // one power law in compute cannot tell the sizes of one budget apart
  assert.ok(r.baselineMeanAbsError !== undefined && r.baselineMeanAbsError > 10 * r.meanAbsError, `baseline ${r.baselineMeanAbsError}`);
});

test('largest runs 10% above the law: the back-test says it missed them by about 9%, low', () => {
  const r = result(surfaceBackTest('chinchilla', isoflopSweep(1.1)));
  // predicted/observed = 1/1.1 at every held-out run: 9.1% low
  assert.ok(Math.abs(r.meanAbsError - (1 - 1 / 1.1)) < 0.005, `mean ${r.meanAbsError}`);
  assert.ok(r.worstError < -0.085 && -r.worstError >= r.meanAbsError, `worst ${r.worstError}`);
  assert.match(surfaceBackTestText(r), /^Fitted to the 28 runs up to 3e19 FLOPs, the surface predicted the 7 larger runs \(up to 1e20, 3\.3× further\) within 9\.\d% on average \(worst −9\.\d%\); E \+ A·C\^−a through the same runs: \d+(\.\d)?%\.$/);
});

test('no back-test, with the reason: one budget, too few runs, a law not in N and D', () => {
  const one = isoflopSweep();
  const at = (rows: number[]): Observations => ({ x: Float64Array.from(rows, (i) => one.x[i]!), x2: Float64Array.from(rows, (i) => one.x2![i]!), y: Float64Array.from(rows, (i) => one.y[i]!) });
  const t1 = surfaceBackTest('chinchilla', at([0, 1, 2, 3, 4, 5, 6]));
  assert.ok('reason' in t1 && /less than 2× in compute/.test(t1.reason), JSON.stringify(t1));
  // two runs per budget: 8 below the cut, fewer than the 10 a 5-parameter fit is given
  const t2 = surfaceBackTest('chinchilla', at([0, 6, 7, 13, 14, 20, 21, 27, 28, 34]));
  assert.ok('reason' in t2 && /too few runs to back-test: 8 below .* \(the fit needs 10\) and 2 above/.test(t2.reason), JSON.stringify(t2));
  const t3 = surfaceBackTest('kaplan-ns', one);
  assert.ok('reason' in t3 && /not a law in N and D/.test(t3.reason));
  assert.match(surfaceBackTestText(t2), /^No compute back-test: too few runs/);
});

test('deterministic: the same sweep gives the same figures', () => {
  const noisy = isoflopSweep();
  const y = Float64Array.from(noisy.y, (v, i) => v * (1 + 0.01 * Math.sin(7 * i)));
  const a = surfaceBackTest('chinchilla', { ...noisy, y });
  const b = surfaceBackTest('chinchilla', { ...noisy, y });
  assert.deepEqual(a, b);
});

async function cli(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await allocate.run(argv), 0);
  } finally {
    console.log = orig;
  }
  return lines.join('\n');
}

test('allocate --from a fit JSON: the fit\'s back-test is said under the surface; a malformed one is left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-backtest-'));
  const fit = { law: 'chinchilla', params: PUBLISHED, converged: true, backTest: { fitRuns: 28, fitFlops: 3e19, heldRuns: 7, heldFlops: 1e20, meanAbsError: 0.004, worstError: -0.009 } };
  writeFileSync(join(dir, 'fit.json'), JSON.stringify(fit));
  const text = await cli(['--budget', '1e21', '--from', join(dir, 'fit.json')]);
  assert.match(text, /\n {2}Fitted to the 28 runs up to 3e19 FLOPs, the surface predicted the 7 larger runs \(up to 1e20, 3\.3× further\) within 0\.4% on average \(worst −0\.9%\)\.\n/);
  const json = JSON.parse(await cli(['--budget', '1e21', '--from', join(dir, 'fit.json'), '--json'])) as { backTest?: unknown };
  assert.deepEqual(json.backTest, fit.backTest);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...fit, backTest: { ...fit.backTest, meanAbsError: 'small' } }));
  assert.doesNotMatch(await cli(['--budget', '1e21', '--from', join(dir, 'bad.json')]), /Fitted to/);
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
