// The Plan's last wiring (computePlan, now model/planForQuery.ts): each kind of query reaches its
// part of the plan. A model size on a token count ("7B params on 1T tokens") gives the point's
// loss beside the optimal split of its budget, with an interval from a surface's refits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chinchillaLoss, type ChinchillaParams } from '../../../src/core/laws/chinchilla';
import { optimalAllocation } from '../../../src/core/allocation';
import { PRESETS } from '../../../src/core/presets';
import { parsePlanQuery } from '../../../src/core/units';
import { planForQuery } from '../../../src/extension/model/planForQuery';
import type { PlanSurface } from '../../../src/extension/model/sweepPlan';

const preset = PRESETS.chinchilla!;
const surface: PlanSurface = { params: preset.params, id: preset.id, label: preset.label, preset };

test('"7B params on 1T tokens": the plan holds the point, its budget 6·N·D, its loss and its excess over the optimal split', () => {
  const plan = planForQuery(surface, parsePlanQuery('7B params on 1T tokens'));
  const p = plan.point;
  assert.ok(p, 'the point plan is wired');
  assert.deepEqual([p.N, p.D, p.flops], [7e9, 1e12, 6 * 7e9 * 1e12]);
  assert.ok(Math.abs(p.loss - chinchillaLoss(preset.params, 7e9, 1e12)) < 1e-12);
  assert.ok(Math.abs(p.excessLoss - (p.loss - optimalAllocation(preset.params, p.flops).loss)) < 1e-12);
  assert.equal(plan.budget.flops, p.flops, "the plan's budget row is the optimal split of the point's compute");
  assert.equal(p.lossInterval, undefined, 'a preset has no refits');
  assert.equal(planForQuery(surface, parsePlanQuery('1e23')).point, undefined, 'a budget asks for no point');
});

test('a point on a surface with refits gets the loss interval from them, at the surface\'s level', () => {
  const draws: ChinchillaParams[] = [0.97, 0.99, 1, 1.01, 1.03].map((k) => ({ ...preset.params, E: preset.params.E * k }));
  const plan = planForQuery({ ...surface, draws, level: 0.95 }, parsePlanQuery('7B params on 1T tokens'));
  const [lo, hi] = plan.point!.lossInterval!;
  assert.ok(lo < plan.point!.loss && plan.point!.loss < hi, `${lo} < ${plan.point!.loss} < ${hi}`);
});

test('the frontier chart marks where the fitted runs lie, so a budget 167× past the largest shows as far off', () => {
  const runs = { file: 'isoflop.csv', N: [1e8, 2e8, 1.4e9], D: [1e10, 5e9, 7.1e10] };
  const plan = planForQuery({ ...surface, preset: undefined, id: '/isoflop.csv', label: 'fitted', runs }, parsePlanQuery('1e23'));
  const lines = plan.chart.markers.filter((m) => m.kind === 'end').map((m) => [m.label, m.x]);
  assert.deepEqual(lines, [['smallest run fitted (6e18)', 6 * 1e8 * 1e10], ['largest run fitted (5.96e20)', 6 * 1.4e9 * 7.1e10]]);
  // a preset: the range of the runs it was fitted on
  const preset = planForQuery(surface, parsePlanQuery('1e23')).chart.markers.filter((m) => m.kind === 'end').map((m) => m.x);
  assert.deepEqual(preset, [1.4e18, 1.3e22]);
});

test('a loss so high any run reaches it is refused, as allocate --loss refuses it, not planned as 0.57 parameters with an L* of 1076', () => {
  assert.throws(() => planForQuery(surface, parsePlanQuery('loss 1e300')), /loss 1e\+300 is above the surface's loss at one parameter on one token: any run reaches it/);
  assert.ok(planForQuery(surface, parsePlanQuery('loss 4')).budget.N > 1e7);
});
