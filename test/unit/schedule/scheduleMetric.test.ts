// `schedule fit` reads what the runs' y measures as forecast does (core/yMetric.ts): bits are the
// loss over ln 2, fitted as they are with the law's level terms said in bits; a perplexity is fitted
// as it is and said to be no loss (fit ln(ppl)); an accuracy or a score that rises is refused.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as schedule } from '../../../src/cli/commands/schedule';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { scheduleMetricNote } from '../../../src/core/yMetric';
import { rows, TRAIN } from './lrData';
import { printed } from '../cli/printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-schedule-metric-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The 25M training runs, their loss logged as `column` (each value `of(loss)`). */
function runsAs(column: string, of: (loss: number) => number): string[] {
  return TRAIN.map((name) => {
    const r = rows('25M', name);
    const file = join(dir, `${name}_${column}.csv`);
    writeFileSync(file, `step,lr,${column}\n${r.steps.map((s, i) => `${s},${r.lr[i]},${of(r.loss[i]!)}`).join('\n')}\n`);
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
