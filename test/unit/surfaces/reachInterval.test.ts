// "Compute to reach loss 2.1?" from a sweep: the interval is on the compute, the answer (each
// refit's own least compute to reach the loss, and its N and D), not on the loss, which is the one
// asked. The Plan showed "2.100 [2.078, 2.124]" and no interval on the compute; the CLI none at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeForLoss } from '../../../src/core/allocation';
import type { ChinchillaParams } from '../../../src/core/laws/chinchilla';
import { PRESETS } from '../../../src/core/presets';
import { reachInterval } from '../../../src/core/reachInterval';
import { parsePlanQuery } from '../../../src/core/units';
import { planForQuery } from '../../../src/extension/model/planForQuery';
import { planSummary } from '../../../src/extension/model/plan';
import type { PlanSurface } from '../../../src/extension/model/sweepPlan';
import { allocateText } from '../../../src/cli/commands/allocateText';

const p = PRESETS.chinchilla!.params;
// 41 refits whose E runs from E − 0.1 to E + 0.1: the compute to reach a loss rises with E
const draws: ChinchillaParams[] = Array.from({ length: 41 }, (_, k) => ({ ...p, E: p.E - 0.1 + k * 0.005 }));

test('the interval on the compute to reach a loss is the refits\' own answers, ordered by their E', () => {
  const r = reachInterval(draws, 2.1, 0.95, p)!;
  const own = draws.map((d) => computeForLoss(d, 2.1).flops).sort((a, b) => a - b);
  // 41 values: the 2.5% and 97.5% quantiles fall at positions 1 and 39
  assert.ok(Math.abs(r.flops.lo / own[1]! - 1) < 1e-9 && Math.abs(r.flops.hi / own[39]! - 1) < 1e-9, `${r.flops.lo} ${r.flops.hi}`);
  const at = computeForLoss(p, 2.1);
  assert.ok(r.flops.lo < at.flops && at.flops < r.flops.hi);
  assert.ok(r.N.lo < at.N && at.N < r.N.hi && r.D.lo < at.D && at.D < r.D.hi);
  assert.equal(r.unreached, 0);
});

test('refits that never reach the loss (E above it) leave the compute without an upper bound, said, not dropped', () => {
  // the loss 1.75 is at or below E for the refits with E ≥ 1.75: 9 of 41, past the 2.5% tail
  const r = reachInterval(draws, 1.75, 0.95, p)!;
  assert.equal(r.unreached, draws.filter((d) => d.E >= 1.75).length);
  assert.equal(r.flops.hi, Infinity);
  assert.ok(Number.isFinite(r.flops.lo));
});

test('the Plan\'s row for a loss to reach holds the compute\'s interval and none on the loss; with too many unreached refits, a note', () => {
  const surface: PlanSurface = { params: p, id: 'sweep.csv', label: 'fitted on sweep.csv', draws, level: 0.95, intervals: (budgets) => budgets.map(() => ({ N: [1, 2e12], D: [1, 2e14], loss: [1, 10] })) };
  const plan = planForQuery(surface, parsePlanQuery('compute to reach loss 2.1'));
  const iv = plan.budget.intervals!;
  assert.ok(iv.flops, 'an interval on the compute');
  assert.ok(iv.flops[0] < plan.budget.flops && plan.budget.flops < iv.flops[1]);
  assert.equal(iv.loss, undefined, 'the loss asked has no interval');
  // and the notification says it with the compute
  assert.match(planSummary(plan), /^Scaling Lens: to reach loss 2\.100 takes 1\.26e22 FLOPs \[\d\.\d+e21, \d\.\d+e22\]: train N/);
  // a budget asked for keeps its intervals on N, D and L*
  assert.ok(planForQuery(surface, parsePlanQuery('1e23')).budget.intervals?.loss);
  const far = planForQuery(surface, parsePlanQuery('loss 1.75'));
  assert.equal(far.budget.intervals, undefined);
  assert.ok(far.notes?.some((n) => /9 of 41 bootstrap refits put the irreducible loss E at or above 1\.750.*no upper bound/.test(n)), String(far.notes));
});

test('allocate --loss prints the same interval on the compute, N and D', () => {
  const forLoss = { ...computeForLoss(p, 2.1), targetLoss: 2.1 };
  const r = reachInterval(draws, 2.1, 0.95, p)!;
  const { answer } = allocateText({ source: 's', surface: p, allocations: [], forLoss, forLossInterval: r, level: 0.95 }, { params: p, label: 's' }, [forLoss.flops], 0.95, false);
  assert.match(answer, /to reach loss 2\.1: \S+ FLOPs \[\S+, \S+\], N \S+ \[\S+, \S+\], D \S+ \[\S+, \S+\] .*\(95% intervals from 41 bootstrap refits\)/);
});

test('the panel writes the compute\'s interval under the compute, and the loss asked bare', async () => {
  const { FakeNode, useFakeDom } = await import('../webview/fakeDom');
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const surface: PlanSurface = { params: p, id: 'sweep.csv', label: 'fitted on sweep.csv', draws, level: 0.95, intervals: (budgets) => budgets.map(() => ({ N: [1, 2e12], D: [1, 2e14], loss: [1, 10] })) };
  const plan = planForQuery(surface, parsePlanQuery('compute to reach loss 2.1'));
  const root = new FakeNode('section');
  renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
  const cells = root.cells().map((x) => x.textContent);
  // the budget row: "1.26e22[3.25e21, 7.04e22]" under the compute, "2.100" alone under the loss
  assert.match(cells[0]!, /^1\.26e22\[\d\.\d+e21, \d\.\d+e22\]$/);
  assert.equal(cells[4], '2.100');
});
