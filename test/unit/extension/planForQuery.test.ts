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
