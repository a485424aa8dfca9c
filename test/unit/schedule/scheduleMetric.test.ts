// `schedule fit` reads what the runs' y measures as forecast does (core/yMetric.ts): bits are the
// loss over ln 2, fitted as they are with the law's level terms said in bits; a perplexity is fitted
// as it is and said to be no loss (fit ln(ppl)); an accuracy or a score that rises is refused.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as schedule } from '../../../src/cli/commands/schedule';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { scheduleMetricNote } from '../../../src/core/yMetric';
import { loadScheduleRuns } from '../../../src/ingest/scheduleRuns';
import { rows, TRAIN } from './lrData';
import { printed } from '../cli/printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-schedule-metric-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The 25M training runs, their loss logged as `column` (each value `of(loss)`), beside the `more` columns (each value `of(loss)` too). */
function runsAs(column: string, of: (loss: number) => number, more: readonly { name: string; of: (loss: number) => number }[] = [], runs = TRAIN): string[] {
  const tag = [column, ...more.map((m) => m.name)].join('+').replace(/\//g, '_');
  return runs.map((name) => {
    const r = rows('25M', name);
    const file = join(dir, `${name}_${tag}.csv`);
    const cells = (l: number): string => [of(l), ...more.map((m) => m.of(l))].join(',');
    writeFileSync(file, `step,lr,${[column, ...more.map((m) => m.name)].join(',')}\n${r.steps.map((s, i) => `${s},${r.lr[i]},${cells(r.loss[i]!)}`).join('\n')}\n`);
    return file;
  });
}

const fitJson = async (files: string[], column: string): Promise<{ params: Record<string, number>; warnings: string[] }> =>
  JSON.parse((await printed(() => schedule.run(['fit', ...files, '--law', 'tissue', '--y', column, '--json']))).out);

test('schedule fit of bits: the loss\'s law, its L0, A and C in bits, said so; a loss says nothing', async () => {
  const loss = await fitJson(runsAs('loss', (l) => l), 'loss');
  assert.ok(!loss.warnings.some((w) => /in bits|perplexity/.test(w)), loss.warnings.join('\n'));
  const bits = await fitJson(runsAs('val_bpb', (l) => l / Math.LN2), 'val_bpb');
  assert.ok(bits.warnings.includes(scheduleMetricNote('val_bpb', 'tissue')), bits.warnings.join('\n'));
  assert.match(bits.warnings[0]!, /val_bpb is the loss in bits: the LR-annealing law fitted is the loss's, its L0, A and C in bits \(× ln 2/);
  // fitted on log residuals, the law in bits is the loss's over ln 2
  assert.ok(Math.abs(bits.params.L0! * Math.LN2 - loss.params.L0!) < 1e-3 * loss.params.L0!, `${bits.params.L0} bits, ${loss.params.L0} nats`);
  const { err } = await printed(() => schedule.run(['fit', ...runsAs('val_bpb', (l) => l / Math.LN2), '--law', 'mpl', '--y', 'val_bpb']));
  assert.match(err, /val_bpb is the loss in bits: the multi-power law fitted is the loss's, its L0, A and B in bits/);
});

test('schedule fit of a perplexity: fitted as it is, said to be no loss, with ln(ppl) as what to fit', async () => {
  const ppl = await fitJson(runsAs('val_ppl', Math.exp), 'val_ppl');
  assert.ok(ppl.warnings.includes(scheduleMetricNote('val_ppl', 'tissue')), ppl.warnings.join('\n'));
  assert.match(ppl.warnings[0]!, /val_ppl is a perplexity, e\^loss, .*a column of ln\(val_ppl\)/);
});

test('schedule fit of an accuracy or a score that rises is refused as forecast refuses it; one that falls is fitted', async () => {
  const acc = runsAs('val_accuracy', (l) => Math.exp(-l / 2));
  await assert.rejects(printed(() => schedule.run(['fit', ...acc, '--law', 'tissue', '--y', 'val_accuracy'])), (e: Error) => {
    assert.match(e.message, /cosine_24000_val_accuracy\.csv: val_accuracy rises with training; the scaling laws here fit a metric that falls/);
    return true;
  });
  // forecast's words for the same run
  await assert.rejects(printed(() => forecast.run([acc[0]!, '--y', 'val_accuracy', '--bootstrap', '0'])), (e: Error) => {
    assert.ok(e.message.endsWith('Fit the run\'s loss or error instead (choose it with --y).'), e.message);
    return true;
  });
  await assert.rejects(printed(() => schedule.run(['fit', ...runsAs('bleu', (l) => 100 * Math.exp(-l / 2)), '--law', 'tissue', '--y', 'bleu'])), /bleu rises with training/);
  // a misnamed error: an "accuracy" that falls is a loss to the law
  const falling = await fitJson(runsAs('val_acc', (l) => l / 10), 'val_acc');
  assert.ok(falling.params.L0! > 0);
});

// a run that logged its loss only as bits or a perplexity: that series is its y without --y, picked
// as a sweep's is (ingest/model/sweepColumns.ts lossMetricColumn), with what --y of it says; a loss wins
test('schedule fit and forecast without --y take a run\'s bits or perplexity when it logged no loss; a loss wins', async () => {
  const bits = runsAs('val_bpb', (l) => l / Math.LN2);
  const named = await fitJson(bits, 'val_bpb');
  const picked = JSON.parse((await printed(() => schedule.run(['fit', ...bits, '--law', 'tissue', '--json']))).out);
  assert.deepEqual(picked.params, named.params);
  assert.ok(picked.warnings.includes(scheduleMetricNote('val_bpb', 'tissue')), picked.warnings.join('\n'));
  const ppl = runsAs('val_ppl', Math.exp, [], ['cosine_72000'])[0]!;
  const spec = ['--schedule', 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5', '--bootstrap', '0'];
  const forecastNamed = await printed(() => forecast.run([ppl, '--y', 'val_ppl', ...spec]));
  const forecastPicked = await printed(() => forecast.run([ppl, ...spec]));
  assert.deepEqual(forecastPicked, forecastNamed);
  assert.match(forecastPicked.out, /val_ppl .* at step 72000 is a loss of ln /);
  // a loss wins over bits; a training series over a held-out one, as a loss is chosen for the schedule laws
  const keyOf = async (file: string): Promise<string | undefined> => (await loadScheduleRuns(file))[0]!.lossKey;
  assert.equal(await keyOf(runsAs('val_bpb', (l) => l / Math.LN2, [{ name: 'val_loss', of: (l) => l }], ['cosine_24000'])[0]!), 'val_loss');
  assert.equal(await keyOf(runsAs('val_bpb', (l) => l / Math.LN2, [{ name: 'train/bpb', of: (l) => l / Math.LN2 }], ['cosine_24000'])[0]!), 'train/bpb');
  assert.equal(await keyOf(runsAs('val_ppl', Math.exp, [{ name: 'val_bpb', of: (l) => l / Math.LN2 }], ['cosine_24000'])[0]!), 'val_bpb');
  // an accuracy is no loss: a run of one is still told to name its y
  await assert.rejects(loadScheduleRuns(runsAs('val_acc', (l) => Math.exp(-l / 2), [], ['cosine_24000'])[0]!), /no loss-like series/);
});

// a saved fit records its y, so that a prior fitted in other units (bits, nats, a perplexity) is noticed
test('schedule fit --json records its y; predict --from and forecast --prior warn of bits against nats, refuse a perplexity against a loss; a fit saved without y reads as before', async () => {
  const save = async (column: string, of: (loss: number) => number): Promise<string> => {
    const j = JSON.parse((await printed(() => schedule.run(['fit', ...runsAs(column, of), '--law', 'tissue', '--json']))).out);
    assert.equal(j.y, column);
    const file = join(dir, `prior_${column}.json`);
    writeFileSync(file, JSON.stringify(j));
    return file;
  };
  const [nats, bits, ppl] = [await save('loss', (l) => l), await save('val_bpb', (l) => l / Math.LN2), await save('val_ppl', Math.exp)];
  const [lossRun, bitsRun, pplRun] = [runsAs('loss', (l) => l, [], ['cosine_72000'])[0]!, runsAs('val_bpb', (l) => l / Math.LN2, [], ['cosine_72000'])[0]!, runsAs('val_ppl', Math.exp, [], ['cosine_72000'])[0]!];
  const spec = ['--schedule', 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5', '--bootstrap', '0', '--json'];
  const forecastOf = async (run: string, prior: string): Promise<{ warnings: string[]; final: { y: number } }> => JSON.parse((await printed(() => forecast.run([run, '--prior', prior, ...spec]))).out);
  const predictOf = async (run: string, prior: string): Promise<{ warnings: string[]; meanRelErr: number }> => JSON.parse((await printed(() => schedule.run(['predict', '--from', prior, run, '--json']))).out);
  // the same units: nothing said, whatever the names (train_loss against loss)
  const units = /was fitted to/;
  assert.ok(!(await forecastOf(lossRun, nats)).warnings.some((w) => units.test(w)));
  assert.ok(!(await forecastOf(runsAs('train_loss', (l) => l, [], ['cosine_72000'])[0]!, nats)).warnings.some((w) => units.test(w)));
  assert.ok(!(await predictOf(bitsRun, bits)).warnings.some((w) => units.test(w)));
  // bits against nats, either way: warned
  const bitsOnNats = await forecastOf(lossRun, bits);
  assert.ok(bitsOnNats.warnings.some((w) => w.startsWith(`${bits} was fitted to val_bpb (the loss in bits) and this run's y is loss (a loss in nats): the fit's level terms are in bits, the run's values in nats`)), bitsOnNats.warnings.join('\n'));
  const natsOnBits = await predictOf(bitsRun, nats);
  assert.match(natsOnBits.warnings[0]!, /was fitted to loss \(a loss in nats\) and this run's y is val_bpb \(the loss in bits\)/);
  // a perplexity against a loss or bits, either way: refused
  for (const [run, prior] of [[lossRun, ppl], [pplRun, nats], [pplRun, bits]] as const) {
    await assert.rejects(printed(() => forecast.run([run, '--prior', prior, ...spec])), /a schedule law of e\^loss is another law than the loss's/);
    await assert.rejects(printed(() => schedule.run(['predict', '--from', prior, run])), /a schedule law of e\^loss is another law than the loss's/);
  }
  // a fit saved before it recorded its y: read and used as before, nothing said
  const old = JSON.parse(readFileSync(ppl, 'utf8'));
  delete old.y;
  const oldFile = join(dir, 'prior_old.json');
  writeFileSync(oldFile, JSON.stringify(old));
  const oldForecast = await forecastOf(lossRun, oldFile);
  assert.ok(!oldForecast.warnings.some((w) => units.test(w)));
  assert.ok(Number.isFinite(oldForecast.final.y));
  assert.ok(Number.isFinite((await predictOf(lossRun, oldFile)).meanRelErr));
});

test('a run that logged only its log-perplexity (the loss in nats) is fitted on it without --y, nothing said of its units', async () => {
  const logPpl = runsAs('log_perplexity', (l) => l);
  assert.equal((await loadScheduleRuns(logPpl[0]!))[0]!.lossKey, 'log_perplexity');
  const j = await fitJson(logPpl, 'log_perplexity');
  const picked = JSON.parse((await printed(() => schedule.run(['fit', ...logPpl, '--law', 'tissue', '--json']))).out);
  assert.deepEqual(picked.params, j.params);
  assert.equal(picked.y, 'log_perplexity');
  assert.ok(!picked.warnings.some((w: string) => /in bits|is a perplexity/.test(w)), picked.warnings.join('\n'));
});

test('schedule fit of runs whose y are in different units (bits and nats) says so: one law mixes them', async () => {
  const [nats] = runsAs('loss', (l) => l, [], ['cosine_24000']);
  const bits = runsAs('val_bpb', (l) => l / Math.LN2, [], ['constant_24000', 'wsdcon_9']);
  const { warnings } = JSON.parse((await printed(() => schedule.run(['fit', nats!, ...bits, '--law', 'tissue', '--json']))).out) as { warnings: string[] };
  assert.ok(warnings.includes(`the runs' y are in different units (${nats}: loss (a loss in nats); ${bits[0]}: val_bpb (the loss in bits)): one law is fitted to them all, so its level terms mix them, and the FIT.json's "y" is the first run's; give runs of one metric (--y names it)`), warnings.join('\n'));
  // one metric under two names (loss, train_loss) is one unit: nothing said
  const same = JSON.parse((await printed(() => schedule.run(['fit', nats!, ...runsAs('train_loss', (l) => l, [], ['constant_24000', 'wsdcon_9']), '--law', 'tissue', '--json']))).out) as { warnings: string[] };
  assert.ok(!same.warnings.some((w) => /different units/.test(w)), same.warnings.join('\n'));
});
