// The panel's schedule-aware forecast without VS Code: the worker's job (spec, prior, what-if),
// the per-panel ForecastState (setters, bad input as one line), the session's Forecast block and
// chart series, and the protocol's validators for them. Data: data/lr-schedules (Luo et al.).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanLrLog, fitScheduleLaw, parseSchedule } from '../../../src/core/schedule/index';
import { ScalingLensError } from '../../../src/core/types';
import { runForecastJob } from '../../../src/extension/forecastJob';
import { ForecastState, loggedLrHint, SCHEDULE_HINT } from '../../../src/extension/model/forecastState';
import { LensSession, type SessionDeps } from '../../../src/extension/session';
import type { Settings } from '../../../src/extension/settings';
import { testDeps, testSettings } from './sessionFixture';
import type { SourceData } from '../../../src/ingest/model/model';
import { validateFromWebview, validatePanelData, validateToWebview } from '../../../src/shared/validate';
import { rows, SPECS, TRAIN } from '../schedule/lrData';
import { readSource } from '../../../src/ingest/files/read';
import { liveStatusText, liveTooltip } from '../../../src/extension/live/statusText';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const cosine = rows('25M', 'cosine_72000');
const half = Math.floor(cosine.steps.length / 2);
const f64 = (a: number[]) => Float64Array.from(a);

function halfData(withLr = true) {
  return {
    steps: f64(cosine.steps.slice(0, half)),
    loss: f64(cosine.loss.slice(0, half)),
    ...(withLr ? { lrSteps: f64(cosine.steps.slice(0, half)), lr: f64(cosine.lr.slice(0, half)) } : {}),
  };
}

test('forecast job: the schedule spec carries the forecast to the end of the schedule; a what-if cooldown ends the run early', () => {
  const out = runForecastJob(halfData(), { spec: SPECS.cosine_72000, bootstrap: 20, targetLoss: 3.3, cooldown: { at: 'now', over: 4000, shape: 'linear' } });
  assert.equal(out.base.final.step, 72000);
  const truth = cosine.loss[cosine.loss.length - 1]!;
  // the run alone (no prior): the pinned half-run error is ≈ 1.8% mean over three runs
  assert.ok(Math.abs(out.base.final.y - truth) / truth < 0.03, `final ${out.base.final.y} vs ${truth}`);
  assert.ok(out.base.final.lo < out.base.final.y && out.base.final.y < out.base.final.hi);
  assert.ok(out.base.reaches && out.base.reaches.probability > 0.5, 'a 3.3 target is met well before the end');
  const last = cosine.steps[half - 1]!;
  assert.ok(out.whatIf, 'what-if forecast present');
  assert.equal(out.whatIf.forecast.final.step, last + 4000);
  assert.match(out.whatIf.label, new RegExp(`now \\(step ${last}\\), linear over 4000 steps`));
  assert.ok(out.whatIf.forecast.final.y > out.base.final.y, 'stopping at ~40k steps ends higher than the full 72k-step run');
  // the base forecast back-tested on the log: from half of it (72k / 36k is a 2× reach) to its last losses
  const own = out.ownHistory;
  assert.ok(own && own.missedBy !== undefined && Math.abs(own.missedBy) < 0.05, JSON.stringify(own));
  assert.ok(Math.abs(own.askedReach - 72000 / last) < 1e-9 && own.reach! >= own.askedReach);
});

test('forecast job: bad input is one clear line (spec, LR ≤ 0, restarts, a log longer than the spec); a what-if without a spec is a note, not a failure', () => {
  assert.throws(() => runForecastJob(halfData(), { spec: 'cosine:warmup=2160,total=abc' }), (e: unknown) => e instanceof ScalingLensError && /total must be a number/.test(e.message));
  const d = halfData();
  d.lr![10] = 0;
  assert.throws(() => runForecastJob(d, { spec: SPECS.cosine_72000 }), /learning rate 0 at step/);
  const back = halfData();
  back.steps[20] = back.steps[5]!;
  assert.throws(() => runForecastJob(back, { spec: SPECS.cosine_72000 }), /step goes back/);
  assert.throws(() => runForecastJob(halfData(false), { spec: 'cosine:warmup=2160,total=20000,peak=3e-4,end=3e-5' }), /past the end of the schedule/);
  const noSpec = runForecastJob(halfData(), { cooldown: { at: 'now', over: 2000, shape: 'linear' }, bootstrap: 5 });
  assert.equal(noSpec.whatIf, undefined);
  assert.match(noSpec.whatIfError ?? '', /needs a learning-rate schedule spec/);
});

test('ForecastState: a bad spec is reported and not applied; setters check their input', () => {
  const st = new ForecastState(undefined);
  assert.equal(st.setSchedule(SPECS.cosine_72000), undefined);
  const kept = st.spec;
  assert.ok(kept?.startsWith('cosine:'));
  assert.match(st.setSchedule('cosine:warmup=10') ?? '', /missing total=/);
  assert.equal(st.spec, kept, 'the last good spec stays in force');
  assert.match(st.specError ?? '', /^bad schedule/);
  st.setSchedule('');
  assert.equal(st.spec, undefined);
  assert.equal(st.specError, undefined);
  assert.throws(() => st.setTargetLoss(0), /target loss/);
  assert.throws(() => st.setTargetLoss(Number.NaN), /target loss/);
  st.setTargetLoss(3.2);
  assert.equal(st.targetLoss, 3.2);
  assert.throws(() => st.setPrior({ law: 'mpl', params: { L0: 1 } } as never, 'x.json'), /parameter A/);
  assert.throws(() => st.setWhatIf({ at: 1.5, over: 10, shape: 'linear' }), /whole number/);
  st.setWhatIf({ at: 'now', over: 100, shape: 'exp' });
  assert.equal(st.whatIf?.over, 100);
});

const settings = (over: Partial<Settings> = {}): Settings => testSettings(['m1'], over);
const deps = (s: Settings): SessionDeps => testDeps(s, { forecast: async (data, options) => runForecastJob(data, { ...options, bootstrap: 10 }) });

function sourceOf(n: number, withLr: boolean, time = false): SourceData {
  const step = f64(cosine.steps.slice(0, n));
  const x = { step, ...(time ? { time: Float64Array.from(step, (s) => 0.5 * s) } : {}) };
  const series = [{ key: 'loss', split: 'train' as const, x, y: f64(cosine.loss.slice(0, n)) }];
  if (withLr) series.push({ key: 'lr', split: 'other' as never, x, y: f64(cosine.lr.slice(0, n)) });
  return { format: 'csv', warnings: [], runs: [{ name: 'cosine', origin: '/c.csv', format: 'csv', series }] };
}

test('session: no LR and no spec → the regular laws plus one hint; a spec → the forecast block and its chart series', async () => {
  const session = new LensSession('/c.csv', 'c.csv', deps(settings({ targetLoss: 3.3 })));
  session.setSource(sourceOf(half, false, true));
  await session.refit();
  let data = session.panelData();
  assert.equal(data.forecast?.hint, SCHEDULE_HINT);
  assert.equal(data.forecast?.result, undefined);
  assert.ok(data.chart?.series.some((s) => s.role === 'curve'), 'the regular laws are still fitted');
  assert.ok(!data.chart?.series.some((s) => s.role === 'forecast'));
  session.forecast.setSchedule(SPECS.cosine_72000);
  assert.ok(session.needsRefit(), 'a new spec asks for a refit');
  await session.refit();
  data = validatePanelData(JSON.parse(JSON.stringify(session.panelData())), 'data');
  const r = data.forecast?.result;
  assert.ok(r, 'forecast computed');
  assert.equal(r.final.step, 72000);
  assert.equal(r.reaches?.loss, 3.3);
  const last = cosine.steps[half - 1]!;
  if (r.reaches?.step !== null && r.reaches!.step! > last) {
    assert.equal(r.reaches!.etaSteps, r.reaches!.step! - last);
    assert.ok(Math.abs(r.reaches!.etaSeconds! - 0.5 * r.reaches!.etaSteps!) < 1e-6, 'ETA from the log’s time axis (0.5 s/step)');
  }
  const roles = data.chart!.series.map((s) => s.role);
  assert.ok(roles.includes('forecast') && roles.includes('band'));
  const fc = data.chart!.series.find((s) => s.role === 'forecast')!;
  assert.equal(fc.points[fc.points.length - 1]!.x, 72000);
  assert.ok(data.chart!.series.some((s) => s.id === 'forecast-powerlaw'));
  assert.equal(session.needsRefit(), false);
  // "when does the loss reach …?" is answered by this forecast while it is the one shown
  const curve = session.selected[0]!;
  const reach = session.forecastReach(curve, r.final.y * 1.001, last);
  assert.ok(reach && reach.x !== undefined && reach.x > last && reach.x <= 72000, JSON.stringify(reach));
  assert.deepEqual(session.liveFacts()?.forecast, { x: 72000, y: r.final.y }, 'the live line heads with the forecast to the end of the schedule');
  // how far it can be trusted: in the Forecast block, and in the status bar's tooltip
  assert.ok(r.ownHistory?.missedBy !== undefined, JSON.stringify(r.ownHistory));
  assert.match(session.liveFacts()?.forecastTrust ?? '', /^On this run's own history, a forecast from \d+% of the logged steps/);
  // the what-if: a second (dashed) curve
  session.forecast.setWhatIf({ at: 'now', over: 3000, shape: 'linear' });
  await session.refit();
  data = session.panelData();
  assert.equal(data.forecast?.result?.whatIf?.final.step, last + 3000);
  assert.equal(data.chart!.series.find((s) => s.id === 'forecast-whatif')?.role, 'extrapolation');
  // a schedule cleared leaves no forecast to answer with, though the last one is still held
  session.forecast.setSchedule('');
  assert.ok(session.forecast.latest(curve));
  assert.equal(session.forecastReach(curve, r.final.y * 1.001, last), undefined);
});

test('session: a logged LR without a spec → a hint naming it (η is known only up to now); with a spec and a prior → the multi-power law; LR ≤ 0 is one error line', async () => {
  const session = new LensSession('/c.csv', 'c.csv', deps(settings()));
  const src = sourceOf(half, true);
  session.setSource(src);
  await session.refit();
  let data = session.panelData();
  assert.equal(data.forecast?.lrKey, 'lr');
  // half a cosine run: the hint and the field offer the schedule its logged LR follows
  assert.match(data.forecast?.hint ?? '', /^This log's learning rate \(lr\) follows cosine:warmup=2160,total=7\d{4},peak=0\.0003,end=0\.0000\d+ so far \(within 0\.1%\)\. It is in the field below: check it, then Set schedule to forecast the run to its end at step 7[12](\.\d)?K\.$/, 'the end as an amount, as the rest of the panel writes steps (walkthrough: "step 239292" beside "239K")');
  assert.equal(data.forecast?.suggestedSpec, /follows (\S+) so far/.exec(data.forecast?.hint ?? '')?.[1]);
  assert.ok(Math.abs(parseSchedule(data.forecast!.suggestedSpec!).total / 72000 - 1) < 0.01);
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
  assert.ok(!data.forecast?.result);
  // where the log cannot tell, the hint says why
  assert.equal(loggedLrHint('lr', { ok: false, why: 'the LR drops from 0.0003 to 0.00003 at step 8000 in one go' }), "This log's learning rate (lr) gives no schedule to follow: the LR drops from 0.0003 to 0.00003 at step 8000 in one go. Type the run's planned schedule in the field below, then Set schedule to forecast the run to the end of training.");
  assert.equal(session.needsRefit(), false, 'no forecast is asked for without a spec');
  // a prior (a fit of finished sibling runs) switches to the multi-power law
  const prior = fitScheduleLaw(TRAIN.map((n) => { const q = rows('25M', n); return { name: n, steps: q.steps, loss: q.loss, lr: cleanLrLog({ steps: q.steps, lr: q.lr }) }; }), 'mpl', 1).fit;
  session.forecast.setPrior(prior, 'siblings');
  session.forecast.setSchedule(SPECS.cosine_72000);
  await session.refit();
  data = session.panelData();
  assert.equal(data.forecast?.result?.law, 'mpl');
  assert.equal(data.forecast?.result?.mode, 'prior');
  assert.equal(data.forecast?.prior, 'siblings');
  const truth = cosine.loss[cosine.loss.length - 1]!;
  const withPrior = session.panelData().forecast?.result;
  assert.ok(withPrior && Math.abs(withPrior.final.y - truth) / truth < 0.01);
  const bad = sourceOf(half, true);
  (bad.runs[0]!.series[1]!.y as Float64Array)[30] = -1e-4;
  session.setSource(bad);
  await session.refit();
  data = session.panelData();
  assert.match(data.forecast?.error ?? '', /learning rate -0\.0001 at step/);
  assert.equal(data.forecast?.error?.includes('\n'), false);
});

test('protocol: the forecast view and setSchedule are validated', () => {
  const base = { title: 't', source: 's', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  const fc = { curve: 'c', warnings: [], result: { law: 'mpl', lawName: 'multi-power law', mode: 'prior', final: { step: 10, y: 1, lo: 0.9, hi: 1.1 }, reaches: { loss: 1, step: null, probability: 0.4 }, powerLaw: { final: { step: 10, y: 1, lo: 0.9, hi: 1.1 } }, lastValue: { step: 5, y: 1.2 }, fittedTo: 5 } };
  assert.equal(validatePanelData({ ...base, forecast: fc }, 'd').forecast?.result?.reaches?.step, null);
  assert.throws(() => validatePanelData({ ...base, forecast: { ...fc, result: { ...fc.result, reaches: { loss: 1, step: 3, probability: 1.5 } } } }, 'd'), /probability/);
  assert.throws(() => validatePanelData({ ...base, forecast: { ...fc, result: { ...fc.result, law: 'bnsl' } } }, 'd'), /mpl \| tissue/);
  assert.throws(() => validatePanelData({ ...base, forecast: { ...fc, result: { ...fc.result, lawName: 3 } } }, 'd'), /lawName/);
  assert.deepEqual(validateFromWebview({ type: 'setSchedule', spec: 'wsd:…' }), { type: 'setSchedule', spec: 'wsd:…' });
  assert.throws(() => validateFromWebview({ type: 'setSchedule', spec: 'x'.repeat(501) }), /at most 500/);
});

test('session on an HF trainer_state.json: the planned max_steps is the suggested schedule\'s total', async () => {
  const src = await readSource(join(__dirname, '..', '..', 'fixtures', 'logformats', 'trainer_state.json'));
  const session = new LensSession('/trainer_state.json', 'trainer_state.json', deps(settings()));
  session.setSource(src);
  const data = session.panelData();
  assert.equal(data.forecast?.lrKey, 'learning_rate');
  assert.equal(data.forecast?.suggestedSpec, 'linear:warmup=10,total=120,peak=0.0000458,end=0');
  assert.match(data.forecast?.hint ?? '', /total is the planned length the log or config records, 120 steps/);
  await session.refit();
  assert.match(session.panelData().prediction?.caution ?? '', /planned to end at step 120 \(the planned length its log or config records\)/);
  // and the chart marks where it is on its x axis
  const end = session.panelData().chart?.markers.find((m) => m.kind === 'end');
  assert.equal(end?.label, 'planned end (step 120)');
  // the fixture counts 4096 tokens a step (245760 at step 60): the end is where 120 steps' tokens are
  assert.equal(session.panelData().columns?.selectedX, 'tokens');
  assert.ok(Math.abs((end?.x ?? 0) / (120 * 4096) - 1) < 0.01, `end at ${end?.x}`);
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data: session.panelData() }))), 'the webview accepts the marker');
  // the headline offers the planned end as its target; taken, the caution is gone
  const endTarget = session.panelData().prediction?.endTarget;
  assert.equal(end?.x, 491520);
  assert.equal(endTarget, '491.52K', 'a target to read, in the style a reached x is typed in');
  session.setTarget(endTarget!);
  await session.refit();
  assert.equal(session.panelData().prediction?.x, end?.x);
  assert.equal(session.panelData().prediction?.targetLabel, '492K tokens');
  assert.equal(session.panelData().prediction?.caution, undefined);
  assert.equal(session.panelData().prediction?.endTarget, undefined);
  session.setTarget('1.05x');
  await session.refit();
  assert.ok(session.panelData().prediction);
  assert.doesNotMatch(session.panelData().prediction?.caution ?? '', /planned to end/, 'a target before the planned end is not past it');
});

test("session on a finished HF run (global_step = max_steps): the Forecast block gives the final loss as logged, no call to forecast to an end already logged (walkthrough: '… so far … Set schedule to forecast the run to its end at step 4000')", async () => {
  const state = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'logformats', 'trainer_state.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'sl-ended-'));
  try {
    const path = join(dir, 'trainer_state.json');
    writeFileSync(path, JSON.stringify({ ...state, max_steps: 60 }));
    const session = new LensSession(path, 'trainer_state.json', deps(settings()));
    session.setSource(await readSource(path));
    const fc = session.panelData().forecast;
    assert.equal(fc?.hint, 'This run has logged its planned end, step 60: its final loss as logged is 2.413 (step 60). There is no step ahead to forecast.');
    assert.equal(fc?.suggestedSpec, undefined);
    // a run with steps ahead is still offered its schedule
    writeFileSync(path, JSON.stringify(state));
    session.setSource(await readSource(path));
    assert.match(session.panelData().forecast?.hint ?? '', /Set schedule to forecast the run to its end at step 120/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('session: a headline past a run whose LR has decayed below half its peak carries that caution; half a cosine run (LR at 55%) and a log without an LR do not', async () => {
  const full = new LensSession('/c.csv', 'c.csv', deps(settings()));
  full.setSource(sourceOf(cosine.steps.length, true));
  await full.refit();
  assert.match(full.panelData().prediction?.caution ?? '', /the learning rate \(lr\) has decayed to 10% of its peak by the last step: part of the recent fall is the decay's/);
  for (const src of [sourceOf(half, true), sourceOf(cosine.steps.length, false)]) {
    const s = new LensSession('/c.csv', 'c.csv', deps(settings()));
    s.setSource(src);
    await s.refit();
    assert.ok(s.panelData().prediction);
    assert.doesNotMatch(s.panelData().prediction?.caution ?? '', /learning rate/);
  }
});

test('session: the laws\' caution points at the Forecast block only while it shows a forecast, not at a hint or a failure (walkthrough: an outrun schedule\'s error under "the Forecast block follows the schedule")', async () => {
  const three = Math.floor((3 * cosine.steps.length) / 4);
  const session = new LensSession('/c.csv', 'c.csv', deps(settings()));
  session.setSource(sourceOf(three, true));
  await session.refit();
  // no schedule set: the block offers one (a hint), it forecasts nothing
  assert.equal(session.panelData().forecast?.result, undefined);
  const caution = (): string => session.panelData().prediction?.caution ?? '';
  assert.match(caution(), /has decayed to \d+% of its peak by the last step/);
  assert.doesNotMatch(caution(), /Forecast block/);
  session.forecast.setSchedule(SPECS.cosine_72000);
  await session.refit();
  assert.ok(session.panelData().forecast?.result);
  assert.match(caution(), /the laws here carry it on \(the Forecast block follows the schedule\)/);
  // a schedule the log has outran: the block shows an error, and the caution no longer sends the reader there
  session.forecast.setSchedule(`cosine:warmup=2160,total=${cosine.steps[three - 1]! - 1000},peak=3e-4,end=3e-5`);
  await session.refit();
  assert.match(session.panelData().forecast?.error ?? '', /past the end of the schedule/);
  assert.match(caution(), /the laws here carry it on/);
  assert.doesNotMatch(caution(), /Forecast block/);
});

test('session: a forecast from a twentieth of the run is undetermined: marked for the panel, no headline for the status bar, no early warning', async () => {
  // a twentieth of the 100M run: from a tenth the panel's 40-resample band is now ×1.68, a forecast
  // (see test/unit/schedule/undetermined.test.ts)
  const short = rows('100M', 'cosine_24000');
  const n = Math.floor(short.steps.length / 20);
  const x = { step: f64(short.steps.slice(0, n)) };
  const series = [
    { key: 'loss', split: 'train' as const, x, y: f64(short.loss.slice(0, n)) },
    { key: 'lr', split: 'other' as never, x, y: f64(short.lr.slice(0, n)) },
  ];
  const session = new LensSession('/c.csv', 'c.csv', deps(settings({ targetLoss: 3.3, warnBelowProbability: 0.99 })));
  session.setSource({ format: 'csv', warnings: [], runs: [{ name: 'cosine', origin: '/c.csv', format: 'csv', series }] });
  session.forecast.setSchedule(SPECS.cosine_24000!);
  await session.refit();
  const data = validatePanelData(JSON.parse(JSON.stringify(session.panelData())), 'data');
  const r = data.forecast?.result;
  assert.ok(r, 'forecast computed');
  assert.equal(r.undetermined, true, JSON.stringify(r.final) + (data.forecast?.warnings ?? []).join(' | '));
  assert.ok(r.final.hi / r.final.lo > 2);
  assert.equal(data.forecast?.warning, undefined, 'P(final < target) of an undetermined end warns of nothing');
  assert.ok(data.forecast!.warnings.some((w) => /not determined by the steps logged so far/.test(w)));
  assert.notDeepEqual(session.liveFacts()?.forecast, { x: 24000, y: r.final.y }, 'the status bar does not lead with it');
  const drawn = data.chart!.series.map((s) => s.id);
  assert.ok(!drawn.includes('forecast') && !drawn.includes('forecast-band'), drawn.join());
  assert.ok(drawn.includes('forecast-powerlaw'), 'the power law in steps is still drawn');
});

test('session: a run logged to the end of its schedule draws no forecast series (nothing is ahead of it)', async () => {
  const session = new LensSession('/c.csv', 'c.csv', deps(settings()));
  session.setSource(sourceOf(cosine.steps.length, true));
  // its schedule ends at its last logged step
  const last = cosine.steps[cosine.steps.length - 1]!;
  session.forecast.setSchedule(`cosine:warmup=2160,total=${last},peak=3e-4,end=3e-5`);
  await session.refit();
  const data = session.panelData();
  assert.equal(data.forecast?.result?.final.step, last);
  assert.ok(!data.chart!.series.some((s) => s.group === 'forecast' || s.id === 'forecast-powerlaw'), data.chart!.series.map((s) => s.id).join());
});

test("a CSV with max_steps in the hparams.yaml beside it: the planned end is said to be its log's or config's, not its log's alone", async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'sl-hparams-end-'));
  const n = Math.floor(cosine.steps.length / 4);
  writeFileSync(join(dir, 'metrics.csv'), ['step,lr,loss', ...cosine.steps.slice(0, n).map((s, i) => `${s},${cosine.lr[i]},${cosine.loss[i]}`)].join('\n') + '\n');
  writeFileSync(join(dir, 'hparams.yaml'), 'max_steps: 72000\n');
  const src = await readSource(join(dir, 'metrics.csv'));
  const session = new LensSession(join(dir, 'metrics.csv'), 'metrics.csv', deps(settings()));
  session.setSource(src);
  assert.match(session.panelData().forecast?.hint ?? '', /total is the planned length the log or config records, 72000 steps/);
  await session.refit();
  assert.match(session.panelData().prediction?.caution ?? '', /planned to end at step 72K \(the planned length its log or config records\)/);
});

test('session: a schedule that the log has outrun (walkthrough: total=22000 set on a run at step 23,904) leaves the old forecast off the chart and the status bar, and its trust line off the tooltip', async () => {
  const session = new LensSession('/c.csv', 'c.csv', deps(settings({ targetLoss: 3.3 })));
  session.setSource(sourceOf(half, true));
  session.forecast.setSchedule(SPECS.cosine_72000);
  await session.refit();
  const before = session.panelData().forecast?.result;
  assert.ok(before?.ownHistory?.missedBy !== undefined, 'the forecast and its trust line, first');
  assert.deepEqual(session.liveFacts()?.forecast, { x: 72000, y: before.final.y });
  const last = cosine.steps[half - 1]!;
  session.forecast.setSchedule(`cosine:warmup=2160,total=${last - 1000},peak=3e-4,end=3e-5`);
  await session.refit();
  const data = session.panelData();
  assert.match(data.forecast?.error ?? '', /past the end of the schedule/);
  assert.ok(!data.chart!.series.some((s) => s.group === 'forecast' || s.id === 'forecast-powerlaw'), `the old schedule's curves linger: ${data.chart!.series.map((s) => s.id).join()}`);
  const facts = session.liveFacts();
  assert.notDeepEqual(facts?.forecast, { x: 72000, y: before.final.y }, "the status bar does not show the old schedule's end");
  assert.ok(!facts?.stale, 'no "*" waiting for a refit that failed');
  assert.equal(facts?.forecastTrust, undefined);
});

test('session: a watched run whose loss turned NaN to the end (diverged) keeps the forecast of the points before, but no P(final < target), early warning or own-history line (walkthrough: "diverged; last 3.294 at 34K) · P(end < 3.25) 84%")', async () => {
  const session = new LensSession('/c.csv', 'c.csv', deps(settings({ targetLoss: 3.3, warnBelowProbability: 0.99 })));
  const src = sourceOf(half, true);
  const [loss, lr] = src.runs[0]!.series;
  const lastStep = cosine.steps[half - 1]!;
  const tail = [1, 2, 3, 4].map((k) => lastStep + 128 * k);
  const grown = (xs: Float64Array, more: number[]) => Float64Array.from([...xs, ...more]);
  const step = grown(loss!.x.step!, tail);
  const series = [{ ...loss!, x: { step }, y: grown(loss!.y, tail.map(() => Number.NaN)) }, { ...lr!, x: { step }, y: grown(lr!.y, tail.map(() => 2e-4)) }];
  session.setSource({ ...src, runs: [{ ...src.runs[0]!, series }] });
  session.forecast.setSchedule(SPECS.cosine_72000);
  await session.refit();
  const fc = session.panelData().forecast;
  assert.ok(fc?.result, 'the forecast of the points before the divergence is still shown');
  assert.equal(fc.result.reaches, undefined, 'no P(final < target) for a run that diverged');
  assert.equal(fc.result.ownHistory, undefined, 'no back-test on its own history');
  assert.equal(fc.warning, undefined, 'no early warning');
  assert.ok(fc.warnings.some((w) => w.includes(`diverged at step ${(lastStep + 128).toLocaleString('en-US')}`)), fc.warnings.join(' | '));
  const facts = session.liveFacts()!;
  assert.match(liveStatusText(facts), /diverged/);
  assert.doesNotMatch(liveTooltip(facts, '/c.csv'), /own history/);
});
