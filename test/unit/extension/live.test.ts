// The live pieces that need no VS Code: refit coalescing, the status words, and a session that
// keeps its previous fit on screen (marked stale, predictions intact) while new points are shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPrefix, MIN_FORECAST_LOSSES } from '../../../src/core/schedule/forecast';
import type { SourceData } from '../../../src/ingest/model/model';
import { panelStateOf, type PanelState } from '../../../src/shared/protocol';
import { applySavedChoices, asState } from '../../../src/extension/panel/savedState';
import { Coalescer } from '../../../src/extension/live/coalesce';
import { liveStatusText, liveTooltip, statusItemLabel } from '../../../src/extension/live/statusText';
import { LensSession, isRelativeTarget, type SessionDeps } from '../../../src/extension/session';
import { nonPositiveWarning } from '../../../src/extension/model/nonPositiveWarning';
import { displaySplit } from '../../../src/extension/model/displaySplit';
import { validateToWebview } from '../../../src/shared/validate';
import type { Settings } from '../../../src/extension/settings';
import { testDeps, testSettings } from './sessionFixture';
import { latestLevel } from '../../../src/extension/live/latestLevel';
import { RESTART_SHOWN_MS, RestartNotice } from '../../../src/extension/live/restartNotice';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('coalescer: one run in flight, at most one waiting, however many requests arrive', async () => {
  const gates: { resolve: () => void }[] = [];
  let started = 0;
  const c = new Coalescer(async () => {
    started++;
    const d = deferred();
    gates.push(d);
    await d.promise;
  });
  c.request();
  assert.equal(started, 1);
  for (let i = 0; i < 10; i++) c.request();
  assert.equal(started, 1, 'no second run while the first is in flight');
  assert.ok(c.queued);
  gates[0]!.resolve();
  await new Promise((r) => setImmediate(r));
  assert.equal(started, 2, 'the ten requests became one follow-up run');
  assert.equal(c.queued, false);
  gates[1]!.resolve();
  await c.whenIdle();
  assert.equal(started, 2);
  assert.equal(c.busy, false);
  // idle again: a request starts at once
  c.request();
  assert.equal(started, 3);
  gates[2]!.resolve();
  await c.whenIdle();
});

test('coalescer: a failing run is reported and does not stop the next', async () => {
  const errors: unknown[] = [];
  let n = 0;
  const c = new Coalescer(
    async () => {
      n++;
      if (n === 1) throw new Error('boom');
    },
    (e) => errors.push(e),
  );
  c.request();
  await c.whenIdle();
  c.request();
  await c.whenIdle();
  assert.equal(n, 2);
  assert.equal(errors.length, 1);
  c.dispose();
  c.request();
  assert.equal(n, 2, 'nothing runs after dispose');
});

test('status words: latest value and forecast; a stale forecast is starred; no "fitting"', () => {
  const base = { yKey: 'val_loss', xUnit: ' tokens', latest: { x: 6e7, y: 2.4123 } };
  assert.equal(liveStatusText({ ...base, forecast: { x: 6e8, y: 2.1181 } }), 'val_loss 2.412 at 60M → 2.118 at 600M tokens');
  assert.equal(liveStatusText({ ...base, forecast: { x: 6e8, y: 2.1181 }, stale: true }), 'val_loss 2.412 at 60M → 2.118* at 600M tokens');
  assert.equal(liveStatusText({ ...base, noForecast: 'first fit on its way' }), 'val_loss 2.412 at 60M tokens (first fit on its way)');
  assert.equal(liveStatusText({ yKey: 'loss', xUnit: ' steps' }), 'loss: no points yet');
  assert.equal(liveStatusText({ ...base, forecast: { x: 6e8, y: 2.1181 }, rising: { fromX: 3.4e7, rise: 0.078 } }), 'val_loss 2.412 at 60M ↑7.8% since 34M → 2.118 at 600M tokens');
  assert.match(liveTooltip({ ...base, rising: { fromX: 3.4e7, rise: 0.25 } }, '/runs/a.csv'), /The loss has risen 25% since 34M: the laws assume it keeps falling/);
  for (const t of [liveStatusText({ ...base, forecast: { x: 1, y: 1 }, stale: true }), liveStatusText(base)]) assert.doesNotMatch(t, /fitting/i);
});

test('status words: a log whose loss turned NaN says so instead of a forecast of the points before (W\'s walkthrough)', async () => {
  const base = { yKey: 'train_loss', xUnit: ' steps', latest: { x: 1020, y: 3.24 }, forecast: { x: 10200, y: 2.918 } };
  assert.equal(liveStatusText({ ...base, diverged: { fromX: 1030 } }), 'train_loss NaN/inf since step 1.03K (diverged; last 3.24 at 1.02K)');
  const tip = liveTooltip({ ...base, stale: true, diverged: { fromX: 1030 } }, '/train.csv');
  assert.match(tip, /NaN or infinite since step 1\.03K: the run diverged there/);
  assert.doesNotMatch(tip, /forecast \(\*\)/);
  // where it began, not a duration: "since epoch 7", not "since 7 epochs"; an amount of tokens reads as one
  assert.match(liveStatusText({ ...base, xUnit: ' epochs', diverged: { fromX: 7 } }), /NaN\/inf since epoch 7 \(/);
  // the session reads it from the log: a NaN appended to a watched log shows in the status bar
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  const log = logOf(40);
  const s0 = log.runs[0]!.series[0]!;
  const y = Float64Array.from([...s0.y, NaN, NaN]);
  const tokens = Float64Array.from([...s0.x.tokens!, 41e6, 42e6]);
  session.setSource({ ...log, runs: [{ ...log.runs[0]!, series: [{ ...s0, x: { tokens }, y }] }] });
  await session.refit();
  assert.match(session.statusLine() ?? '', /^val_loss NaN\/inf since 41M tokens \(diverged; last 2\.\d+ at 40M\)$/);
  assert.doesNotMatch(session.statusLine() ?? '', /→/);
});

test('status words: one NaN loss at the end is said as one point, not "diverged"; two in a row are a divergence', async () => {
  const base = { yKey: 'train_loss', xUnit: ' steps', latest: { x: 1020, y: 3.24 }, forecast: { x: 10200, y: 2.918 } };
  assert.equal(liveStatusText({ ...base, lastNotFinite: { x: 1030 } }), 'train_loss 3.24 at 1.02K → 2.918 at 10.2K steps; last train_loss NaN/inf (one point; skipped step?)');
  const tip = liveTooltip({ ...base, lastNotFinite: { x: 1030 } }, '/train.csv');
  assert.match(tip, /The last train_loss logged, at 1\.03K steps, is NaN or infinite: one point, as a step that fp16 loss scaling skipped logs it\. The run is called diverged once 2 in a row end the log/);
  assert.doesNotMatch(tip, /diverged there/);
  // from the log: one NaN appended (a skipped fp16 step) keeps the forecast; a second makes it a divergence
  const log = logOf(40);
  const s0 = log.runs[0]!.series[0]!;
  const withTail = (tail: number[]): SourceData => {
    const y = Float64Array.from([...s0.y, ...tail]);
    const tokens = Float64Array.from([...s0.x.tokens!, ...tail.map((_, i) => 41e6 + i * 1e6)]);
    return { ...log, runs: [{ ...log.runs[0]!, series: [{ ...s0, x: { tokens }, y }] }] };
  };
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  session.setSource(withTail([NaN]));
  await session.refit();
  assert.match(session.statusLine() ?? '', /^val_loss 2\.\d+ at 40M → .*; last val_loss NaN\/inf \(one point; skipped step\?\)$/);
  assert.doesNotMatch(session.statusLine() ?? '', /diverged/);
  session.setSource(withTail([NaN, Infinity]));
  await session.refit();
  assert.match(session.statusLine() ?? '', /^val_loss NaN\/inf since 41M tokens \(diverged; last 2\.\d+ at 40M\)$/);
});

test('status words: a value of 1,000 to 9,999 keeps its digits (a perplexity of 1500 is not "15")', () => {
  const ppl = { yKey: 'val_ppl', xUnit: ' steps', latest: { x: 2000, y: 1500 } };
  assert.equal(liveStatusText({ ...ppl, forecast: { x: 2e4, y: 1000 } }), 'val_ppl 1500 at 2K → 1000 at 20K steps');
  // zeros after the point still go, as before: 3.420 is written 3.42, 2.500 as 2.5, 100.0 as 100
  assert.equal(liveStatusText({ ...ppl, latest: { x: 2000, y: 3.42 }, forecast: { x: 2e4, y: 2.5 } }), 'val_ppl 3.42 at 2K → 2.5 at 20K steps');
  assert.equal(liveStatusText({ ...ppl, latest: { x: 2000, y: 100 } }), 'val_ppl 100 at 2K steps');
});

test('latest level: the last value of a series under 1000 points; the median of the last 1% (≤ 200) of a longer one, marked "~"', () => {
  const short = Array.from({ length: 999 }, (_, i) => ({ x: i + 1, y: 3 - i / 1000 }));
  assert.deepEqual(latestLevel(short), { x: 999, y: short[998]!.y, over: 1 });
  // a per-step loss alternating ±30% around 0.8, its very last value high
  const noisy = Array.from({ length: 44_000 }, (_, i) => ({ x: i + 1, y: 0.8 * (i % 2 ? 1.3 : 1 / 1.3) }));
  const l = latestLevel(noisy)!;
  assert.equal(l.x, 44_000);
  assert.equal(l.over, 200);
  assert.ok(Math.abs(l.y - 0.8 * ((1.3 + 1 / 1.3) / 2)) < 1e-12, `${l.y}`);
  assert.equal(latestLevel([]), undefined);
  const facts = { yKey: 'loss', xUnit: ' steps', latest: l, forecast: { x: 4.4e5, y: 0.74 } };
  assert.equal(liveStatusText(facts), 'loss ~0.8277 at 44K → 0.74 at 440K steps');
  assert.match(liveTooltip(facts, '/run.csv'), /~0\.8277 is the median of the last 200 logged values/);
  assert.doesNotMatch(liveTooltip({ ...facts, latest: latestLevel(short)! }, '/run.csv'), /median/);
});

const settings = (over: Partial<Settings> = {}): Settings => testSettings(['m1', 'm2'], over);
const deps = (s: Settings): SessionDeps => testDeps(s);

function logOf(n: number, name = 'run'): SourceData {
  const tokens = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e6);
  const y = Float64Array.from(tokens, (t) => 1.8 + 40 * Math.pow(t, -0.25));
  return { format: 'csv', warnings: [], runs: [{ name, origin: `/${name}`, format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { tokens }, y }] }] };
}

/** logOf with a step axis too (a step per 10,000 tokens). */
function logWithSteps(n: number): SourceData {
  const source = logOf(n);
  const series = source.runs[0]!.series[0]!;
  (series.x as { step?: Float64Array }).step = Float64Array.from(series.x.tokens!, (t) => t / 1e4);
  return source;
}

test('session: new points are shown at once over the previous fit, marked stale, predictions kept', async () => {
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  session.setSource(logOf(12));
  await session.refit();
  const fitted = session.panelData();
  assert.equal(fitted.stale, undefined);
  const before = fitted.tables[0]!.rows.filter((r) => r.prediction).length;
  assert.ok(before >= 1, 'a prediction at 10x');
  session.setSource(logOf(60));
  assert.ok(session.needsRefit());
  const shown = session.panelData();
  assert.match(shown.stale ?? '', /Fit from 12 points; refitting with the newest 60/);
  const fitSeries = shown.chart!.series.find((s) => s.role === 'fit')!;
  assert.equal(fitSeries.points.length, 60, 'the new points are drawn before the refit');
  assert.ok(shown.chart!.series.some((s) => s.role === 'curve'), 'the previous fit stays on screen');
  assert.equal(shown.tables[0]!.rows.filter((r) => r.prediction).length, before, 'no prediction cell blanks during the refit');
  assert.match(session.statusLine() ?? '', /\* at /, 'status forecast starred while stale');
  await session.refit();
  assert.equal(session.panelData().stale, undefined);
  assert.equal(session.needsRefit(), false);
});

test('session: a fit that lands after the log grew keeps the target it was asked for, so its prediction shows (10x of the data it fitted)', async () => {
  let grow: (() => void) | undefined;
  const base = testDeps(testSettings(['m2']));
  // the log grows while the fit runs, as a log appended every second does under a fit of seconds
  const session = new LensSession('/log.csv', 'log.csv', {
    ...base,
    analyze: async (points, options, token) => {
      grow?.();
      grow = undefined;
      return base.analyze(points, options, token);
    },
  });
  session.setSource(logOf(30));
  grow = () => session.setSource(logOf(33));
  await session.refitLaws();
  const shown = session.panelData();
  assert.match(shown.stale ?? '', /Fit from 30 points; refitting with the newest 33/);
  assert.equal(shown.prediction?.x, 30 * 1e6 * 10, 'the headline: the previous fit at its own 10x');
  assert.ok(shown.tables[0]!.rows.some((r) => r.prediction), 'the table keeps its predictions');
});

test('session: a relative target over an overlay is each curve\'s own, with a marker per curve', async () => {
  const two: SourceData = { format: 'csv', warnings: [], runs: [...logOf(20, 'short').runs, ...logOf(80, 'long').runs] };
  const session = new LensSession('/runs', 'runs', deps(settings()));
  session.setSource(two);
  session.selectCurves(session.curves.map((c) => c.id));
  await session.refit();
  const data = session.panelData();
  assert.deepEqual(data.tables.map((t) => t.targetX), [20 * 1e6 * 10, 80 * 1e6 * 10]);
  const targets = data.chart!.markers.filter((m) => m.kind === 'target');
  assert.deepEqual(targets.map((m) => m.x), [2e8, 8e8]);
  assert.ok(targets.every((m) => m.label.startsWith('10x of ')));
  assert.ok(isRelativeTarget(' 10x') && isRelativeTarget('2.5 X') && !isRelativeTarget('1e10') && !isRelativeTarget('300B tokens'));
});

test('session: a sweep opens with its model sizes overlaid; their coinciding 10x targets share one marker', async () => {
  const N = [125e6, 350e6, 1.3e9];
  const D = [2e9, 5e9, 1e10, 2e10];
  const rows = N.flatMap((n) => D.map((d) => ({ n, d, y: 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28 })));
  const sweep: SourceData = {
    format: 'sweep',
    warnings: [],
    runs: [{ name: 'sweep', origin: '/s.csv', format: 'sweep', series: [{ key: 'loss', split: 'val', x: { params: Float64Array.from(rows, (r) => r.n), tokens: Float64Array.from(rows, (r) => r.d) }, y: Float64Array.from(rows, (r) => r.y) }] }],
  };
  const session = new LensSession('/s.csv', 's.csv', deps(settings()));
  session.setSource(sweep);
  assert.deepEqual(session.curves.map((c) => c.label), ['N = 125M', 'N = 350M', 'N = 1.3B']);
  assert.deepEqual(session.selected, session.curves.map((c) => c.id));
  await session.refit();
  const targets = session.panelData().chart!.markers.filter((m) => m.kind === 'target');
  assert.deepEqual(targets.map((m) => [m.label, m.x]), [['10x of 3 curves', 2e11]]);
});

test('session: the prediction box follows a new target instead of keeping the old one', async () => {
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  session.setSource(logOf(30));
  await session.refit();
  session.predictionFor = session.selected[0];
  assert.equal(session.prediction?.targetText, '10x');
  session.setTarget('1e10');
  assert.equal(session.prediction, undefined, 'no stale box while the new target is fitted');
  // the same points: said as the new target it is, not as a refit with newer points
  assert.equal(session.panelData().stale, 'Predicting at 1e10…');
  await session.refit();
  const after = session.panelData().prediction;
  assert.equal(after?.x, 1e10);
  assert.equal(session.panelData().prediction?.targetText, '1e10');
});

test('session: a target whose unit names another axis is refused where it is typed, and a change of x drops one that no longer fits', async () => {
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  session.setSource(logWithSteps(30));
  session.selectColumns('tokens', 'val_loss');
  assert.throws(() => session.setTarget('1e21 FLOPs'), /number of FLOPs, but x here is tokens/);
  assert.equal(session.targetText, '10x', 'the refused target is not kept');
  session.setTarget('300B tokens');
  assert.equal(session.target(), 3e11);
  session.selectColumns('step', 'val_loss');
  assert.equal(session.targetText, '10x', '300B tokens says nothing against steps');
  assert.equal(session.target(), 10 * 3000);
  session.setTarget('at step 100,000');
  session.selectColumns('tokens', 'val_loss');
  assert.equal(session.targetText, '10x');
});

test('session: a fit leads with its prediction before Predict is asked; an overlay only for the curve Predict chose', async () => {
  const two: SourceData = { format: 'csv', warnings: [], runs: [...logOf(20, 'short').runs, ...logOf(80, 'long').runs] };
  const session = new LensSession('/runs', 'runs', deps(settings()));
  session.setSource(two);
  const [a, b] = session.curves.map((c) => c.id);
  session.selectCurves([a!]);
  await session.refit();
  const single = session.panelData().prediction;
  assert.equal(single?.curve, session.curves[0]!.label, 'one curve shown: its headline without Predict');
  assert.equal(single?.x, 20 * 1e6 * 10);
  assert.ok(single !== undefined && single.y > 1.8 && single.y < 1.8 + 40 * Math.pow(20e6, -0.25));
  assert.equal(single.level, single.lo !== undefined ? 0.95 : undefined, 'an interval says its coverage');
  session.selectCurves([a!, b!]);
  await session.refit();
  assert.equal(session.panelData().prediction, undefined, 'two curves and no choice: no headline');
  session.predictionFor = b;
  assert.equal(session.panelData().prediction?.curve, session.curves[1]!.label);
  session.selectCurves([a!]);
  assert.equal(session.panelData().prediction?.curve, session.curves[0]!.label, 'a chosen curve no longer shown gives way to the one that is');
});

test('session: the headline of a curve that turned up carries a caution; a falling one none', async () => {
  const tokens = Float64Array.from({ length: 60 }, (_, i) => (i + 1) * 1e8);
  const y = Float64Array.from(tokens, (t, i) => 2 + 30 * Math.pow(t, -0.2) + (i < 35 ? 0 : 0.004 * Math.pow(i - 35, 1.3)));
  const up: SourceData = { format: 'csv', warnings: [], runs: [{ name: 'rep', origin: '/rep', format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { tokens }, y }] }] };
  const session = new LensSession('/rep.csv', 'rep.csv', deps(settings()));
  session.setSource(up);
  await session.refit();
  assert.match(session.panelData().prediction?.caution ?? '', /the loss has risen .* every law here but flat assumes it keeps falling, so a fall predicted past the data is in doubt/);
  assert.equal(session.panelData().prediction?.law, 'm2', 'without flat among the estimators auto keeps its choice');
  const held = new LensSession('/rep.csv', 'rep.csv', deps(testSettings(['m2', 'm4', 'flat'])));
  held.setSource(up);
  await held.refit();
  assert.equal(held.panelData().prediction?.law, 'flat', 'the headline holds the risen level rather than predict a fall');
  assert.match(held.panelData().prediction?.caution ?? '', /keeps falling \(auto holds the recent level\)/);
  assert.match(session.statusLine() ?? '', /^val_loss [\d.]+ at [\d.]+B ↑[\d.]+% since [\d.]+B → /);
  const plain = new LensSession('/log.csv', 'log.csv', deps(settings()));
  plain.setSource(logOf(30));
  await plain.refit();
  assert.ok(plain.panelData().prediction);
  assert.equal(plain.panelData().prediction?.caution, undefined);
});

test('session: negative losses give a notice and no chart, not an empty chart, nor a table of failed laws under it (walkthrough)', async () => {
  const src = logOf(10);
  const run = src.runs[0]!;
  const neg: SourceData = { ...src, runs: [{ ...run, series: [{ ...run.series[0]!, y: Float64Array.from(run.series[0]!.y, (v) => -v) }] }] };
  const session = new LensSession('/neg.csv', 'neg.csv', deps(settings()));
  session.setSource(neg);
  await session.refit();
  const data = session.panelData();
  assert.equal(data.chart, undefined);
  assert.match(data.notice?.text ?? '', /val_loss has no positive value.*lowest -/);
  assert.deepEqual(data.tables, []);
  assert.equal(data.forecast, undefined);
  assert.equal(nonPositiveWarning('c', 'loss', [{ x: 1, y: 1 }, { x: 2, y: 0.5 }]), undefined);
});

test('displaySplit holds out the last fraction of distinct x, as the core does', () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ x: i + 1, y: 10 - i }));
  const { fitPoints, heldOutPoints } = displaySplit({ points }, 0.2);
  assert.equal(fitPoints.length, 8);
  assert.deepEqual(heldOutPoints.map((p) => p.x), [9, 10]);
  const masked = displaySplit({ points: points.slice(0, 3), trainMask: [true, false, true] }, 0.5);
  assert.deepEqual(masked.heldOutPoints.map((p) => p.x), [2]);
});

test('a grown log extends the cached points; a rewrite, a reorder or a NaN rebuilds them; both equal a full read', async () => {
  const { curveDataOf, extendCurveData, listCurves } = await import('../../../src/extension/model/curves');
  const cols = { x: 'tokens' as const, y: 'val_loss' };
  const small = logOf(500);
  const ref = listCurves(small, cols)[0]!;
  const prev = curveDataOf(small, ref, 'tokens');
  assert.equal(prev.identity, true);
  const grown = logOf(700);
  const ext = extendCurveData(prev, grown, ref, 'tokens');
  assert.deepEqual(ext.data.points, curveDataOf(grown, ref, 'tokens').data.points);
  assert.equal(ext.data.points.length, 700);
  assert.equal(prev.data.points.length, 500, 'the cached list is not mutated');
  // a restarted run rewrote the file: different values in the old rows
  const run = grown.runs[0]!;
  const y = Float64Array.from(run.series[0]!.y, (v, i) => (i === 64 ? v * 2 : v));
  const rewritten = { ...grown, runs: [{ ...run, series: [{ ...run.series[0]!, y }] }] };
  assert.deepEqual(extendCurveData(prev, rewritten, ref, 'tokens').data.points, curveDataOf(rewritten, ref, 'tokens').data.points);
  // appended rows out of x order: a full sorted rebuild
  const xs = Float64Array.from(run.series[0]!.x.tokens!, (v, i) => (i === 650 ? 1 : v));
  const unordered = { ...grown, runs: [{ ...run, series: [{ ...run.series[0]!, x: { tokens: xs } }] }] };
  const rebuilt = extendCurveData(prev, unordered, ref, 'tokens');
  assert.equal(rebuilt.identity, false);
  assert.equal(rebuilt.data.points[0]!.x, 1);
});

test('session: a headline from a fit that did not converge says why; a converged one says nothing', async () => {
  const base = deps(settings());
  const stalled: SessionDeps = {
    ...base,
    analyze: async (points, options) => {
      const a = await base.analyze(points, options);
      return { ...a, estimators: a.estimators.map((e) => (e.fit ? { ...e, fit: { ...e.fit, converged: false, reason: `${e.law}: max iterations` } } : e)) };
    },
  };
  const session = new LensSession('/log.csv', 'log.csv', stalled);
  session.setSource(logOf(30));
  await session.refit();
  const p = session.panelData().prediction;
  assert.match(p?.unconverged ?? '', /^[\w()+-]+: max iterations$/, JSON.stringify(p));
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: session.panelData() }));
  const fine = new LensSession('/log.csv', 'log.csv', deps(settings()));
  fine.setSource(logOf(30));
  await fine.refit();
  assert.ok(fine.panelData().prediction);
  assert.equal(fine.panelData().prediction?.unconverged, undefined);
});

test('session: the status line names a step amount in the plural ("→ 2.75 at 389K steps", not "389K step")', async () => {
  const session = new LensSession('/log.csv', 'log.csv', deps(settings()));
  session.setSource(logWithSteps(30));
  session.selectColumns('step', 'val_loss');
  await session.refit();
  assert.match(session.statusLine() ?? '', / → [\d.]+ at 30K steps$/);
  session.selectColumns('tokens', 'val_loss');
  await session.refit();
  assert.match(session.statusLine() ?? '', / → [\d.]+ at 300M tokens$/);
});

test("status item label: the log's name once, when several watches lead their text with it (walkthrough: 'Scaling Lens, metrics.csv: metrics.csv: train_loss_step …')", () => {
  assert.equal(statusItemLabel('metrics.csv', 'metrics.csv: val_loss 2.4 at 60M → 2.1 at 600M tokens'), 'Scaling Lens, metrics.csv: val_loss 2.4 at 60M → 2.1 at 600M tokens. Activate for options.');
  assert.equal(statusItemLabel('metrics.csv', 'val_loss 2.4 at 60M → 2.1 at 600M tokens'), 'Scaling Lens, metrics.csv: val_loss 2.4 at 60M → 2.1 at 600M tokens. Activate for options.');
});

/** A Lightning metrics.csv of 20 train steps and `vals` evals (none before the first eval). */
function lightningLog(vals: number): SourceData {
  const steps = Float64Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
  const valSteps = Float64Array.from({ length: vals }, (_, i) => (i + 1) * 500);
  return {
    format: 'csv',
    warnings: [],
    runs: [{
      name: 'version_0',
      origin: '/runs/metrics.csv',
      format: 'csv',
      series: [
        { key: 'train_loss_step', split: 'train', x: { step: steps }, y: steps.map((s) => 2 + 10 * s ** -0.3) },
        ...(vals > 0 ? [{ key: 'val_loss', split: 'val' as const, x: { step: valSteps }, y: valSteps.map((s) => 2.1 + 10 * s ** -0.3) }] : []),
      ],
    }],
  };
}

test("a watch begun before the first eval follows the val loss once it has points enough, and says so; one the user picked a series for, or a panel not watching, keeps its own (walkthrough: a Lightning watch kept train_loss_step after val_loss arrived)", () => {
  const open = (watching: boolean) => {
    const s = new LensSession('/runs/metrics.csv', 'metrics.csv', testDeps(testSettings(['m1'])));
    s.watching = watching;
    s.setSource(lightningLog(0));
    return s;
  };
  const watched = open(true);
  assert.equal(watched.columns?.y, 'train_loss_step');
  watched.setSource(lightningLog(2));
  assert.equal(watched.columns?.y, 'train_loss_step', 'two evals are too few to fit: the train loss stays');
  watched.setSource(lightningLog(4));
  assert.equal(watched.columns?.y, 'val_loss');
  const picked = open(true);
  picked.selectColumns('step', 'train_loss_step');
  picked.setSource(lightningLog(6));
  assert.equal(picked.columns?.y, 'train_loss_step', 'picked by the user: kept');
  const fitted = open(false);
  fitted.setSource(lightningLog(6));
  assert.equal(fitted.columns?.y, 'train_loss_step', 'a Fit panel re-read keeps its columns');
});

test("a reloaded watch begun before the first eval still follows the val loss: restored columns count as picked only when the user picked them (walkthrough: after Reload Window a Lightning watch kept train_loss_step)", () => {
  const deps = testDeps(testSettings(['m1']));
  const watch = (vals: number) => {
    const s = new LensSession('/runs/metrics.csv', 'metrics.csv', deps);
    s.watching = true;
    s.setSource(lightningLog(vals));
    return s;
  };
  // saved as the webview saves it: through JSON, read back as the serializer reads it
  const saved = (s: LensSession) => asState(JSON.parse(JSON.stringify(panelStateOf(s.panelData()))));
  const reloaded = (state: PanelState, vals: number) => {
    const s = watch(vals);
    applySavedChoices(s, state);
    return s;
  };
  const guessed = saved(watch(0));
  assert.deepEqual(guessed.columns, { x: 'step', y: 'train_loss_step' }, 'a guess is saved as no pick');
  const beforeEval = reloaded(guessed, 0);
  assert.equal(beforeEval.columns?.y, 'train_loss_step');
  beforeEval.setSource(lightningLog(4));
  assert.equal(beforeEval.columns?.y, 'val_loss', 'the reloaded watch moves on at 4 evals');
  assert.equal(reloaded(guessed, 5).columns?.y, 'val_loss', 'evals read since: the first read after the reload opens on them');
  const pickedBefore = watch(0);
  pickedBefore.selectColumns('step', 'train_loss_step');
  const picked = saved(pickedBefore);
  assert.equal(picked.columns?.picked, true);
  const keeps = reloaded(picked, 5);
  assert.equal(keeps.columns?.y, 'train_loss_step', "the user's pick survives the reload");
  keeps.setSource(lightningLog(8));
  assert.equal(keeps.columns?.y, 'train_loss_step');
  assert.equal(keeps.columnsPicked, true);
});

test('the live line says a switch of the series followed for a minute, as it says a restart', () => {
  const n = new RestartNotice();
  n.say('now showing val_loss, was train_loss_step (pick another in the panel\'s y)', 0);
  assert.match(n.text(1000)!, /^now showing val_loss, was train_loss_step/);
  assert.equal(n.text(RESTART_SHOWN_MS), undefined);
});

test("a watch with a schedule forecast follows the val loss only once it has the forecast's 6 points, not the laws' 4 (walkthrough LMWALK: an HF run lost its forecast of the end for two evals, 'a forecast needs at least 6 logged losses (got 4)')", () => {
  const open = (spec: string | undefined) => {
    // a forecast runner is all wanted() asks of the host; none runs here
    const s = new LensSession('/runs/metrics.csv', 'metrics.csv', testDeps(testSettings(['m1']), { forecast: async () => { throw new Error('not run'); } }));
    s.watching = true;
    s.setSource(lightningLog(0));
    if (spec) s.forecast.setSchedule(spec);
    return s;
  };
  const withSchedule = open('cosine:warmup=100,total=20000,peak=3e-4,end=3e-5');
  assert.ok(withSchedule.forecast.wanted(withSchedule.forecastContext()), 'a forecast is asked for the train loss');
  withSchedule.setSource(lightningLog(4));
  assert.equal(withSchedule.columns?.y, 'train_loss_step', 'four evals: the forecast of the train loss stays');
  withSchedule.setSource(lightningLog(5));
  assert.equal(withSchedule.columns?.y, 'train_loss_step');
  withSchedule.setSource(lightningLog(6));
  assert.equal(withSchedule.columns?.y, 'val_loss', 'six: the val loss, with its own forecast');
  const without = open(undefined);
  without.setSource(lightningLog(4));
  assert.equal(without.columns?.y, 'val_loss', 'no forecast asked: the laws need 4, as before');
});

test("the watch's bound is the forecast's own: cleanPrefix refuses 5 losses and takes 6", () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 100);
  assert.throws(() => cleanPrefix(steps(MIN_FORECAST_LOSSES - 1), steps(MIN_FORECAST_LOSSES - 1).map(() => 3)), /at least 6/);
  assert.equal(cleanPrefix(steps(MIN_FORECAST_LOSSES), steps(MIN_FORECAST_LOSSES).map(() => 3)).steps.length, MIN_FORECAST_LOSSES);
});
