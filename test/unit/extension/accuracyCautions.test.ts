// The cautions under an accuracy fitted as its error (core/accuracyFit.ts) speak of the accuracy
// the panel shows: an error that turned up is an accuracy that has fallen, an error falling away
// below its fit an accuracy rising past it (its predictions likely too low, not too high), and a
// spike of the error a dip of the accuracy, a jump of its newest rows a fall. Said of the error as of a loss, they quoted error
// values under an accuracy's chart and pointed the wrong way. The trust line's miss, the error's
// back-test, names the error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';
import { trustText } from '../../../src/core/units';
import { describePrediction } from '../../../src/extension/model/predictionText';
import { validateToWebview } from '../../../src/shared/validate';
import { analysisAsAccuracy } from '../../../src/core/accuracyFit';
import { newestJumpNote } from '../../../src/core/newestJumpNote';
import type { NewestJump } from '../../../src/core/spikes';
import type { CurveAnalysis } from '../../../src/core/analysis';
import { liveStatusText, liveTooltip } from '../../../src/extension/live/statusText';

const tokens = Float64Array.from({ length: 60 }, (_, i) => (i + 1) * 1e8);
const errorAt = (t: number): number => 0.2 + 3 * Math.pow(t, -0.2);

async function panelOf(key: string, y: (t: number, i: number) => number) {
  const source: SourceData = { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key, split: 'val', x: { tokens }, y: Float64Array.from(tokens, y) }] }] };
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 0 })));
  session.setSource(source);
  await session.refit();
  return session.panelData();
}

// the error turns up over the last tenth (overfitting), with one gross spike of it early on
const turnedUp = (t: number, i: number): number => errorAt(t) * (i > 50 ? 1 + 0.012 * (i - 50) : 1) * (i === 20 ? 2.5 : 1);
// the error falls away below the law over the last points (a cooldown)
const cooled = (t: number, i: number): number => errorAt(t) * (i >= 54 ? 0.9 : 1);

test('an accuracy whose error turned up: the headline and the table say the accuracy has fallen, in its own values', async () => {
  const err = await panelOf('val_err', turnedUp);
  assert.match(err.prediction?.caution ?? '', /the loss has risen [\d.]+% since x ≈ [^(]+\(from 0\.2\d+ to 0\.2\d+\)/, 'the error, as a loss, says it as before');
  const acc = await panelOf('val_accuracy', (t, i) => 1 - turnedUp(t, i));
  const caution = acc.prediction?.caution ?? '';
  const warnings = acc.tables[0]!.warnings.join(' | ');
  for (const text of [caution, warnings]) {
    assert.doesNotMatch(text, /the loss has risen/);
    assert.match(text, /val_accuracy has fallen since x ≈ [^(]+\(from 0\.7\d+ to 0\.7\d+; its error, 1 − val_accuracy, rose [\d.]+%\): every law here but flat assumes the error keeps falling, so a rise predicted past the data is in doubt/);
  }
  assert.doesNotMatch(warnings, /loss spike/);
  assert.match(warnings, /left 1 dip of val_accuracy \(a spike of its error\) out of the fit/);
});

test('an accuracy whose error falls away below its fit: its predictions are likely too low, not too high', async () => {
  const err = await panelOf('val_err', cooled);
  assert.match(err.prediction?.caution ?? '', /below the fitted curve: the loss falls faster .* likely too high/);
  const acc = await panelOf('val_accuracy', (t, i) => 1 - cooled(t, i));
  const caution = acc.prediction?.caution ?? '';
  assert.doesNotMatch(caution, /too high|the loss falls/);
  assert.match(caution, /the last \d+ points lie above the fitted curve \(their error, 1 − val_accuracy, [\d.]+% below its fit\): val_accuracy rises faster than the laws follow \(an LR decay or cooldown, which they do not see\), so predictions past the data are likely too low/);
});

test('the trust line under an accuracy names the error whose extrapolation missed by that much', async () => {
  // a curve the laws miss a little: its error bends down slowly past a power law
  const bent = (t: number): number => errorAt(t) * (1 - 0.05 * Math.log10(t / 1e8));
  const err = await panelOf('val_err', bent);
  const acc = await panelOf('val_accuracy', (t) => 1 - bent(t));
  assert.ok(err.prediction?.trust && acc.prediction?.trust);
  assert.equal(err.prediction.trust.of, undefined);
  assert.ok(Math.abs(acc.prediction.trust.missedBy / err.prediction.trust.missedBy - 1) < 1e-3, 'the error\'s back-test');
  assert.match(trustText(err.prediction.trust), /^a [\d.]+× extrapolation missed by [\d.]+%/);
  // a miss of 3% of an error of 0.25 is under 1% of an accuracy of 0.75: said of the accuracy it read 3× too large
  assert.match(trustText(acc.prediction.trust), /^a [\d.]+× extrapolation of 1 − val_accuracy missed by [\d.]+%/);
  assert.match(describePrediction(acc.prediction, 'val_accuracy'), /on this curve's own history, a [\d.]+× extrapolation of 1 − val_accuracy missed by/);
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: acc }));
});

test('the newest rows held back as a jump of the error are a fall of the accuracy', () => {
  const bare = { fitPoints: [], heldOutPoints: [], estimators: [], warnings: [newestJumpNote({ count: 2, factor: 2 } as NewestJump, 'the fit'), newestJumpNote({ count: 1, factor: 1.5 } as NewestJump, 'the fit')] } as unknown as CurveAnalysis;
  const [two, one] = analysisAsAccuracy(bare, { name: 'top1', scale: 100 }).warnings;
  assert.equal(two, 'the last 2 values of top1 fell, their error (100 − top1) jumped ×2.0 above the level before them: left out of the fit until the next rows show a spike or a rise');
  assert.equal(one, 'the last value of top1 fell, its error (100 − top1) jumped ×1.5 above the level before it: left out of the fit until the next rows show a spike or a rise');
});

test('the status bar of an accuracy whose error turned up says it has fallen (it said nothing)', async () => {
  const source: SourceData = { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'val_accuracy', split: 'val', x: { tokens }, y: Float64Array.from(tokens, (t, i) => 1 - turnedUp(t, i)) }] }] };
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 0 })));
  session.setSource(source);
  await session.refit();
  const facts = session.liveFacts()!;
  assert.match(liveStatusText(facts), /^val_accuracy [\d.]+ at 6B ↓[\d.]+% since 4\.8B → /);
  assert.match(liveTooltip(facts, '/run.csv'), /val_accuracy has fallen [\d.]+% since 4\.8B \(its error, 1 − val_accuracy, rose [\d.]+%\): the laws assume the error keeps falling, so their forecast is in doubt\./);
  assert.doesNotMatch(liveTooltip(facts, '/run.csv'), /The loss has risen/);
});

test('"when does val_accuracy reach 1?" gets the CLI\'s reason (its error never reaches 0), not "not reached by 1000× the data"', async () => {
  const source: SourceData = { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'val_accuracy', split: 'val', x: { tokens }, y: Float64Array.from(tokens, (t) => 1 - errorAt(t)) }] }] };
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 0 })));
  session.setSource(source);
  await session.refit();
  const id = session.selected[0]!;
  for (const v of [1, 1.5]) await assert.rejects(session.reach(id, v), /^.*val_accuracy is an accuracy up to 1, fitted as its error 1 − val_accuracy, which never reaches 0: give an accuracy below 1$/);
  assert.ok((await session.reach(id, 0.9))?.law, 'an accuracy below 1 is answered by a law');
});
