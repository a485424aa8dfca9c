// Per-step logs of many thousand losses: the forecast reads them all (no call-stack overflow past
// ~125k points) and fits them as averages of consecutive steps, with the answer of the raw points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastRun, runLr, scheduleFromSpec, parseSchedule } from '../../../src/core/schedule/index';
import { MAX_FORECAST_POINTS } from '../../../src/core/schedule/forecast';
import { mulberry32 } from '../../../src/core/random';

const schedule = scheduleFromSpec(parseSchedule('cosine:warmup=500,total=40000,peak=3e-4,end=3e-5'));

function noisyLog(n: number, every: number): { steps: number[]; loss: number[] } {
  const rnd = mulberry32(7);
  const steps = Array.from({ length: n }, (_, i) => (i + 1) * every);
  return { steps, loss: steps.map((s) => (2 + 25 * Math.pow(s, -0.35)) * (1 + 0.01 * (rnd() - 0.5))) };
}

test('the LR of 200,000 evaluation steps is read without overflowing the call stack', () => {
  const evalSteps = Array.from({ length: 200_000 }, (_, i) => i + 1);
  const lr = runLr({ evalSteps, schedule: scheduleFromSpec(parseSchedule('constant:warmup=2000,total=600000,peak=3e-4')) });
  assert.ok(lr.grid.eta.length > 0);
});

test(`a log of more losses than ${MAX_FORECAST_POINTS} is fitted as averages of consecutive steps, forecasting what every ${MAX_FORECAST_POINTS}th-step subsample does, and says so`, () => {
  const log = noisyLog(5000, 4);
  const all = forecastRun({ ...log, schedule, bootstrap: 0 });
  // the 124 losses before the warmup's end (step 500) are left out of the fit
  assert.ok(all.warnings.includes('fitted the 4876 logged losses as 976 averages of 5 consecutive steps'), all.warnings.join(' | '));
  const every5th = { steps: log.steps.filter((_, i) => i % 5 === 2), loss: log.loss.filter((_, i) => i % 5 === 2) };
  const thin = forecastRun({ ...every5th, schedule, bootstrap: 0 });
  assert.ok(!thin.warnings.some((w) => /averages of/.test(w)));
  assert.ok(Math.abs(all.final.y / thin.final.y - 1) < 0.005, `${all.final.y} vs ${thin.final.y}`);
  assert.equal(all.lastValue.final.y, log.loss[log.loss.length - 1], 'the last value is the last logged loss, not an average');
});
