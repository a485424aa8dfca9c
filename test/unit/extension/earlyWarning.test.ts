// The early-warning state machine: one notification per drop, no re-notify on jitter around the
// threshold, re-armed only after a real recovery or a changed question.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ForecastReachView, ForecastView } from '../../../src/shared/protocol';
import { reachLine } from '../../../webview/forecastText';
import { HYSTERESIS, INITIAL_WARNING, probabilityText, stepWarning, warningMessage, type WarningState } from '../../../src/extension/live/earlyWarning';

/** Feeds probabilities in order; returns the indices that notified. */
function run(ps: readonly number[], threshold = 0.2, keys?: readonly string[]): { notified: number[]; state: WarningState } {
  let state = INITIAL_WARNING;
  const notified: number[] = [];
  ps.forEach((p, i) => {
    const r = stepWarning(state, p, threshold, keys?.[i] ?? 'target 3.2');
    state = r.state;
    if (r.notify) notified.push(i);
  });
  return { notified, state };
}

test('a first drop under the threshold notifies once, and staying low stays quiet', () => {
  const r = run([0.7, 0.5, 0.3, 0.15, 0.1, 0.05, 0.12]);
  assert.deepEqual(r.notified, [3]);
  assert.equal(r.state.armed, false);
});

test('above the threshold nothing notifies; starting below it notifies at once', () => {
  assert.deepEqual(run([0.9, 0.6, 0.21, 0.2]).notified, []);
  assert.deepEqual(run([0.05, 0.04]).notified, [0]);
});

test('jitter around the threshold (within the hysteresis) does not re-notify', () => {
  const jitter = [0.19, 0.21, 0.18, 0.25, 0.195, 0.29, 0.15, 0.3, 0.19];
  assert.ok(jitter.every((p) => p <= 0.2 + HYSTERESIS));
  assert.deepEqual(run([0.5, ...jitter]).notified, [1]);
});

test('after recovering above threshold + hysteresis a new drop notifies again', () => {
  const r = run([0.5, 0.1, 0.25, 0.31, 0.25, 0.19, 0.1]);
  assert.deepEqual(r.notified, [1, 5]);
  // recovering exactly to threshold + hysteresis is not enough
  assert.deepEqual(run([0.5, 0.1, 0.3, 0.1]).notified, [1]);
});

test('a new target (or schedule) re-arms at once: still low notifies again, for the new question', () => {
  const keys = ['t=3.2', 't=3.2', 't=3.2', 't=3.1', 't=3.1', 'cosine', 'cosine'];
  const r = run([0.5, 0.1, 0.1, 0.08, 0.05, 0.6, 0.1], 0.2, keys);
  assert.deepEqual(r.notified, [1, 3, 6]);
});

test('a probability that is not a number changes nothing', () => {
  const r = run([0.5, NaN, 0.1, NaN, 0.05]);
  assert.deepEqual(r.notified, [2]);
});

test('status text and message', () => {
  assert.equal(probabilityText(3.2, 0.641), 'P(end < 3.2) 64%');
  assert.equal(probabilityText(3.2, 0.001), 'P(end < 3.2) < 1%');
  assert.equal(probabilityText(3.2, 0.999), 'P(end < 3.2) > 99%');
  // walkthrough: the status bar read 100% (and 0%) beside the panel's > 99% (< 1%), and >99% beside its 99%
  assert.equal(probabilityText(3.2, 1), 'P(end < 3.2) > 99%');
  assert.equal(probabilityText(3.2, 0), 'P(end < 3.2) < 1%');
  assert.equal(probabilityText(3.2, 0.993), 'P(end < 3.2) 99%');
  assert.equal(probabilityText(3.2, 0.007), 'P(end < 3.2) 1%');
  for (const p of [0, 0.004, 0.007, 0.012, 0.5, 0.989, 0.993, 0.995, 0.999, 1]) {
    const panel = reachLine({ loss: 3.2, step: null, probability: p }, 1000).replace(/.*P\(final < 3\.2\) (= )?/, '');
    assert.equal(probabilityText(3.2, p).replace('P(end < 3.2) ', ''), panel, `P = ${p}: the status bar and the Forecast block`);
  }
  // the target as precise as the forecast beside it ("→ 3.187 at end"): constant_72000's 3.258, not 3.26
  assert.equal(probabilityText(3.2576, 0.93), 'P(end < 3.258) 93%');
  const m = warningMessage('run.csv', 3.2, 0.12, 0.2, 'cosine_24000.csv');
  assert.match(m, /run\.csv .*cosine_24000\.csv \(3\.2\).*12%.*20%/);
  assert.ok(!m.includes('\n'));
  assert.match(m, /— P = 12%, under/);
  // a bound as a bound: "P < 1%", never "P = < 1%"
  assert.match(warningMessage('run.csv', 3.2, 0.001, 0.2), /— P < 1%, under/);
});

test('the facts read from a panel forecast: the question is target + schedule, a stale result does not count', async () => {
  const { warningFacts } = await import('../../../src/extension/live/earlyWarning');
  const pt = { step: 72000, y: 3.19, lo: 3.18, hi: 3.2 };
  const view = (over: Partial<ForecastView>, reaches: ForecastReachView | null = { loss: 3.2, step: 70000, probability: 0.64 }): ForecastView => ({
    curve: 'loss',
    spec: 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5',
    warnings: [],
    result: { law: 'mpl' as const, lawName: 'multi-power law', mode: 'prior' as const, final: pt, powerLaw: { final: pt }, lastValue: { step: 36000, y: 3.28 }, fittedTo: 36000, ...(reaches ? { reaches } : {}) },
    ...over,
  });
  const f = warningFacts(view({}))!;
  assert.equal(f.text, 'P(end < 3.2) 64%');
  assert.equal(f.counts, true);
  assert.equal(warningFacts(view({ stale: true }))!.counts, false);
  assert.equal(warningFacts(view({ prior: 'other siblings' }))!.key, f.key, 'a new prior asks the same question');
  assert.notEqual(warningFacts(view({ spec: 'cosine:warmup=2160,total=60000,peak=3e-4,end=3e-5' }))!.key, f.key);
  assert.notEqual(warningFacts(view({}, { loss: 3.1, step: null, probability: 0.1 }))!.key, f.key);
  assert.equal(warningFacts(view({}, null)), undefined);
  assert.equal(warningFacts(undefined), undefined);
  const undetermined = view({});
  assert.equal(warningFacts({ ...undetermined, result: { ...undetermined.result!, undetermined: true } }), undefined, 'an undetermined end warns of nothing');
  // a run logged to step 71,920 of 72,000 has ended: its final loss is logged, no probability of it
  assert.equal(warningFacts({ ...undetermined, result: { ...undetermined.result!, lastValue: { step: 71920, y: 3.2 } } }), undefined);
  assert.ok(warningFacts({ ...undetermined, result: { ...undetermined.result!, lastValue: { step: 71000, y: 3.2 } } }), 'at 98.6% of its steps it has not');
  assert.equal(f.finalStep, 72000);
  const { probabilityTooltip } = await import('../../../src/extension/live/earlyWarning');
  // 'step 72K', as the tooltip's paragraph beneath has it ('to its planned end, step 72K'), not 'step 72000' (walkthrough)
  assert.match(probabilityTooltip(3.2, 0.64, 72000, 0.2, 'cosine_24000'), /^P\(end < 3\.2\) 64%: .*end of its schedule \(step 72K\) is below 3\.2, the final loss of cosine_24000\. .*under 20%/);
});
