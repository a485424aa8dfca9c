// A log written from step 1 holds the LR warmup, where the loss falls from ~ln(vocabulary) at the
// ramp's pace. Fitted with the rest, it bent the LR-annealing law: a constant-LR run forecast from a
// quarter of its steps ended at 1.75 [0.24, 12.6] against a true 2.54. The forecast now leaves the
// warmup out, as fit does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastRun, parseSchedule, scheduleFromSpec } from '../../../src/core/schedule/index';
import { mulberry32, normal } from '../../../src/core/random';

const W = 200;
const T = 8000;
const spec = parseSchedule(`constant:warmup=${W},total=${T},peak=3e-4`);
const lrAt = (s: number): number => (s < W ? (3e-4 * s) / W : 3e-4);

/** Loss of a constant-LR run: a power law in the cumulative LR, from ~10.5 at step 1. */
function run(upTo: number): { steps: number[]; loss: number[]; lr: number[]; truth: (s: number) => number } {
  const gauss = normal(mulberry32(5));
  let cum = 0;
  const cumAt: number[] = [0];
  for (let s = 1; s <= T; s++) cumAt.push((cum += lrAt(s) / 3e-4));
  const truth = (s: number): number => 2.2 + 0.6 * Math.pow(cumAt[s]! + 1, -0.45) * 30;
  const steps = Array.from({ length: upTo }, (_, i) => i + 1);
  return { steps, loss: steps.map((s) => truth(s) * Math.exp(0.01 * gauss())), lr: steps.map(lrAt), truth };
}

test('the forecast leaves the losses of the LR warmup out of its fit and says so; the schedule states where it ends', () => {
  const r = run(T / 4);
  const fc = forecastRun({ steps: r.steps, loss: r.loss, schedule: scheduleFromSpec(spec), bootstrap: 50 });
  assert.ok(fc.warnings.some((w) => /^left the 199 losses logged before step 200 out of the forecast's fit: the learning rate's warmup \(the schedule's\)/.test(w)), fc.warnings.join(' | '));
  const truth = r.truth(T);
  assert.ok(Math.abs(fc.final.y / truth - 1) < 0.03, `final ${fc.final.y} vs truth ${truth}`);
  assert.ok(fc.final.lo <= truth && truth <= fc.final.hi, `[${fc.final.lo}, ${fc.final.hi}] covers ${truth}`);
  const kept = forecastRun({ steps: r.steps, loss: r.loss, schedule: scheduleFromSpec(spec), bootstrap: 50, keepWarmup: true });
  assert.ok(!kept.warnings.some((w) => /warmup/.test(w)));
  assert.ok(Math.abs(kept.final.y / truth - 1) > Math.abs(fc.final.y / truth - 1), `with the warmup fitted ${kept.final.y}, without ${fc.final.y}, truth ${truth}`);
});

test('without a schedule the logged LR says where the warmup ends; a warmup with fewer than 10 losses after it stays', () => {
  const r = run(T / 4);
  const fc = forecastRun({ steps: r.steps, loss: r.loss, lr: { steps: r.steps, lr: r.lr }, bootstrap: 0 });
  // within 0.5% of its peak the logged LR counts as at it (core/warmup.ts): step 199 of a 200-step ramp
  assert.ok(fc.warnings.some((w) => /^left the 198 losses logged before step 199 out of the forecast's fit: the learning rate's warmup \(the logged LR's\)/.test(w)), fc.warnings.join(' | '));
  // a log kept from step 120: 80 losses in the warmup, 6 after it
  const short = run(W + 5);
  const from = short.steps.indexOf(120);
  const early = forecastRun({ steps: short.steps.slice(from), loss: short.loss.slice(from), schedule: scheduleFromSpec(spec), bootstrap: 0 });
  assert.ok(early.warnings.includes("the learning rate's warmup ends at step 200, but only 6 logged losses follow it: the warmup stays in the forecast's fit until 10 do"), early.warnings.join(' | '));
});
