// The trust text says when the target lies further out than the curve's back-tests rehearsed,
// instead of quoting the farthest rehearsal as if it were comparable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trustAt, BEYOND_RATIO } from '../../../src/core/calibrate';
import type { BacktestResidual } from '../../../src/core/backtest';
import { fitCurves } from '../../../src/cli/curveFit';
import { trustText } from '../../../src/core/units';
import { fitText } from '../../../src/cli/commands/fit';
import { type PanelData } from '../../../src/shared/protocol';
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import { trustLine } from '../../../webview/tables';
import { syntheticCurve } from '../intervals/synthetic';
import { formatPercent } from '../../../src/core/units';

const res = (factor: number, miss: number): BacktestResidual => ({ cut: 0, x: factor, distance: Math.log(factor), logY: 0, logPred: Math.log(1 + miss) }) as BacktestResidual;
const rs = [res(1.2, 0.002), res(1.35, 0.003), res(1.5, 0.004), res(2, 0.008), res(3, 0.012)];

test('trustAt: beyond (with the target factor) only when the target is past the farthest rehearsal', () => {
  const far = trustAt(rs, Math.log(10))!;
  // five rehearsals in all, one at the farthest factor: the figure rests on all five, at their median 1.5×
  assert.ok(Math.abs(far.factor - 1.5) < 1e-12);
  assert.ok(Math.abs(far.missedBy - Math.sqrt((0.002 ** 2 + 0.003 ** 2 + 0.004 ** 2 + 0.008 ** 2 + 0.012 ** 2) / 5)) < 1e-9);
  // fewer than five: no figure
  assert.equal(trustAt(rs.slice(0, 4), Math.log(10)), undefined);
  assert.equal(far.beyond, true);
  assert.ok(Math.abs(far.targetFactor! - 10) < 1e-9);
  // within reach: no flag, and no target factor
  for (const f of [1.6, 2, 3, 3 * BEYOND_RATIO * 0.99]) {
    const t = trustAt(rs, Math.log(f))!;
    assert.equal(t.beyond, undefined, `${f}×`);
    assert.equal(t.targetFactor, undefined);
  }
  assert.equal(trustAt(rs, Math.log(3 * BEYOND_RATIO * 1.01))!.beyond, true);
});

test('CLI and panel text: "…; 10× is further than the laws\' back-tests reach (scaled by log distance, about 2.5% there)"', () => {
  const t = { factor: 3, missedBy: 0.012, beyond: true as const, targetFactor: 10 };
  // 1.2% × ln 10 / ln 3 = 2.5%
  assert.equal(trustText(t), 'a 3× extrapolation missed by 1.2%; 10× is further than the laws\' back-tests reach (scaled by log distance, about 2.5% there)');
  assert.equal(trustLine(t), "On this curve's own history, a 3× extrapolation missed by 1.2%; 10× is further than the laws' back-tests reach (scaled by log distance, about 2.5% there).");
  assert.equal(trustLine({ factor: 2, missedBy: 0.008 }), "On this curve's own history, a 2× extrapolation missed by 0.8%.");
  // a target 140,000× past the data (2B steps on a 14K-step log) reads as an amount
  assert.equal(trustText({ ...t, targetFactor: 140_000 }), 'a 3× extrapolation missed by 1.2%; 140K× is further than the laws\' back-tests reach (scaled by log distance, about 13% there)');
  assert.equal(trustText({ ...t, targetFactor: 9_500 }), 'a 3× extrapolation missed by 1.2%; 9500× is further than the laws\' back-tests reach (scaled by log distance, about 10% there)');
  // a run 80 steps short of its 72K-step schedule's end is forecast 1.001× on, not "1×" (walkthrough)
  assert.equal(trustText({ factor: 72000 / 71920, missedBy: 0.003 }), 'a 1.001× extrapolation missed by 0.3%');
  assert.equal(trustText({ factor: 1.04, missedBy: 0.003 }), 'a 1.04× extrapolation missed by 0.3%');
  assert.equal(trustText({ factor: 1, missedBy: 0.003 }), 'a 1× extrapolation missed by 0.3%');
  // the protocol carries the flag and rejects a malformed one
  const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  const prediction = { curve: 'c', targetText: '10x', targetLabel: '10x (10)', x: 10, y: 1.8, law: 'm2', trust: t };
  const ok = validateToWebview({ type: 'data', data: { ...base, prediction } });
  assert.ok(ok.type === 'data' && ok.data.prediction?.trust?.beyond === true && ok.data.prediction.trust.targetFactor === 10);
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, prediction: { ...prediction, trust: { ...t, beyond: 'yes' } } } }), ProtocolError);
});

test('fit at 2× and 100×: only the far target is flagged, in JSON and text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-trust-'));
  const csv = join(dir, 'run.csv');
  writeFileSync(csv, ['tokens,loss', ...syntheticCurve('m2', 4, 30).map((p) => `${p.x},${p.y}`)].join('\n'));
  const [r] = await fitCurves({ path: csv, xCol: 'tokens', yCol: 'loss', groupCols: [], law: 'm2', targets: ['2x', '100x'], bootstrap: 0, seed: 1 });
  const [near, far] = r.predictions;
  assert.ok(near.trust && !near.trust.beyond, JSON.stringify(near.trust));
  assert.ok(far.trust?.beyond === true && Math.abs(far.trust.targetFactor! - 100) < 1e-6, JSON.stringify(far.trust));
  assert.ok(far.trust.factor < 100 / BEYOND_RATIO);
  assert.match(fitText(r).answer, /100× is further than the laws' back-tests reach/);
  // the far target's line carries its rehearsal's miss scaled by log distance; the near one's does not
  const scaled = formatPercent((far.trust.missedBy * Math.log(100)) / Math.log(far.trust.factor));
  assert.ok(fitText(r).answer.includes(`100× is further than the laws' back-tests reach (scaled by log distance, about ${scaled} there)`), fitText(r).answer);
  assert.equal(fitText(r).answer.match(/scaled by log distance/g)?.length, 1);
});

test("beside a Forecast block, the laws' trust line says in its tooltip why its distance is not the block's (3× there for a 3.6× reach asked, walkthrough); alone, it has none", async () => {
  const { useFakeDom, FakeNode } = await import('../webview/fakeDom');
  useFakeDom();
  const { renderPrediction, LAWS_AND_FORECAST_REHEARSE } = await import('../../../webview/tables');
  const p = { curve: 'c', targetText: '72000', targetLabel: "the schedule's end (72K steps)", x: 72000, y: 2.95, law: 'm2', trust: { factor: 3, missedBy: 0.016 } };
  const trustNode = (root: InstanceType<typeof FakeNode>): InstanceType<typeof FakeNode> | undefined => {
    const all = (n: InstanceType<typeof FakeNode>): InstanceType<typeof FakeNode>[] => [n, ...n.children.flatMap((c) => (typeof c === 'string' ? [] : all(c)))];
    return all(root).find((n) => n.attrs.class === 'note trust');
  };
  const beside = new FakeNode('div');
  renderPrediction(beside as never, p, 'loss', true);
  assert.equal(trustNode(beside)?.attrs.title, LAWS_AND_FORECAST_REHEARSE);
  assert.match(LAWS_AND_FORECAST_REHEARSE, /three fixed cuts .* exactly as far as its forecast does/);
  const alone = new FakeNode('div');
  renderPrediction(alone as never, p, 'loss', false);
  assert.ok(trustNode(alone), 'the line itself is there');
  assert.equal(trustNode(alone)?.attrs.title, undefined);
});
