// A validation loss logged every few hundred steps has few losses in a short decay: a two-stage
// run's drop is half the decay ahead within a few hundred steps (forecast.ts MEASURED_DECAY), and an
// eval every 500 steps has logged one loss in it by then. That one loss fitted the decay's gain
// exactly, and the forecast carried it to the end 2.5% low, outside its band; the gain is used once
// two are logged (MIN_DECAY_LOSSES), the typical one assumed before (bench/scheduleSparseVal.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastRun, type ForecastRequest } from '../../../src/core/schedule/index';
import { medianInPlace } from '../../../src/core/arrayStats';
import { evalSeries } from '../../../bench/sparseEvalSeries';
import { rows, schedule } from './lrData';

const run = rows('25M', 'wsdcon_9');
const end = medianInPlace(Float64Array.from(run.loss.filter((_, i) => run.steps[i]! >= 0.99 * run.steps.at(-1)!)));
// the eval every 500 steps, without noise: the logged loss read there
const evals = evalSeries(run, 500, 0, 1);
const upTo = (last: number, calibration: Pick<ForecastRequest, 'decayLosses'> = {}) => {
  const k = evals.steps.filter((s) => s <= last).length;
  return forecastRun({ steps: evals.steps.slice(0, k), loss: evals.loss.slice(0, k), schedule: schedule('wsdcon_9'), bootstrap: 50, ...calibration });
};

test('25M wsdcon_9 evaluated every 500 steps, to 8,500 (one eval past the switch at 8,000): the typical gain, said why; the end within 1.5% and in the band', () => {
  const fc = upTo(8800);
  assert.equal(fc.annealing?.measured, false);
  assert.deepEqual(fc.free, ['L0', 'A', 'alpha']);
  assert.ok(Math.abs(fc.final.y / end - 1) < 0.015, `forecast ${fc.final.y} vs end ${end}`);
  assert.ok(fc.final.lo <= end && end <= fc.final.hi, `band ${fc.final.lo}–${fc.final.hi} vs end ${end}`);
  assert.ok(fc.warnings.some((w) => /^the annealing gain fitted on the logged part \(6\.7% of the loss for a full decay\) rests on one loss logged in the decay: one loss fits a gain exactly, whatever its noise, so a typical one is assumed \(4\.2%\) until 2 are logged/.test(w)), fc.warnings.join(' | '));
  // the one-loss gain, as it was used: 2.5% low, its band short of the end
  const lone = upTo(8800, { decayLosses: 1 });
  assert.equal(lone.annealing?.measured, true);
  assert.ok(lone.final.y / end - 1 < -0.02 && lone.final.hi < end, `one-loss forecast ${lone.final.y} [${lone.final.lo}, ${lone.final.hi}] vs end ${end}`);
});

test('the same evals to 9,000 (two past the switch): its own gain is used', () => {
  const fc = upTo(9000);
  assert.equal(fc.annealing?.measured, true);
  assert.ok(fc.free.includes('C'));
  assert.ok(!fc.warnings.some((w) => /logged in the decay/.test(w)));
});
