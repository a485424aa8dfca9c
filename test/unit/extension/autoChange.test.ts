// The live line's note of auto changing its parts, or moving its headline past its interval,
// between two refits of a growing log (live/autoChange.ts).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { AutoChangeWatch, autoChangeText, autoPartsText, type AutoShown } from '../../../src/extension/live/autoChange';
import { autoShownOf } from '../../../src/extension/session/autoShown';
import { RESTART_SHOWN_MS } from '../../../src/extension/live/restartNotice';
import { LensSession } from '../../../src/extension/session';
import { readSource } from '../../../src/ingest/files/read';
import { testDeps, testSettings } from './sessionFixture';

const shown = (over: Partial<AutoShown> = {}): AutoShown => ({ curve: 'loss', targetText: '10x', law: 'avg(m2+m3+mix)', x: 72000, y: 3.341, lo: 3.132, hi: 3.564, ...over });

test("a refit that changes auto's parts says so, with the headline's move (walkthrough: 18 → 19 points, mix replaced by loglin, 3.341 → 3.207 unsaid)", () => {
  assert.equal(autoChangeText(shown(), shown({ law: 'avg(m2+m3+loglin)', y: 3.207 })), 'auto now averages m2, m3, loglin (was m2, m3, mix): 10x 3.341 → 3.207');
  assert.equal(autoChangeText(shown(), shown({ law: 'm3', y: 3.3 })), 'auto now uses m3 (was m2, m3, mix): 10x 3.341 → 3.3');
  assert.equal(autoPartsText('mix'), 'mix');
});

test("the same parts: said only when the headline moves past the earlier interval's half-width", () => {
  assert.equal(autoChangeText(shown(), shown({ y: 3.3 })), undefined, '0.041 is inside ±0.216');
  assert.equal(autoChangeText(shown(), shown({ y: 3.1 })), "auto's 10x moved 3.341 → 3.1, past the ±0.216 of its interval");
  assert.equal(autoChangeText(shown({ lo: undefined, hi: undefined }), shown({ y: 3.1 })), undefined, 'no interval (point fits only): no yardstick');
  // a relative target that moved with the data: the headline answers another x, no move of its own
  assert.equal(autoChangeText(shown(), shown({ x: 75000, y: 3.1 })), undefined);
});

test('a new question (another target or curve) is no change, nor is the first fit', () => {
  assert.equal(autoChangeText(undefined, shown()), undefined);
  assert.equal(autoChangeText(shown(), shown({ targetText: '20x', law: 'm2', y: 3 })), undefined);
  assert.equal(autoChangeText(shown(), shown({ curve: 'val_loss', law: 'm2', y: 3 })), undefined);
});

test("the watch says auto's change for a minute, and compares no fit across a rewrite of the log or a switch of series", () => {
  const w = new AutoChangeWatch();
  assert.equal(w.take(shown(), 0), false);
  assert.equal(w.take(undefined, 1), false, 'no headline: nothing said, the last kept');
  assert.equal(w.take(shown({ law: 'm2' }), 1000), true);
  assert.match(w.text(1000) ?? '', /^auto now uses m2 \(was m2, m3, mix\)/);
  assert.equal(w.take(shown({ law: 'm2' }), 2000), false);
  assert.match(w.text(2000) ?? '', /^auto now uses m2/, 'said until its minute is over');
  assert.equal(w.text(1000 + RESTART_SHOWN_MS), undefined);
  w.forget();
  assert.equal(w.take(shown({ law: 'avg(m2+m4+mix)', y: 2.1 }), 70_000), false, 'after a rewrite: no step from the fit before');
});

test("a watched cosine_24000 log (every third row) growing from 18 to 19 points: the session's headline carries auto's change and the watch says it", async () => {
  const lines = readFileSync(path.join('data', 'lr-schedules', '25M', 'cosine_24000.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1).filter((_, i) => i % 3 === 0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-autochange-')), 'log.csv');
  const session = new LensSession(file, 'log.csv', testDeps(testSettings(['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'])));
  session.watching = true;
  const w = new AutoChangeWatch();
  const said: (string | undefined)[] = [];
  for (const n of [18, 19]) {
    writeFileSync(file, [lines[0], ...rows.slice(0, n)].join('\n') + '\n');
    session.setSource(await readSource(file));
    await session.refit();
    w.take(session.prediction, n);
    said.push(w.text(n));
  }
  assert.equal(said[0], undefined);
  assert.match(said[1] ?? '', /^auto now averages m2, m3, loglin \(was m2, m3, mix\): 10x 3\.34\d? → 3\.20\d?$/);
});

test("the user changing which laws auto may use (the estimators setting) is their act, not the data's: the watch says no change of auto's", async () => {
  const lines = readFileSync(path.join('data', 'lr-schedules', '25M', 'cosine_24000.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1).filter((_, i) => i % 3 === 0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-autochange-')), 'log.csv');
  let settings = testSettings(['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin']);
  const session = new LensSession(file, 'log.csv', testDeps(settings, { settings: () => settings }));
  session.watching = true;
  const w = new AutoChangeWatch();
  writeFileSync(file, [lines[0], ...rows.slice(0, 18)].join('\n') + '\n');
  session.setSource(await readSource(file));
  await session.refit();
  assert.equal(session.prediction?.law, 'avg(m2+m3+mix)');
  w.take(autoShownOf(session), 0);
  // the same points, mix no longer allowed: auto's parts change because the user asked
  settings = testSettings(['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'flat', 'loglin']);
  await session.refit();
  assert.notEqual(session.prediction?.law, 'avg(m2+m3+mix)');
  assert.equal(w.take(autoShownOf(session), 1), false, w.text(1));
  assert.equal(autoChangeText({ ...shown(), asked: 'a' }, { ...shown({ law: 'm2' }), asked: 'b' }), undefined);
  assert.equal(autoChangeText({ ...shown(), asked: 'a' }, { ...shown({ law: 'm2' }), asked: 'a' }), 'auto now uses m2 (was m2, m3, mix): 10x 3.341 → 3.341');
});

test("another y (or x) picked in the panel is a new question: the watch compares no fit of loss with one of lr", async () => {
  const lines = readFileSync(path.join('data', 'lr-schedules', '25M', 'cosine_24000.csv'), 'utf8').trim().split('\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-autochange-')), 'log.csv');
  writeFileSync(file, [lines[0], ...lines.slice(1).filter((_, i) => i % 3 === 0).slice(0, 18)].join('\n') + '\n');
  const session = new LensSession(file, 'log.csv', testDeps(testSettings(['m2', 'm3', 'mix', 'loglin'])));
  session.watching = true;
  session.setSource(await readSource(file));
  await session.refit();
  const w = new AutoChangeWatch();
  const loss = autoShownOf(session);
  w.take(loss, 0);
  session.selectColumns('step', 'lr');
  await session.refit();
  // the curve keeps its run's name across a change of y, and auto's parts change with the metric
  assert.equal(autoShownOf(session)?.curve, loss?.curve);
  assert.notEqual(autoShownOf(session)?.law, loss?.law);
  assert.equal(w.take(autoShownOf(session), 1), false, w.text(1));
});

test("a headline at the set schedule's end is said as 'at end', not as the field's 10x, and a move between 10x and the end is no change of auto's (walkthrough: an HF run showed '10x 3.111 → 3.016' for a headline at step 24K)", () => {
  const atEnd = (over: Partial<AutoShown> = {}): AutoShown => shown({ atScheduleEnd: true, x: 24000, ...over });
  assert.equal(autoChangeText(atEnd(), atEnd({ law: 'avg(m2+m3+loglin)', y: 3.016 })), 'auto now averages m2, m3, loglin (was m2, m3, mix): at end 3.341 → 3.016');
  assert.equal(autoChangeText(atEnd(), atEnd({ y: 3.1 })), "auto's value at end moved 3.341 → 3.1, past the ±0.216 of its interval");
  // the schedule was just set: the same field text, another question
  assert.equal(autoChangeText(shown(), atEnd({ law: 'm2', y: 3.1 })), undefined);
});

test("session: the headline at a set schedule's end is marked so, which the watch's note reads", async () => {
  const step = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 1000);
  const y = Float64Array.from(step, (s) => 2.2 + 20 * Math.pow(s, -0.3));
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource({ format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step }, y }] }] });
  await session.refit();
  assert.equal(session.prediction?.atScheduleEnd, undefined, 'at 10x');
  session.forecast.setSchedule('cosine:warmup=1000,total=72000,peak=3e-4,end=3e-5');
  await session.refit();
  assert.equal(session.prediction?.atScheduleEnd, true);
  assert.equal(session.prediction?.targetText, '10x', 'the field still reads 10x');
});
