// The early warning in the panel: the forecast view flags P(final < target) under the
// scalingLens.warnBelowProbability threshold, and the Forecast block says so in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScheduleForecast } from '../../../src/core/schedule/index';
import { ForecastState, type ForecastContext } from '../../../src/extension/model/forecastState';
import { forecastView } from '../../../src/extension/model/forecastView';
import { forecastLines } from '../../../webview/forecastText';

function forecastWith(probability: number): ScheduleForecast {
  const pt = { step: 72000, y: 3.19, lo: 3.17, hi: 3.21 };
  return { law: 'mpl', mode: 'prior', params: {}, free: [], final: pt, reaches: { loss: 3.1, step: null, probability }, curve: [pt], powerLaw: { final: pt, params: { E: 3, A: 1, a: 0.5 } }, lastValue: { final: { step: 36000, y: 3.28 } }, warnings: [] };
}

async function viewAt(probability: number, warnBelow: number | undefined) {
  const state = new ForecastState(async () => ({ base: forecastWith(probability), seconds: 0.01 }));
  state.setSchedule('cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5');
  state.setTargetLoss(3.1);
  const steps = Float64Array.from({ length: 20 }, (_, i) => (i + 1) * 1800);
  const ctx: ForecastContext = {
    input: { curveId: 'c', curveLabel: 'loss', steps, loss: steps.map((s) => 3 + 100 / s), lastStep: 36000, lastLoss: 3 + 100 / 36000, signature: 's' },
    bootstrap: 0,
    ...(warnBelow !== undefined ? { warnBelow } : {}),
  };
  await state.refit(ctx);
  return forecastView(state, ctx)!;
}

test('the view flags a probability under the threshold, not one above it or without a threshold', async () => {
  const low = await viewAt(0.08, 0.2);
  assert.deepEqual(low.warning, { probability: 0.08, threshold: 0.2 });
  assert.equal((await viewAt(0.5, 0.2)).warning, undefined);
  assert.equal((await viewAt(0.08, undefined)).warning, undefined);
  const out = forecastLines(low, 'loss');
  assert.equal(out.notes[0], 'Early warning: this run is unlikely to end below 3.1 (P = 8%, under the 20% threshold of scalingLens.warnBelowProbability).');
  assert.ok(!forecastLines(await viewAt(0.5, 0.2), 'loss').notes.some((n) => n.startsWith('Early warning')));
  // a bound as a bound: "P < 1%", never "P = < 1%" (seen with a reference run far below the forecast)
  assert.match(forecastLines(await viewAt(0.001, 0.2), 'loss').notes[0]!, /\(P < 1%, under the 20% threshold/);
});

test('a reference run\'s final loss as the panel target: named in the view, the reach line and the saved state', async () => {
  const { panelStateOf } = await import('../../../src/shared/protocol');
  const state = new ForecastState(async () => ({ base: forecastWith(0.5), seconds: 0.01 }));
  state.setSchedule('cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5');
  state.setTargetLoss(3.1, 'cosine_24000');
  const steps = Float64Array.from({ length: 20 }, (_, i) => (i + 1) * 1800);
  const ctx: ForecastContext = { input: { curveId: 'c', curveLabel: 'loss', steps, loss: steps.map((s) => 3 + 100 / s), lastStep: 36000, lastLoss: 3 + 100 / 36000, signature: 's' }, bootstrap: 0 };
  await state.refit(ctx);
  const view = forecastView(state, ctx)!;
  assert.deepEqual(view.target, { loss: 3.1, from: 'cosine_24000' });
  assert.match(forecastLines(view, 'loss').lines.join('\n'), /P\(final < 3\.1\) = 50% \(the final loss of cosine_24000\)/);
  const saved = panelStateOf({ title: 't', source: '/w/a.csv', curves: [], selected: [], tables: [], targetText: '10x', warnings: [], forecast: view });
  assert.deepEqual(saved.targetLoss, { loss: 3.1, from: 'cosine_24000' });
  // back to the setting: no panel target, nothing named or saved
  state.setTargetLoss(undefined);
  assert.equal(state.targetFrom, undefined);
  assert.equal(forecastView(state, ctx)!.target, undefined);
});

test('a perplexity\'s Forecast block says the loss in nats its final value means; a loss\'s does not', async () => {
  const view = await viewAt(0.5, undefined);
  assert.equal(forecastLines(view, 'val_ppl').lines[1], 'as a loss: a loss of ln 3.19 = 1.16 nats (1.154–1.166)');
  assert.ok(!forecastLines(view, 'loss').lines.some((l) => l.startsWith('as a loss')));
});
