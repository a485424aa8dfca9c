// A run's learning rate from its log and/or schedule: validation messages, step changes kept
// sharp, evaluation steps as knots, disagreement between the log and the schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanLrLog, compareLrWithSchedule, runLr, scheduleFromSpec, withCooldown } from '../../../src/core/schedule/index';
import { etaAt, knotIndex } from '../../../src/core/schedule/grid';
import { rows, schedule } from './lrData';

test('bad LR logs: η ≤ 0, restarts, conflicting repeats are one-line errors; NaN points are dropped with a warning', () => {
  assert.throws(() => cleanLrLog({ steps: [10, 20, 30], lr: [1e-3, 0, 1e-3] }), /learning rate 0 at step 20; .*η > 0/);
  assert.throws(() => cleanLrLog({ steps: [10, 20, 30], lr: [1e-3, -1e-3, 1e-3] }), /learning rate -0.001 at step 20/);
  assert.throws(() => cleanLrLog({ steps: [10, 20, 5, 15], lr: [1, 1, 1, 1] }), /step goes back from 20 to 5 \(a restarted or resumed run\?\)/);
  assert.throws(() => cleanLrLog({ steps: [10, 20, 20], lr: [1, 1, 2] }), /step 20 is logged twice with different learning rates/);
  assert.throws(() => cleanLrLog({ steps: [10], lr: [1] }), /fewer than two usable/);
  const c = cleanLrLog({ steps: [0, 10, 20, NaN, 40], lr: [0, 1e-3, NaN, 1e-3, 1e-3] });
  assert.deepEqual(c.steps, [0, 10, 40]);
  assert.match(c.warnings[0], /skipped 2 learning-rate points that are not numbers/);
  // one point is said in the singular (was "1 learning-rate point that are not numbers")
  const one = cleanLrLog({ steps: [10, 20, 30], lr: [1e-3, NaN, 1e-3] });
  assert.match(one.warnings[0], /skipped 1 learning-rate point that is not a number$/);
});

test('a run longer than its schedule, or evaluated past its last known η, is refused with the reason', () => {
  const log = cleanLrLog({ steps: [100, 200, 300], lr: [1e-3, 1e-3, 1e-3] });
  const short = scheduleFromSpec('constant:warmup=10,total=250,peak=1e-3');
  assert.throws(() => runLr({ evalSteps: [100, 200, 300], log, schedule: short }), /runs to step 300, past the end of the schedule \(250\)/);
  assert.throws(() => runLr({ evalSteps: [100, 400], log }), /step 400 is past the last logged learning rate \(300\): give a schedule/);
  assert.throws(() => runLr({ evalSteps: [100, 400], schedule: short }), /past the end of the schedule \(250\): the run is longer than the schedule says/);
  assert.throws(() => runLr({ evalSteps: [1] }), /no learning rate/);
  // a row exactly at the schedule's total is part of the run
  const atEnd = runLr({ evalSteps: [100, 200, 250], schedule: short });
  assert.ok(knotIndex(atEnd.grid, 250) >= 0);
});

test('two-stage logs: the drop stays a one-step change just before the logged point, as in the schedule', () => {
  const r = rows('25M', 'wsdcon_9');
  const { grid } = runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) });
  assert.ok(Math.abs(etaAt(grid, 7999) - 3e-4) < 1e-15);
  assert.ok(Math.abs(etaAt(grid, 8000) - 9e-5) < 1e-15);
  assert.ok(Math.abs(etaAt(grid, 7990) - 3e-4) < 1e-15);
  // cosine logs are not mistaken for step changes: η between logged points is interpolated
  const c = rows('25M', 'cosine_24000');
  const cg = runLr({ evalSteps: c.steps, log: cleanLrLog({ steps: c.steps, lr: c.lr }) }).grid;
  const mid = (c.steps[50] + c.steps[51]) / 2;
  assert.ok(Math.abs(etaAt(cg, mid) - schedule('cosine_24000').lrAt(mid)) < 1e-3 * c.lr[50]);
});

test('a logged LR that disagrees with the schedule is reported with where and by how much', () => {
  const r = rows('25M', 'cosine_24000');
  const log = cleanLrLog({ steps: r.steps, lr: r.lr });
  assert.equal(compareLrWithSchedule(log, schedule('cosine_24000')).message, undefined);
  const d = compareLrWithSchedule(log, scheduleFromSpec('cosine:warmup=2160,total=24000,peak=3e-4,end=0'));
  assert.ok(d.disagreeing > 0 && d.disagreeing < d.points);
  assert.match(d.message!, /disagrees with the schedule at \d+ of 171 points \(up to \d+\.\d% at step 23920/);
});

test('a logged LR where the schedule is 0 (the first warmup step) is named without a percentage, and only when nothing else disagrees', () => {
  const sch = scheduleFromSpec('cosine:warmup=200,total=10000,peak=3e-4,end=3e-5');
  const steps = Array.from({ length: 101 }, (_, i) => i * 100);
  const exact = steps.map((s) => sch.lrAt(s));
  const first = compareLrWithSchedule(cleanLrLog({ steps, lr: exact.map((v, i) => (i === 0 ? 1.5e-6 : v)) }), sch);
  assert.equal(first.message, 'the logged learning rate disagrees with the schedule at 1 of 101 points (at step 0: logged 1.5e-6, schedule 0)');
  const both = compareLrWithSchedule(cleanLrLog({ steps, lr: exact.map((v, i) => (i === 0 ? 1.5e-6 : i === 50 ? v * 1.2 : v)) }), sch);
  assert.match(both.message!, /at 2 of 101 points \(up to 20\.0% at step 5000:/);
});

test('past the logged LR, the forecast steps take η from the schedule itself, not a straight line between its breakpoints', () => {
  // a cosine run logged to 30% (as data/lr-schedules' cosine_72000 cut at step 22,896)
  const cosine = scheduleFromSpec('cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5');
  const logged = Array.from({ length: 163 }, (_, i) => 2160 + 128 * i);
  const log = cleanLrLog({ steps: logged, lr: logged.map((s) => cosine.lrAt(s)) });
  const future = [30000, 50000, 60000];
  const g = runLr({ evalSteps: [...logged, ...future], log, schedule: cosine }).grid;
  // a straight line from the last logged η to the end gave 1.265e-4 at step 50,000 for the cosine's 9.09e-5
  for (const s of future) assert.ok(Math.abs(etaAt(g, s) / cosine.lrAt(s) - 1) < 1e-9, `step ${s}: ${etaAt(g, s)} vs ${cosine.lrAt(s)}`);
  // a what-if exp cooldown is an exp cooldown, not a linear one
  const constant = scheduleFromSpec('constant:warmup=2160,total=24000,peak=3e-4');
  const flat = logged.filter((s) => s <= 15104);
  const flatLog = cleanLrLog({ steps: flat, lr: flat.map(() => 3e-4) });
  const exp = withCooldown(constant, { at: 20000, shape: 'exp', over: 4000 });
  const ge = runLr({ evalSteps: [...flat, 21000, 22000, 23000], log: flatLog, schedule: exp }).grid;
  for (const s of [21000, 22000, 23000]) assert.ok(Math.abs(etaAt(ge, s) / exp.lrAt(s) - 1) < 1e-9, `step ${s}: ${etaAt(ge, s)} vs ${exp.lrAt(s)}`);
});
