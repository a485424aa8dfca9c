// The schedule CLI commands called in-process: --json shapes, predict/forecast from a saved fit,
// and one-line errors for bad input.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/cli/args';
import { command as schedule } from '../../../src/cli/commands/schedule';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { DATA, rows } from './lrData';
import { printed } from '../cli/printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-schedule-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run25 = (name: string): string => join(DATA, '25M', `${name}.csv`);

// a Tissue fit: fast, and enough to exercise fit → predict/forecast
const fitFile = join(dir, 'fit.json');

test('schedule fit --json: law, params, intervals, per-run errors, seconds', async () => {
  const { code, out } = await printed(() => schedule.run(['fit', run25('cosine_24000'), run25('constant_24000'), run25('wsdcon_9'), '--law', 'tissue', '--json']));
  assert.equal(code, 0);
  const j = JSON.parse(out);
  assert.equal(j.law, 'tissue');
  assert.deepEqual(Object.keys(j.params).sort(), ['A', 'C', 'L0', 'alpha', 'lambda']);
  assert.ok(j.intervals.L0[0] < j.params.L0 && j.params.L0 < j.intervals.L0[1]);
  assert.equal(j.runs.length, 3);
  assert.deepEqual(Object.keys(j.runs[0]).sort(), ['file', 'maxRelErr', 'meanRelErr', 'n']);
  assert.equal(j.runs[0].n, 171);
  assert.ok(j.runs.every((r: { meanRelErr: number; maxRelErr: number }) => r.meanRelErr > 0 && r.meanRelErr < 0.01 && r.maxRelErr >= r.meanRelErr));
  assert.ok(typeof j.seconds === 'number');
  writeFileSync(fitFile, out);
});

test('schedule predict --from: one object per run, the loss only scores; --schedule extends to the schedule end', async () => {
  const { out } = await printed(() => schedule.run(['predict', '--from', fitFile, run25('wsd_20000_24000'), run25('wsdcon_3'), '--json']));
  const j = JSON.parse(out);
  assert.equal(j.length, 2);
  assert.deepEqual(Object.keys(j[0]).filter((k) => k !== 'warnings').sort(), ['file', 'final', 'maxRelErr', 'meanRelErr', 'n']);
  assert.equal(j[0].final.step, 23904);
  assert.equal(j[0].final.observed, rows('25M', 'wsd_20000_24000').loss.at(-1));
  assert.ok(j[0].meanRelErr < 0.01);
  // the same run, LR only (no loss column): still predicted, nothing scored
  const lrOnly = join(dir, 'lr_only.csv');
  const r = rows('25M', 'wsdcon_3');
  writeFileSync(lrOnly, 'step,lr\n' + r.steps.map((s, i) => `${s},${r.lr[i]}`).join('\n') + '\n');
  const spec = 'two-stage:warmup=2160,switch=8000,total=16000,peak=3e-4,then=3e-5';
  const p = JSON.parse((await printed(() => schedule.run(['predict', '--from', fitFile, lrOnly, '--schedule', spec, '--json']))).out);
  assert.equal(p.n, 0);
  assert.equal(p.meanRelErr, null);
  assert.equal(p.final.step, 16000);
  assert.equal(p.final.observed, null);
  assert.ok(p.final.y > 3 && p.final.y < j[1].final.y, 'loss keeps falling to the end of the schedule');
});

test('forecast --json from the first half of a run: curve to the schedule end, final with interval, target reached', async () => {
  const r = rows('25M', 'wsdld_20000_24000');
  const half = join(dir, 'half.csv');
  const k = Math.floor(r.steps.length / 2);
  writeFileSync(half, 'step,lr,loss\n' + r.steps.slice(0, k).map((s, i) => `${s},${r.lr[i]},${r.loss[i]}`).join('\n') + '\n');
  const spec = 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=linear';
  const { code, out } = await printed(() => forecast.run([half, '--schedule', spec, '--prior', fitFile, '--target-loss', '3.3', '--bootstrap', '40', '--json']));
  assert.equal(code, 0);
  const j = JSON.parse(out);
  assert.equal(j.law, 'tissue');
  assert.equal(j.final.step, 24000);
  assert.ok(j.final.lo < j.final.y && j.final.y < j.final.hi);
  assert.equal(j.curve.at(-1).step, 24000);
  assert.equal(j.curve[0].step, r.steps[k - 1]);
  assert.equal(j.reaches.loss, 3.3);
  assert.ok(j.reaches.step > r.steps[k - 1] && j.reaches.step <= 24000);
  assert.ok(j.reaches.probability > 0.5);
  assert.ok(j.powerLaw.final.y > j.final.y, 'the power law in steps misses the cooldown');
  // a cooldown now ends the run earlier, at a higher loss than the full schedule
  const cd = JSON.parse((await printed(() => forecast.run([half, '--schedule', spec, '--prior', fitFile, '--cooldown', 'now,linear,1000', '--bootstrap', '0', '--json']))).out);
  assert.equal(cd.final.step, r.steps[k - 1] + 1000);
  assert.ok(cd.final.y > j.final.y);
});

test('bad input: one line, never a crash', async () => {
  const noLr = join(dir, 'nolr.csv');
  writeFileSync(noLr, 'step,loss\n' + [1, 2, 3, 4, 5, 6, 7].map((s) => `${s * 100},${4 - s * 0.1}`).join('\n') + '\n');
  const back = join(dir, 'restart.csv');
  writeFileSync(back, 'step,lr,loss\n100,1e-3,4\n200,1e-3,3.9\n300,1e-3,3.8\n150,1e-3,3.85\n');
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{"law": "m4"}');
  copyFileSync(run25('wsdcon_9'), join(dir, 'wsdcon_9.csv'));
  const cases: [() => Promise<number>, RegExp][] = [
    [() => forecast.run([noLr]), /logs no learning rate and no --schedule was given: a schedule .* makes the forecast schedule-aware; for a plain power-law forecast use "scaling-lens fit/],
    [() => forecast.run([noLr, '--schedule', 'cosine:total=100']), /bad schedule "cosine:total=100": missing peak=/],
    [() => forecast.run([noLr, '--schedule', 'constant:warmup=10,total=500,peak=1e-3']), /past the end of the schedule \(500\)/],
    [() => forecast.run([back]), /step goes back from 300 to 150/],
    [() => forecast.run([join(dir, 'wsdcon_9.csv'), '--prior', badJson]), /not a schedule-law fit/],
    [() => forecast.run([noLr, '--target-loss', '-1']), /--target-loss must be > 0/],
    [() => schedule.run(['fit', noLr]), /logs no learning rate/],
    [() => schedule.run(['fit', run25('wsdcon_9'), '--law', 'm4']), /--law must be mpl or tissue/],
    [() => schedule.run(['predict', run25('wsdcon_9')]), /needs --from FIT.json/],
    [() => schedule.run(['frobnicate']), /subcommand: fit or predict/],
    [() => schedule.run(['fit', join(dir, 'missing.csv')]), /missing\.csv/],
  ];
  for (const [f, re] of cases) {
    await assert.rejects(printed(f), (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'), String(re));
  }
});

test('forecast without --schedule on an HF trainer_state.json: the warning gives the schedule its LR follows, to its max_steps', async () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'logformats', 'trainer_state.json');
  const j = JSON.parse((await printed(() => forecast.run([file, '--bootstrap', '0', '--json']))).out);
  assert.ok(j.warnings.some((w: string) => /the logged LR follows linear:warmup=10,total=120,peak=0\.0000458,end=0 \(within 0\.1%; total is the planned length the log or config records, 120 steps\): give it as the schedule to forecast to step 120/.test(w)), j.warnings.join(' | '));
  assert.ok(!j.warnings.some((w: string) => /reached the end of its schedule/.test(w)));
  assert.equal(j.endsAt, 'last-logged');
  // a target's chance is the loss's at the last logged step, not the run's final loss
  const t = await printed(() => forecast.run([file, '--bootstrap', '0', '--target-loss', '0.5']));
  assert.match(t.out, /target 0\.5: not reached by step \d+, the last logged \(without --schedule the forecast goes no further\); P\(loss at step \d+ < target\) = /);
  assert.doesNotMatch(t.out, /P\(final < target\)/);
});

test('forecast --bootstrap 0 gives no band and no probability, not a band of zero width', async () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'logformats', 'trainer_state.json');
  const t = await printed(() => forecast.run([file, '--bootstrap', '0', '--target-loss', '0.5']));
  assert.match(t.out, /LR-annealing law +\d+ +[\d.]+ +— +—/);
  assert.match(t.out, /< target\) = —/);
  const j = JSON.parse((await printed(() => forecast.run([file, '--bootstrap', '0', '--target-loss', '0.5', '--json']))).out);
  assert.equal(j.final.lo, null);
  assert.equal(j.final.hi, null);
  assert.ok(j.curve.every((p: { lo: unknown }) => p.lo === null));
  assert.equal(j.reaches.probability, null);
  const banded = JSON.parse((await printed(() => forecast.run([file, '--bootstrap', '20', '--json']))).out);
  assert.ok(banded.final.hi > banded.final.lo, 'with resamples the band has width');
});

test('forecast on a Keras CSVLogger log (epochs, no steps): the message offers --step epoch, which forecasts by epoch', async () => {
  const keras = join(dir, 'training.log');
  const lines = ['epoch,accuracy,learning_rate,loss,val_accuracy,val_loss'];
  for (let e = 0; e < 40; e++) lines.push(`${e},${0.5 + e / 100},0.001,${2 + 3 * (e + 1) ** -0.4},${0.5 + e / 110},${2.05 + 3 * (e + 1) ** -0.4}`);
  writeFileSync(keras, lines.join('\n') + '\n');
  await assert.rejects(printed(() => forecast.run([keras])), /has no step axis \(it has epoch\).*count the schedule in epochs with --step epoch/);
  const j = JSON.parse((await printed(() => forecast.run([keras, '--step', 'epoch', '--schedule', 'constant:warmup=0,total=60,peak=1e-3', '--bootstrap', '0', '--json']))).out);
  assert.equal(j.final.step, 60);
  assert.ok(j.final.y > 2 && j.final.y < 2.6, String(j.final.y));
});

test('a prefix with no LR decay yet: the assumed-gain warning comes with a decay ahead in the schedule, not with a constant one', async () => {
  const r = rows('25M', 'wsd_20000_24000');
  const early = join(dir, 'early.csv');
  const k = r.steps.findIndex((s) => s > 15000);
  writeFileSync(early, 'step,lr,loss\n' + r.steps.slice(0, k).map((s, i) => `${s},${r.lr[i]},${r.loss[i]}`).join('\n') + '\n');
  const run = async (spec: string): Promise<string[]> => JSON.parse((await printed(() => forecast.run([early, '--schedule', spec, '--bootstrap', '0', '--json']))).out).warnings;
  assert.ok((await run('wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=exp')).some((w) => /annealing gain of the coming decay/.test(w)));
  assert.ok(!(await run('constant:warmup=2160,total=24000,peak=3e-4')).some((w) => /annealing gain/.test(w)));
});

test("forecast: the run's own-history line, as the panel's Forecast block gives it (text and JSON)", async () => {
  const half = join(dir, 'wsd_half.csv');
  const r = rows('25M', 'wsd_20000_24000');
  const k = Math.floor(r.steps.length / 2);
  writeFileSync(half, `step,lr,loss\n${r.steps.slice(0, k).map((s, i) => `${s},${r.lr[i]},${r.loss[i]}`).join('\n')}\n`);
  const spec = ['--schedule', 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4', '--bootstrap', '20'];
  const text = await printed(() => forecast.run([half, ...spec]));
  assert.equal(text.code, 0);
  // half the run logged, no decay yet: the rehearsal reaches as far as asked and says it saw no decay
  assert.match(text.out, /\nOn this run's own history, a forecast from \d+% of the logged steps \(step [\d,]+ → [\d,]+, a 1\.\d× reach, as asked\) missed the last logged loss by [+−]\d+(\.\d+)?%, before any decay: the error of the decay still ahead is not in it\.$/);
  const json = await printed(() => forecast.run([half, ...spec, '--json']));
  const own = JSON.parse(json.out).ownHistory;
  assert.ok(own.beforeDecay === true && Math.abs(own.missedBy) < 0.05 && own.toStep > own.fromStep, JSON.stringify(own));
  // a run logged to its end has nothing ahead: no line, null in JSON
  const done = await printed(() => forecast.run([run25('wsd_20000_24000'), '--schedule', 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4', '--bootstrap', '20', '--json']));
  assert.equal(JSON.parse(done.out).ownHistory, null);
});
