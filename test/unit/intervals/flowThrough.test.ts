// Intervals flow through: allocation intervals from a bootstrapped surface (CLI `allocate --from`),
// the Plan view's rows and bands, and the protocol's optional fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimalAllocation, frontier } from '../../../src/core/allocation';
import { allocationIntervals, bootstrapChinchilla } from '../../../src/core/surfaceBootstrap';
import { drawsFromJson } from '../../../src/cli/commands/fitJsonFields';
import { compactJson } from '../../../src/cli/commands/surfaceOutput';
import { buildPlan } from '../../../src/extension/model/plan';
import { type PanelData, type PlanIntervals } from '../../../src/shared/protocol';
import { ProtocolError, validateToWebview } from '../../../src/shared/validate';
import { PUBLISHED, syntheticSurface } from '../surfaces/synthetic';

const obs = syntheticSurface(PUBLISHED, 60, 0.02, 3);
const boot = bootstrapChinchilla(obs, PUBLISHED, { resamples: 60, seed: 2, budgets: [] });

test('allocation intervals contain the fitted surface\'s own allocation and order lo ≤ hi', () => {
  // a biased set of refits: every one has a larger A, so percentile intervals alone would exclude the fit
  const shifted = boot.draws.map((d) => ({ ...d, A: d.A * 3 }));
  for (const draws of [boot.draws, shifted]) {
    const iv = allocationIntervals(draws, [1e21, 1e24], 0.95, PUBLISHED);
    iv.forEach((i, k) => {
      const at = optimalAllocation(PUBLISHED, [1e21, 1e24][k]);
      for (const key of ['N', 'D', 'loss'] as const) assert.ok(i[key].lo <= at[key] && at[key] <= i[key].hi, `${key}: ${i[key].lo} ≤ ${at[key]} ≤ ${i[key].hi}`);
    });
  }
  // wider at the larger budget (further from the sweep), in log terms
  const [a, b] = allocationIntervals(boot.draws, [1e21, 1e25], 0.95, PUBLISHED);
  assert.ok(Math.log(b.N.hi / b.N.lo) > Math.log(a.N.hi / a.N.lo));
});

test('allocate --from reads the refits a bootstrapped fit writes (compact JSON round trip)', () => {
  const json = compactJson({ law: 'chinchilla', params: PUBLISHED, bootstrap: { resamples: 60, level: 0.8, draws: boot.draws.map((d) => [d.E, d.A, d.B, d.alpha, d.beta]) } });
  assert.ok(json.split('\n').length < 40 + boot.draws.length, 'one line per draw');
  const back = drawsFromJson(json)!;
  assert.equal(back.level, 0.8);
  assert.equal(back.resamples, 60);
  assert.equal(back.draws.length, boot.draws.length);
  assert.deepEqual(back.draws[0], boot.draws[0]);
  assert.equal(drawsFromJson(JSON.stringify({ law: 'chinchilla', params: PUBLISHED })), undefined);
});

const toPlan = (budgets: readonly number[]): PlanIntervals[] =>
  allocationIntervals(boot.draws, budgets, 0.95, PUBLISHED).map((i) => ({ N: [i.N.lo, i.N.hi], D: [i.D.lo, i.D.hi], loss: [i.loss.lo, i.loss.hi] }));

test('the Plan view carries intervals per row and draws N/D bands on the frontier', () => {
  const inputs = { surface: PUBLISHED, surfaceId: 'sweep.csv', sourceLabel: 'fitted', budget: 1e23, optimal: optimalAllocation, frontier };
  const plain = buildPlan(inputs);
  assert.equal(plain.budget.intervals, undefined);
  assert.ok(!plain.chart.series.some((s) => s.role === 'band'));
  const plan = buildPlan({ ...inputs, intervals: toPlan });
  for (const r of [plan.budget, ...plan.rows]) {
    assert.ok(r.intervals, `row at ${r.flops}`);
    assert.ok(r.intervals.N[0] <= r.N && r.N <= r.intervals.N[1]);
    assert.ok(r.intervals.loss![0] <= r.loss && r.loss <= r.intervals.loss![1]);
  }
  const bands = plan.chart.series.filter((s) => s.role === 'band');
  assert.deepEqual(bands.map((s) => s.group), ['N', 'D']);
  assert.ok(bands.every((s) => s.band!.length > 10));
  // and it survives the host → webview validation
  const data: PanelData = { title: 'plan', source: '', curves: [], selected: [], tables: [], plan, targetText: '10x', warnings: [] };
  const back = validateToWebview({ type: 'data', data });
  assert.equal(back.type, 'data');
  if (back.type === 'data') assert.deepEqual(back.data.plan!.budget.intervals, plan.budget.intervals);
});

test('the protocol validates a prediction\'s trust and interval note, and rejects bad ones', () => {
  const base: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  const prediction = { curve: 'c', targetText: '2x', targetLabel: '2x (2)', x: 2, y: 1.8, law: 'm4', trust: { factor: 2, missedBy: 0.008 }, intervalNote: 'no interval: 38 of 40 …' };
  const ok = validateToWebview({ type: 'data', data: { ...base, prediction } });
  assert.ok(ok.type === 'data' && ok.data.prediction?.trust?.missedBy === 0.008 && ok.data.prediction.intervalNote?.startsWith('no interval'));
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, prediction: { ...prediction, trust: { factor: 'two', missedBy: 0.1 } } } }), ProtocolError);
  const badPlan = buildPlan({ surface: PUBLISHED, surfaceId: 's', sourceLabel: 's', budget: 1e23, optimal: optimalAllocation, frontier, intervals: toPlan });
  const broken = { ...badPlan, budget: { ...badPlan.budget, intervals: { N: [1], D: [1, 2], loss: [1, 2] } } };
  assert.throws(() => validateToWebview({ type: 'data', data: { ...base, plan: broken } }), ProtocolError);
});
