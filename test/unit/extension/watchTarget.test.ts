// A watch's status-bar prediction: at the run's planned end while the target is the default
// multiple (10x slides on with every step, far past a run that ends at 72K); a typed target stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { watchPredictionEnd, watchReachedEnd } from '../../../src/extension/live/watchTarget';
import { liveStatusText, liveTooltip } from '../../../src/extension/live/statusText';
import { LensSession } from '../../../src/extension/session';
import { getLaw } from '../../../src/core/laws/index';
import { chosenReport } from '../../../src/extension/panel/viewModel';
import { testDeps, testSettings } from './sessionFixture';
import { panelStateOf } from '../../../src/shared/protocol';
import { validatePanelData } from '../../../src/shared/validate';

const end = { step: 72000, x: 72000, where: 'the planned length its log or config records' };

test('watch target: the planned end while the target is the default multiple and the end is ahead; else the target', () => {
  assert.deepEqual(watchPredictionEnd({ end, lastX: 40000, typed: false, relative: true }), end);
  // early in the run too: the end, not a 10x that stops short of it
  assert.deepEqual(watchPredictionEnd({ end, lastX: 2000, typed: false, relative: true }), end);
  assert.equal(watchPredictionEnd({ end: undefined, lastX: 40000, typed: false, relative: true }), undefined, 'no end known: the target, as before');
  assert.equal(watchPredictionEnd({ end, lastX: 40000, typed: true, relative: true }), undefined, 'a typed 10x is the user’s question');
  assert.equal(watchPredictionEnd({ end, lastX: 40000, typed: false, relative: false }), undefined, 'an absolute target (a setting of 1M) is a chosen x');
  assert.equal(watchPredictionEnd({ end, lastX: 72000, typed: false, relative: true }), undefined, 'a run at or past its plan has outgrown it');
  assert.equal(watchPredictionEnd({ end, lastX: undefined, typed: false, relative: true }), undefined);
});

test('watch target: a log at its planned end (within 0.1%) with the default multiple has reached it; typed, absolute or short of it, not', () => {
  assert.deepEqual(watchReachedEnd({ end, lastX: end.x, typed: false, relative: true }), end);
  assert.deepEqual(watchReachedEnd({ end, lastX: end.x * 0.9995, typed: false, relative: true }), end, 'the last log a few steps before the end');
  assert.equal(watchReachedEnd({ end, lastX: end.x * 0.99, typed: false, relative: true }), undefined);
  assert.equal(watchReachedEnd({ end, lastX: end.x, typed: true, relative: true }), undefined);
  assert.equal(watchReachedEnd({ end, lastX: end.x, typed: false, relative: false }), undefined);
  assert.equal(watchReachedEnd({ end: undefined, lastX: 40000, typed: false, relative: true }), undefined);
});

test('watch target: the status text says "at end" and the tooltip why', () => {
  const base = { yKey: 'loss', xUnit: ' steps', latest: { x: 40400, y: 2.944 }, forecast: { x: 72000, y: 2.8612 } };
  assert.equal(liveStatusText({ ...base, atEnd: { step: 72000, where: end.where, instead: '10x' } }), 'loss 2.944 at 40.4K → 2.861 at end (72K steps)');
  assert.equal(liveStatusText(base), 'loss 2.944 at 40.4K → 2.861 at 72K steps');
  const tip = liveTooltip({ ...base, atEnd: { step: 72000, where: end.where, instead: '10x' } }, '/run.csv');
  assert.match(tip, /at the run's planned end, step 72K \(the planned length its log or config records\), not at the target 10x/);
  assert.match(tip, /A target typed in the panel is followed instead/);
  assert.match(liveTooltip({ ...base, atEnd: { step: 72000, where: "its config's schedule" } }, '/run.csv'), /follows the run's learning-rate schedule to its planned end, step 72K \(its config's schedule\)/);
  assert.doesNotMatch(liveTooltip(base, '/run.csv'), /planned end/);
  // the schedule-aware forecast's trust line follows it, unless the run diverged
  const trust = "On this run's own history, a forecast from 50% of the logged steps (step 20,000 → 40,000, a 1.8× reach, as asked) missed the last logged loss by +0.3%.";
  assert.ok(liveTooltip({ ...base, forecastTrust: trust }, '/run.csv').includes(trust));
  assert.ok(!liveTooltip({ ...base, forecastTrust: trust, diverged: { fromX: 40000 } }, '/run.csv').includes(trust));
});

/** Steps 1K…40K of a run whose config says max_steps (or none). */
function runOf(maxSteps?: number): SourceData {
  const step = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 1000);
  const y = Float64Array.from(step, (s) => 2.2 + 20 * Math.pow(s, -0.3));
  return {
    format: 'csv',
    warnings: [],
    runs: [{ name: 'run', origin: '/run', format: 'csv', ...(maxSteps ? { meta: { max_steps: maxSteps } } : {}), series: [{ key: 'loss', split: 'train', x: { step }, y }] }],
  };
}

test('session: a watched run with a planned end predicts there, not at a 10x past it; a typed target and a run without an end keep the target', async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(runOf(72000));
  await session.refit();
  const facts = session.liveFacts()!;
  assert.equal(facts.forecast?.x, 72000, JSON.stringify(facts));
  const report = chosenReport(session.analysisOf(session.selected[0]!)!)!;
  assert.ok(Math.abs(facts.forecast!.y - getLaw(report.law).predict(report.fit!.params, 72000)) < 1e-12, "the chosen law's value at the end");
  assert.match(session.statusLine() ?? '', / → [\d.]+ at end \(72K steps\)$/);
  // the panel keeps its own question, with its caution and the action to move to the end
  assert.equal(session.panelData().prediction?.x, 400000);
  assert.ok(session.panelData().prediction?.endTarget);
  assert.equal(panelStateOf(session.panelData()).targetTyped, undefined);
  // a target typed in the panel is followed, even the same 10x, and saved as typed (a reload keeps it)
  session.setTarget('10x');
  assert.match(session.statusLine() ?? '', / → [\d.]+ at 400K steps$/);
  assert.deepEqual(validatePanelData(session.panelData(), 'data').targetTyped, true);
  assert.equal(panelStateOf(session.panelData()).targetTyped, true);
  // and its tooltip says that target is past the run's planned end, as the panel's caution does
  assert.deepEqual(session.liveFacts()?.pastEnd, { step: 72000, where: end.where, target: '10x', typed: true });
  assert.match(liveTooltip(session.liveFacts()!, '/run.csv'), /at the target typed, 10x, past the run's planned end, step 72K \(the planned length its log or config records\): this run shows no loss there/);
  // a typed target before the end is no such case
  session.setTarget('60000');
  await session.refit();
  assert.equal(session.liveFacts()?.pastEnd, undefined);
  // no end known: today's behaviour
  const open = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  open.setSource(runOf());
  await open.refit();
  assert.match(open.statusLine() ?? '', / → [\d.]+ at 400K steps$/);
  assert.equal(open.liveFacts()?.atEnd, undefined);
  assert.equal(open.liveFacts()?.pastEnd, undefined);
});

test("session: a watched run logged to its planned end says so instead of a 10x forecast past the end (W's walkthrough: '→ 2.886 at end (4K steps)' became '→ 2.491 at 40K steps' at the last step)", async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(runOf(40000));
  await session.refit();
  assert.match(session.statusLine() ?? '', /^loss [\d.]+ at 40K steps \(the run's planned end\)$/);
  assert.equal(session.liveFacts()?.pastEnd, undefined);
  // a typed target is still the user's question
  session.setTarget('10x');
  assert.match(session.statusLine() ?? '', / → [\d.]+ at 400K steps$/);
});

test("session: a run logged past its planned end, target untyped: the tooltip names the default target, not 'the target typed' (walkthrough)", async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(runOf(30000));
  await session.refit();
  const facts = session.liveFacts()!;
  assert.deepEqual(facts.pastEnd, { step: 30000, where: end.where, target: '10x', typed: false });
  const tip = liveTooltip(facts, '/run.csv');
  assert.doesNotMatch(tip, /typed/);
  assert.match(tip, /The forecast is at the default target 10x \(the scalingLens\.target setting\), past the run's planned end, step 30K/);
});

test("session: a schedule set on the panel (Set Schedule) moves the laws' default 10x to the schedule's end; a typed target stays, and clearing the schedule gives the 10x back", async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(runOf());
  await session.refit();
  assert.equal(session.panelData().prediction?.x, 400000, 'no end known: 10x of the logged steps');
  session.forecast.setSchedule('cosine:warmup=1000,total=72000,peak=3e-4,end=3e-5');
  assert.ok(session.lawsNeedRefit(), 'the laws are asked at the new target');
  await session.refit();
  const p = validatePanelData(JSON.parse(JSON.stringify(session.panelData())), 'data').prediction!;
  assert.equal(p.x, 72000);
  assert.equal(p.targetLabel, "the schedule's end (72K steps)");
  // the chart's line says so too: "target (loss 3.241)" read as a target loss beside the Forecast block's "reaches 3.25" (walkthrough)
  const line = session.panelData().chart!.markers.find((m) => m.kind === 'target')!;
  assert.equal(line.label, `the schedule's end (loss ${p.y.toPrecision(4)})`);
  const report = chosenReport(session.analysisOf(session.selected[0]!)!)!;
  assert.ok(Math.abs(p.y - getLaw(report.law).predict(report.fit!.params, 72000)) < 1e-12, "the chosen law's value at the end");
  assert.equal(p.endTarget, undefined, 'at the end: no caution to move there');
  assert.doesNotMatch(p.caution ?? '', /planned to end/);
  assert.equal(session.panelData().tables[0]?.targetX, 72000);
  // a typed target is the user's question, even the same 10x
  session.setTarget('10x');
  await session.refit();
  assert.equal(session.panelData().prediction?.x, 400000);
  assert.match(session.panelData().prediction?.caution ?? '', /planned to end at step 72K \(the schedule set for it\)/);
  // the default again, and the schedule cleared: 10x
  const again = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m1', 'm2'])));
  again.setSource(runOf());
  again.forecast.setSchedule('cosine:warmup=1000,total=72000,peak=3e-4,end=3e-5');
  await again.refit();
  assert.equal(again.panelData().prediction?.x, 72000);
  again.forecast.setSchedule('');
  await again.refit();
  assert.equal(again.panelData().prediction?.x, 400000);
});
