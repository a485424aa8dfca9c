import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ForecastResultView, ForecastView } from '../../../src/shared/protocol';
import { fmtEta, forecastLines, reachLine, offeredSpec } from '../../../webview/forecastText';

test('ETA in hours and minutes (days past 48 h)', () => {
  assert.equal(fmtEta(59 * 60 + 20), '59 min');
  assert.equal(fmtEta(3 * 3600 + 5 * 60), '3 h 05 min');
  assert.equal(fmtEta(50 * 3600), '2 d 2 h');
  assert.equal(fmtEta(-5), '0 min');
});

test('reaches: ahead with an ETA, already reached, never reached', () => {
  assert.equal(reachLine({ loss: 3.3, step: 40000, probability: 0.97, etaSteps: 4000, etaSeconds: 4000 * 1.2 }, 36000), 'reaches 3.3 at step 40,000 (in 4,000 steps, ≈ 1 h 20 min); P(final < 3.3) = 97%');
  assert.equal(reachLine({ loss: 3.3, step: 40000, probability: 0.5, etaSteps: 4000 }, 36000), 'reaches 3.3 at step 40,000 (in 4,000 steps); P(final < 3.3) = 50%');
  // a bound is not written as a value: "> 99%", never "= > 99%"
  assert.match(reachLine({ loss: 3.5, step: 1000, probability: 1 }, 36000), /^reached 3\.5 at step 1,000; P\(final < 3\.5\) > 99%$/);
  assert.match(reachLine({ loss: 2, step: null, probability: 0.001 }, 36000), /does not reach 2 by the end of the schedule; P\(final < 2\) < 1%$/);
});

test('forecast lines name the law and how it was fitted, the power law beside it, and the what-if', () => {
  const f: ForecastView = {
    curve: 'loss',
    spec: 'cosine:warmup=2160,total=72000,peak=0.0003,end=0.00003',
    prior: 'siblings',
    warnings: ['note'],
    result: {
      law: 'mpl',
      lawName: 'multi-power law',
      mode: 'prior',
      final: { step: 72000, y: 3.19, lo: 3.15, hi: 3.24 },
      powerLaw: { final: { step: 72000, y: 3.25, lo: 3.2, hi: 3.3 } },
      lastValue: { step: 36000, y: 3.31 },
      whatIf: { label: 'cool down now (step 36000), linear over 2000 steps', final: { step: 38000, y: 3.27, lo: 3.25, hi: 3.29 } },
      fittedTo: 36000,
    },
  };
  const out = forecastLines(f, 'loss');
  // steps with separators, as the trust line beneath writes them (walkthrough: 'fitted to step 14832' over 'step 3,312 → 14,768')
  assert.equal(out.head, 'loss at step 72,000 (end of schedule): ');
  // a run logged to the end of its schedule: the law's value there is no forecast
  const done = forecastLines({ ...f, result: { ...f.result!, lastValue: { step: 72000, y: 3.2 } } }, 'loss');
  assert.equal(done.head, "loss at step 72,000, the end of its schedule (reached; the law's value there): ");
  // logged to its last logging before the end (every 128 steps: 71,936 of 72,000): ended too, said so
  const nearly = forecastLines({ ...f, result: { ...f.result!, lastValue: { step: 71936, y: 3.2 } } }, 'loss');
  assert.equal(nearly.head, "loss at step 72,000, the end of its schedule (logged to step 71,936; the law's value there): ");
  // 1% short is still a forecast
  assert.equal(forecastLines({ ...f, result: { ...f.result!, lastValue: { step: 71280, y: 3.2 } } }, 'loss').head, 'loss at step 72,000 (end of schedule): ');
  assert.match(out.lines[0]!, /^multi-power law \(level refitted on this run, shape from siblings\) · fitted to step 36,000 · schedule cosine:/);
  // four significant digits, trailing zeros kept, so a band's edges line up with the value (3.200, not 3.2)
  assert.equal(out.lines[1], 'power law in steps: 3.250 [3.200, 3.300] · last value held: 3.310');
  assert.equal(out.lines[2], 'what if cool down now (step 36000), linear over 2000 steps: 3.270 [3.250, 3.290] at step 38000');
  assert.deepEqual(out.notes, ['note']);
  assert.deepEqual(forecastLines({ curve: 'loss', hint: 'h', warnings: [] }, 'loss').lines, []);
  assert.deepEqual(forecastLines({ curve: 'loss', warnings: [] }, 'loss').lines, ['Forecasting to the end of the schedule…']);
});

/** A forecast to step 24,000 of a run logged to `lastStep`, with `over` in its result. */
function view24k(lastStep: number, over: Partial<ForecastResultView>): ForecastView {
  return {
    curve: 'loss',
    spec: 'cosine:warmup=2160,total=24000,peak=0.0003,end=0.00003',
    warnings: [],
    result: {
      law: 'tissue',
      lawName: 'LR-annealing law',
      mode: 'prefix',
      final: { step: 24000, y: 3.3, lo: 3.25, hi: 3.35 },
      powerLaw: { final: { step: 24000, y: 3.55, lo: 2.51, hi: 5.01 } },
      lastValue: { step: lastStep, y: 3.68 },
      fittedTo: lastStep,
      ...over,
    },
  };
}

test('an undetermined end: no reach line (its chance is mostly the band\'s width); the power law still beside it', () => {
  const f = view24k(2400, { final: { step: 24000, y: 0.39, lo: 0.034, hi: 4.4 }, undetermined: true, reaches: { loss: 3.3, step: 5000, probability: 0.6 } });
  const out = forecastLines(f, 'loss');
  assert.ok(!out.lines.some((l) => /P\(final/.test(l)), out.lines.join(' | '));
  assert.ok(out.lines.some((l) => /^power law in steps: 3\.55/.test(l)));
  const { reaches: _, undetermined: __, ...determined } = f.result!;
  assert.ok(forecastLines({ ...f, result: { ...determined, reaches: f.result!.reaches } }, 'loss').lines.some((l) => /P\(final < 3\.3\)/.test(l)));
});

test("the schedule field follows the logged LR's newest offer while it holds ours, never the user's text or a set spec", () => {
  const a = 'cosine:warmup=2000,total=4000,peak=0.0006,end=0.0005';
  const b = 'cosine:warmup=2000,total=60000,peak=0.0006,end=0.00006';
  assert.equal(offeredSpec('', undefined, { suggestedSpec: a }), a, 'an empty field takes the offer');
  assert.equal(offeredSpec(a, a, { suggestedSpec: b }), b, 'the log grew: our older offer is replaced');
  assert.equal(offeredSpec(a, a, {}), '', 'no offer any more (a rewritten log): our text goes');
  assert.equal(offeredSpec('wsd:my own', a, { suggestedSpec: b }), undefined, "the user's text stays");
  assert.equal(offeredSpec(a, a, { suggestedSpec: a }), undefined, 'the same offer: nothing to do');
  assert.equal(offeredSpec('', a, { spec: b, suggestedSpec: b }), undefined, 'a set spec is the field');
});

test("the own-history line follows the forecast's lines: the miss with its sign and reach, or why there is none; none at the end of the schedule", () => {
  const f = view24k(12000, { ownHistory: { askedReach: 2, fromStep: 6000, toStep: 11936, reach: 1.99, missedBy: 0.0061, beforeDecay: true } });
  const lines = forecastLines(f, 'loss').lines;
  assert.equal(lines[2], "On this run's own history, a forecast from 50% of the logged steps (step 6,000 → 11,936, a 2× reach, as asked) missed the last logged loss by +0.6%, before any decay: the error of the decay still ahead is not in it.");
  const why = forecastLines({ ...f, result: { ...f.result!, ownHistory: { askedReach: 4, why: 'too short a log' } } }, 'loss').lines;
  assert.equal(why[2], "On this run's own history: no back-test of the forecast (too short a log).");
  const ended = forecastLines({ ...f, result: { ...f.result!, lastValue: { step: 24000, y: 3.3 } } }, 'loss').lines;
  assert.ok(!ended.some((l) => l.includes('own history')));
});
