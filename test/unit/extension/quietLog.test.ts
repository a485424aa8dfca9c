// A watched log that stops changing (walkthrough: a finished Keras run's status bar read the same
// "val_loss 3.447 at 30 → 3.104 at 300 epochs" for as long as the window stayed open, as if the run
// were still going): the watch says how long it has been unchanged, once that is far past its pace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUIET_MIN_MS, QuietLog, durationText } from '../../../src/extension/live/quietLog';

const MIN = 60_000;

test('a log that changed every 2.5 s is quiet after the 2 min floor, and says for how long and its pace before', () => {
  const q = new QuietLog();
  for (let t = 0; t <= 50_000; t += 2500) q.changed(t);
  assert.equal(q.text(50_000 + QUIET_MIN_MS - 1, 'run2.csv'), undefined, 'not yet: a checkpoint save pauses a log for a minute');
  const said = q.text(50_000 + 12 * MIN, 'run2.csv');
  assert.equal(said?.short, 'unchanged 12 min');
  assert.match(said!.tooltip, /^run2\.csv has not changed for 12 min \(it changed about every 3 s before\): the run may have finished, stalled or crashed/);
  // a new point ends it
  q.changed(50_000 + 13 * MIN);
  assert.equal(q.text(50_000 + 13 * MIN + 1000, 'run2.csv'), undefined);
});

test("a log that changes every 10 min (an eval every epoch) is not called quiet between its changes, only at 10 times that", () => {
  const q = new QuietLog();
  for (let k = 0; k <= 6; k++) q.changed(k * 10 * MIN);
  const last = 60 * MIN;
  assert.equal(q.text(last + 30 * MIN, 'log'), undefined);
  assert.equal(q.text(last + 100 * MIN, 'log')?.short, 'unchanged 1 h 40 min');
});

test('a file last modified days before the watch began is quiet from the first read; nothing known, nothing said', () => {
  const q = new QuietLog();
  assert.equal(q.text(1e12, 'x'), undefined);
  assert.equal(q.nextChangeIn(1e12), undefined, 'no timer for a log never seen to change');
  q.seed(1e12 - 3 * 24 * 60 * MIN);
  assert.equal(q.text(1e12, 'metrics.csv')?.short, 'unchanged 3 days');
  assert.doesNotMatch(q.text(1e12, 'metrics.csv')!.tooltip, /changed about every/, 'no pace to quote');
});

test('the watch redraws when the log turns quiet, then as the minutes pass; never sooner than a second', () => {
  const q = new QuietLog();
  q.changed(0);
  assert.equal(q.nextChangeIn(30_000), QUIET_MIN_MS - 30_000);
  assert.equal(q.nextChangeIn(QUIET_MIN_MS + 15_000), 45_000);
  assert.equal(q.nextChangeIn(QUIET_MIN_MS + 59_999), 1000);
});

test('durations to the minute', () => {
  assert.deepEqual([2 * MIN, 59 * MIN, 60 * MIN, 125 * MIN, 47 * 60 * MIN, 49 * 60 * MIN].map(durationText), ['2 min', '59 min', '1 h', '2 h 5 min', '47 h', '2 days']);
});
