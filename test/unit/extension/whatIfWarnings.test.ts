// The panel's warnings carry the what-if forecast's own ones: a constant-LR run has no decay of its
// own to warn about, but a what-if cooldown on it assumes a typical decay gain (and its shape's
// effect) that the run has not shown, and the panel says so. Data: data/lr-schedules (Luo et al.).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runForecastJob } from '../../../src/extension/forecastJob';
import { ForecastState, type ForecastContext } from '../../../src/extension/model/forecastState';
import { forecastView } from '../../../src/extension/model/forecastView';
import { rows, SPECS } from '../schedule/lrData';

test('a what-if cooldown on a constant-LR run without a prior: the view warns that its decay gain and its shape’s effect are assumed', async () => {
  const r = rows('25M', 'constant_24000');
  const k = Math.floor(r.steps.length * 0.6);
  const steps = Float64Array.from(r.steps.slice(0, k));
  const state = new ForecastState(async (data, options) => runForecastJob(data, options));
  state.setSchedule(SPECS.constant_24000);
  const ctx: ForecastContext = {
    input: { curveId: 'c', curveLabel: 'loss', steps, loss: Float64Array.from(r.loss.slice(0, k)), lastStep: steps[k - 1]!, lastLoss: r.loss[k - 1]!, signature: 's', lr: { key: 'lr', steps, lr: Float64Array.from(r.lr.slice(0, k)) } },
    bootstrap: 5,
  };
  await state.refit(ctx);
  const plain = forecastView(state, ctx)!;
  assert.ok(plain.result, 'a forecast');
  assert.ok(!plain.warnings.some((w) => /annealing gain/.test(w)), 'a constant schedule has no decay ahead to assume a gain for');

  state.setWhatIf({ at: 20000, over: 4000, shape: 'exp' });
  await state.refit(ctx);
  const view = forecastView(state, ctx)!;
  assert.ok(view.result?.whatIf, 'a what-if forecast');
  const assumed = view.warnings.filter((w) => /^what-if: the logged part has too little learning-rate decay/.test(w));
  assert.equal(assumed.length, 1, view.warnings.join(' | '));
  assert.match(assumed[0]!, /a typical one is assumed \(4\.2% of the loss for a full decay\)/);
  assert.match(assumed[0]!, /how much the decay's shape changes it is the law's assumption too/);
  // what both forecasts warn of is said once, unprefixed
  assert.ok(!view.warnings.some((w) => w.startsWith('what-if: ') && view.warnings.includes(w.slice('what-if: '.length))));
});
