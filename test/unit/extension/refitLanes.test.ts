// A live panel's refits in two lanes, without VS Code: the schedule forecast is posted as soon as
// it lands, before the slower law fits of the same data finish; a newer append supersedes the
// refit of an older one instead of queueing behind it; and the lane's rules themselves (the
// first run is never cut short, a run past half its expected time finishes, a forced request
// cancels, a request for the state already in flight changes nothing). Data: data/lr-schedules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalyzeOptions, CurveAnalysis, Point } from '../../../src/core/analysis';
import { analyzeCurve } from '../../../src/core/analyze';
import { formatAmount } from '../../../src/core/units';
import { CancelledError } from '../../../src/extension/fitClient';
import { runForecastJob, type ForecastJobData, type ForecastJobOptions } from '../../../src/extension/forecastJob';
import { RefitLanes } from '../../../src/extension/live/refitLanes';
import { Superseding } from '../../../src/extension/live/supersede';
import { LensSession, type CancelToken } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import type { PanelData } from '../../../src/shared/protocol';
import { rows, SPECS } from '../schedule/lrData';
import { testDeps, testSettings } from './sessionFixture';

const cosine = rows('25M', 'cosine_72000');
const half = Math.floor(cosine.steps.length / 2);
const f64 = (a: number[]) => Float64Array.from(a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sourceOf(n: number): SourceData {
  const x = { step: f64(cosine.steps.slice(0, n)) };
  return {
    format: 'csv',
    warnings: [],
    runs: [
      {
        name: 'cosine',
        origin: '/c.csv',
        format: 'csv',
        series: [
          { key: 'loss', split: 'train', x, y: f64(cosine.loss.slice(0, n)) },
          { key: 'lr', split: 'other' as never, x, y: f64(cosine.lr.slice(0, n)) },
        ],
      },
    ],
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A lane's runs held open until the test resolves their gates, each run's cancel token kept. */
function gatedRuns(): { gates: { resolve: () => void }[]; tokens: CancelToken[]; run: (token: CancelToken) => Promise<void> } {
  const gates: { resolve: () => void }[] = [];
  const tokens: CancelToken[] = [];
  const run = async (token: CancelToken): Promise<void> => {
    tokens.push(token);
    const d = deferred();
    gates.push(d);
    await d.promise;
  };
  return { gates, tokens, run };
}

/** As the fit client does: the job runs to its end, and a cancelled caller gets CancelledError. */
async function asWorker<T>(token: CancelToken | undefined, wait: Promise<unknown>, job: () => T): Promise<T> {
  await wait;
  const out = job();
  if (token?.isCancellationRequested) throw new CancelledError();
  return out;
}

interface Call {
  readonly lastStep: number;
  readonly token: CancelToken | undefined;
}

function sessionWith(analyzeGate: () => Promise<unknown>, forecastGate: () => Promise<unknown>) {
  const analyses: Call[] = [];
  const forecasts: Call[] = [];
  const analyze = (points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>, token?: CancelToken): Promise<CurveAnalysis> => {
    analyses.push({ lastStep: points[points.length - 1]!.x, token });
    return asWorker(token, analyzeGate(), () => analyzeCurve(points, options));
  };
  const forecast = (data: ForecastJobData, options: ForecastJobOptions, token?: CancelToken) => {
    forecasts.push({ lastStep: data.steps[data.steps.length - 1]!, token });
    return asWorker(token, forecastGate(), () => runForecastJob(data, { ...options, bootstrap: 10 }));
  };
  const s = testSettings(['m1', 'm2']);
  const session = new LensSession('/c.csv', 'c.csv', testDeps(s, { analyze, forecast }));
  session.forecast.setSchedule(SPECS.cosine_72000);
  return { session, analyses, forecasts };
}

interface Posted {
  readonly lane: 'forecast' | 'laws';
  readonly data: PanelData;
  readonly status: string | undefined;
}

function lanesOf(session: LensSession): { lanes: RefitLanes; posted: Posted[] } {
  const posted: Posted[] = [];
  const post = (lane: Posted['lane']): void => {
    posted.push({ lane, data: session.panelData(), status: session.statusLine() });
  };
  const lanes = new RefitLanes(() => session, {
    forecastLanded: () => post('forecast'),
    lawsLanded: () => post('laws'),
    onError: (err) => assert.fail(`unexpected lane error: ${String(err)}`),
  });
  return { lanes, posted };
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

test('lanes: the forecast of a grown log is posted (panel and status line) while its law fits are still running', async () => {
  let gate = deferred();
  const { session, analyses } = sessionWith(() => gate.promise, () => Promise.resolve());
  const { lanes, posted } = lanesOf(session);
  session.setSource(sourceOf(half));
  lanes.request();
  await until('the first forecast', () => posted.some((p) => p.lane === 'forecast'));
  assert.equal(analyses.length, 1, 'the law fit started at the same time');
  assert.ok(!posted.some((p) => p.lane === 'laws'), 'the law fit is held at its gate: the forecast did not wait for it');
  const first = posted.find((p) => p.lane === 'forecast')!;
  const last = cosine.steps[half - 1]!;
  assert.equal(first.data.forecast?.result?.fittedTo, last);
  assert.equal(first.data.forecast?.stale, undefined, 'the posted forecast is of the current data');
  const y = first.data.forecast!.result!.final.y;
  assert.ok(first.status?.endsWith(`→ ${y.toPrecision(4).replace(/\.?0+$/, '')} at end (${formatAmount(72000)} steps)`), `the status line heads with the forecast to the end of the schedule: ${first.status}`);
  gate.resolve();
  await lanes.whenIdle();
  assert.deepEqual(
    posted.map((p) => p.lane),
    ['forecast', 'laws'],
  );
  assert.ok(posted[1]!.data.chart?.series.some((s) => s.role === 'curve'), 'the law curves arrive with the second post');

  // the log grows: again the forecast first, its law fit still held
  gate = deferred();
  session.setSource(sourceOf(half + 5));
  lanes.request();
  await until('the forecast of the grown log', () => posted.length === 3);
  assert.equal(posted[2]!.lane, 'forecast');
  assert.equal(posted[2]!.data.forecast?.result?.fittedTo, cosine.steps[half + 4]);
  assert.match(posted[2]!.data.stale ?? '', /refitting/, 'the previous law fit stays on screen, marked stale, under the new forecast');
  gate.resolve();
  await lanes.whenIdle();
  assert.equal(posted[3]!.lane, 'laws');
  assert.equal(posted[3]!.data.stale, undefined);
});

test('session.refit: onForecast is called before the law fits land', async () => {
  const gate = deferred();
  const { session } = sessionWith(() => gate.promise, () => Promise.resolve());
  session.setSource(sourceOf(half));
  const order: string[] = [];
  const done = session.refit(undefined, () => order.push('forecast')).then(() => order.push('all'));
  await until('the forecast callback', () => order.length > 0);
  assert.deepEqual(order, ['forecast']);
  gate.resolve();
  await done;
  assert.deepEqual(order, ['forecast', 'all']);
});

test('lanes: a burst of appends is one follow-up on the newest data; a law fit in flight is superseded, not queued behind', async () => {
  const { session, analyses, forecasts } = sessionWith(() => sleep(60), () => sleep(60));
  const { lanes, posted } = lanesOf(session);
  session.setSource(sourceOf(half));
  lanes.request();
  await lanes.whenIdle();
  assert.deepEqual(
    posted.map((p) => p.lane).sort(),
    ['forecast', 'laws'],
  );
  posted.length = 0;
  const before = { a: analyses.length, f: forecasts.length };
  // three appends in a burst: the second and third arrive while the refits of the first have just started
  for (const n of [half + 1, half + 2, half + 3]) {
    session.setSource(sourceOf(n));
    lanes.request();
  }
  await lanes.whenIdle();
  const first = cosine.steps[half]!;
  const newest = cosine.steps[half + 2]!;
  assert.deepEqual(
    analyses.slice(before.a).map((c) => [c.lastStep, c.token?.isCancellationRequested]),
    [
      [first, true],
      [newest, false],
    ],
    'the law fit of the first append was cancelled; the newest data fitted once; the middle append never',
  );
  assert.equal(lanes.laws.superseded, 1);
  // the forecast job cannot stop half-way: the one in flight finishes, then the newest data once
  assert.deepEqual(
    forecasts.slice(before.f).map((c) => [c.lastStep, c.token?.isCancellationRequested]),
    [
      [first, false],
      [newest, false],
    ],
  );
  assert.equal(lanes.forecast.superseded, 0);
  const fcPosts = posted.filter((p) => p.lane === 'forecast');
  assert.equal(fcPosts.length, 2);
  assert.equal(fcPosts[0]!.data.forecast?.stale, true, 'the forecast of the first append is shown marked stale while the newest is computed');
  assert.equal(fcPosts[1]!.data.forecast?.result?.fittedTo, newest);
  assert.equal(fcPosts[1]!.data.forecast?.stale, undefined);
  // the law fits reach the panel once, of the newest data: nothing of the superseded fit was posted
  const lawPosts = posted.filter((p) => p.lane === 'laws');
  assert.equal(lawPosts.length, 1);
  assert.equal(lawPosts[0]!.data.stale, undefined);
  assert.equal(session.needsRefit(), false);
});

test('superseding lane: the first run finishes; a young run is cancelled, one past half its expected time finishes; force cancels; the same state does nothing', async () => {
  let clock = 0;
  const { gates, tokens, run } = gatedRuns();
  let key = 'a';
  const lane = new Superseding(
    run,
    { now: () => clock, keyOf: () => key },
  );
  const finish = async (i: number, ms: number) => {
    clock += ms;
    gates[i]!.resolve();
    await sleep(0);
  };
  lane.request();
  key = 'b';
  lane.request();
  assert.equal(tokens[0]!.isCancellationRequested, false, 'no measured duration yet: the first run is never cut short by growth');
  await finish(0, 100);
  assert.equal(lane.lastDurationMs, 100);
  assert.equal(tokens.length, 2, 'one follow-up run for the newer state');
  await finish(1, 100);
  await lane.whenIdle();
  // a young run (10 ms of an expected 100) is superseded
  key = 'c';
  lane.request();
  clock += 10;
  lane.request();
  assert.equal(lane.superseded, 0, 'the same state as the run in flight: nothing to supersede');
  key = 'd';
  lane.request();
  assert.equal(tokens[2]!.isCancellationRequested, true);
  assert.equal(lane.superseded, 1);
  await finish(2, 0);
  assert.equal(tokens.length, 4);
  // past half its expected time: it finishes, one run follows
  clock += 60;
  key = 'e';
  lane.request();
  lane.request();
  assert.equal(tokens[3]!.isCancellationRequested, false);
  // a forced request (the user changed the settings) cancels whatever runs
  key = 'f';
  lane.request({ force: true });
  assert.equal(tokens[3]!.isCancellationRequested, true);
  await finish(3, 0);
  assert.equal(tokens.length, 5);
  await finish(4, 50);
  await lane.whenIdle();
  assert.equal(tokens.length, 5, 'the requests in between became one run');
  assert.equal(lane.lastDurationMs, 50);
});

test('superseding lane: appends faster than half a fit never starve it; the run after a growth-cancelled one finishes', async () => {
  let clock = 0;
  const { gates, tokens, run } = gatedRuns();
  let key = 0;
  const lane = new Superseding(run, { now: () => clock, keyOf: () => String(key) });
  lane.request();
  clock += 1000;
  gates[0]!.resolve();
  await sleep(0);
  await lane.whenIdle();
  assert.equal(lane.lastDurationMs, 1000);
  // an append every 100 ms (a tenth of a fit): before, every run was cancelled while young and none landed
  let landed = 0;
  for (let t = 0; t < 30; t++) {
    key++;
    lane.request();
    clock += 100;
    const i = tokens.length - 1;
    if (clock % 1000 === 0 && !tokens[i]!.isCancellationRequested) {
      gates[i]!.resolve();
      await sleep(0);
      landed++;
    } else if (tokens[i]!.isCancellationRequested) {
      gates[i]!.resolve();
      await sleep(0);
    }
  }
  assert.ok(landed >= 2, `runs that finished while the log grew: ${landed}`);
  assert.ok(tokens.filter((t, i) => i > 0 && t.isCancellationRequested).length <= tokens.length / 2 + 1, 'at most every other run is cancelled by growth');
  lane.dispose();
});

test('superseding lane without growth superseding (the forecast): a young run finishes, one follow-up; force still cancels', async () => {
  let clock = 0;
  const { gates, tokens, run } = gatedRuns();
  let key = 0;
  const lane = new Superseding(
    run,
    { now: () => clock, keyOf: () => String(key), supersedeGrowth: false },
  );
  lane.request();
  clock += 100;
  gates[0]!.resolve();
  await lane.whenIdle();
  key++;
  lane.request();
  for (let i = 0; i < 5; i++) {
    clock += 1;
    key++;
    lane.request();
  }
  assert.equal(tokens[1]!.isCancellationRequested, false, 'young, but growth does not cancel it');
  gates[1]!.resolve();
  await sleep(0);
  assert.equal(tokens.length, 3, 'five requests, one follow-up');
  key++;
  lane.request({ force: true });
  assert.equal(tokens[2]!.isCancellationRequested, true);
  gates[2]!.resolve();
  await sleep(0);
  gates[3]!.resolve();
  await lane.whenIdle();
  assert.equal(tokens.length, 4);
});

test('lanes: a curve with no fit on screen gets its point fits first, then their intervals; a refit of a fitted curve keeps the older fit until the whole refit lands', async () => {
  const boots: number[] = [];
  const analyze = (points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>): Promise<CurveAnalysis> => {
    boots.push(options.bootstrap ?? 0);
    return Promise.resolve(analyzeCurve(points, options));
  };
  const session = new LensSession('/c.csv', 'c.csv', testDeps(testSettings(['m2', 'm4'], { bootstrapSamples: 8 }), { analyze }));
  const posted: { lane: string; data: PanelData }[] = [];
  const lanes = new RefitLanes(() => session, {
    forecastLanded: () => undefined,
    pointFitsLanded: () => posted.push({ lane: 'points', data: session.panelData() }),
    lawsLanded: () => void posted.push({ lane: 'laws', data: session.panelData() }),
    onError: (err) => assert.fail(`unexpected lane error: ${String(err)}`),
  });
  session.setSource(sourceOf(half));
  lanes.request();
  await lanes.whenIdle();
  assert.deepEqual(boots, [0, 8], 'without the bootstrap first, then with it');
  assert.deepEqual(posted.map((p) => p.lane), ['points', 'laws']);
  const [quick, full] = posted.map((p) => p.data.prediction!);
  assert.equal(quick!.lo, undefined);
  assert.match(quick!.intervalNote ?? '', /interval follows/);
  assert.equal(posted[0]!.data.stale, undefined, 'the point fits are of the current data, not a stale fit');
  assert.ok(full!.lo! < full!.y && full!.y < full!.hi!, 'the intervals arrive with the second post');
  assert.equal(full!.intervalNote, undefined);
  assert.equal(full!.y, quick!.y, 'the same estimate: the bootstrap adds the interval only');
  assert.equal(full!.law, quick!.law);

  // the log grows: one refit with the bootstrap; until it lands the previous fit, with its interval, stays
  session.setSource(sourceOf(half + 5));
  assert.ok(session.panelData().prediction?.lo !== undefined);
  lanes.request();
  await lanes.whenIdle();
  assert.deepEqual(boots, [0, 8, 8]);
  assert.deepEqual(posted.map((p) => p.lane), ['points', 'laws', 'laws']);
  lanes.dispose();
});
