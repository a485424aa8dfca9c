// A sweep whose y is a perplexity or bits, fitted to a surface law (a law of the loss): bits are
// the loss rescaled, so its L* is said in nats too; a perplexity is e^loss, which the law does not
// describe, so the fit says so and how to fit ln(ppl) instead (core/yMetric.ts surfaceMetricNote).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { surfaceMetricNote } from '../../../src/core/yMetric';
import { printed } from './printed';

function sweepAs(column: string, of: (loss: number) => number): string {
  const [head, ...rows] = readFileSync('test/fixtures/workspace/sweep.csv', 'utf8').trim().split('\n');
  assert.equal(head, 'C,N,D,loss');
  const file = join(mkdtempSync(join(tmpdir(), 'sl-metric-')), `${column}.csv`);
  writeFileSync(file, [`C,N,D,${column}`, ...rows.map((r) => { const c = r.split(','); return [...c.slice(0, 3), of(Number(c[3]))].join(','); })].join('\n') + '\n');
  return file;
}

test('a perplexity sweep fitted to chinchilla: said to be no loss, with ln(ppl) as what to fit', async () => {
  const { err } = await printed(() => fit.run([sweepAs('val_perplexity', Math.exp), '--law', 'chinchilla', '--y', 'val_perplexity']));
  assert.match(err, /val_perplexity is a perplexity, e\^loss, and the chinchilla surface is a law of the loss/);
  assert.match(err, /a column of ln\(val_perplexity\)/);
  const j = JSON.parse((await printed(() => fit.run([sweepAs('val_perplexity', Math.exp), '--law', 'chinchilla', '--y', 'val_perplexity', '--json']))).out);
  assert.ok(j.warnings.some((w: string) => w.includes('ln(val_perplexity)')));
});

test('a bits sweep: the surface is the loss\'s, its L* in bits and × ln 2 in nats; a loss column says nothing', async () => {
  const { err } = await printed(() => fit.run([sweepAs('val_bpb', (l) => l / Math.LN2), '--law', 'chinchilla', '--y', 'val_bpb']));
  assert.match(err, /val_bpb is the loss in bits: .*every L\* are in bits \(× ln 2/);
  assert.equal(surfaceMetricNote('loss', 'chinchilla'), '');
  assert.equal(surfaceMetricNote('log_perplexity', 'chinchilla'), '');
  const { err: plain } = await printed(() => fit.run(['test/fixtures/workspace/sweep.csv', '--law', 'chinchilla']));
  assert.doesNotMatch(plain, /perplexity|in bits/);
});

// a saved fit records the column it fitted, so that `allocate --from FIT.json` says what fit said of it
test('allocate --from a saved fit of bits or a perplexity says what fit said; a fit saved without its y says nothing', async () => {
  const saved = async (column: string, of: (loss: number) => number): Promise<string> => {
    const j = JSON.parse((await printed(() => fit.run([sweepAs(column, of), '--law', 'chinchilla', '--y', column, '--json', '--quick']))).out);
    assert.equal(j.y, column);
    const file = join(mkdtempSync(join(tmpdir(), 'sl-metric-fit-')), 'fit.json');
    writeFileSync(file, JSON.stringify(j));
    return file;
  };
  const bits = await saved('val_bpb', (l) => l / Math.LN2);
  const { err } = await printed(() => allocate.run(['--from', bits, '--budget', '1e21']));
  assert.match(err, /val_bpb is the loss in bits: .*every L\* are in bits \(× ln 2/);
  const ppl = await saved('val_perplexity', Math.exp);
  const j = JSON.parse((await printed(() => allocate.run(['--from', ppl, '--budget', '1e21', '--json']))).out);
  assert.ok(j.warnings.some((w: string) => w.includes('a column of ln(val_perplexity)')));
  const old = JSON.parse(readFileSync(ppl, 'utf8'));
  delete old.y;
  writeFileSync(ppl, JSON.stringify(old));
  const { out, err: oldErr } = await printed(() => allocate.run(['--from', ppl, '--budget', '1e21']));
  assert.doesNotMatch(out + oldErr, /is a perplexity|is the loss in bits/);
});

// a surface law is a law of a loss falling with scale: an accuracy or a score that rises with the
// runs' N·D is refused with what to fit instead (core/yMetric.ts risingMetricText), not fitted as a loss
test('fit --law chinchilla (or kaplan-nd) of an accuracy or a score that rises with scale is refused; one that falls is fitted as it is', async () => {
  const acc = sweepAs('val_acc', (l) => Math.exp(-l / 2));
  for (const law of ['chinchilla', 'kaplan-nd', 'chinchilla-dc']) {
    await assert.rejects(printed(() => fit.run([acc, '--law', law, '--y', 'val_acc', ...(law === 'chinchilla-dc' ? ['--u', 'D'] : []), '--quick'])), (e: Error) => {
      assert.match(e.message, /^val_acc rises with scale; the scaling laws here fit a metric that falls toward a floor .*\(name its column with --y\), or, for a score bounded by a maximum M, a column of M − val_acc\.$/);
      return true;
    });
  }
  await assert.rejects(printed(() => fit.run([sweepAs('accuracy (%)', (l) => 100 * Math.exp(-l / 2)), '--law', 'chinchilla', '--y', 'accuracy (%)', '--quick'])), /accuracy \(%\) rises with scale/);
  await assert.rejects(printed(() => fit.run([sweepAs('bleu', (l) => 100 * Math.exp(-l / 2)), '--law', 'kaplan-nd', '--y', 'bleu', '--quick'])), /bleu rises with scale/);
  await assert.rejects(printed(() => fit.run([sweepAs('top1', (l) => 1000 * Math.exp(-l / 2)), '--law', 'chinchilla', '--y', 'top1', '--quick'])), /: top1 rises with scale, and its values are not all in \[0, 1\] or \[0, 100\]/);
  // a misnamed error: an "accuracy" that falls with scale is fitted as it is
  const j = JSON.parse((await printed(() => fit.run([sweepAs('val_acc', (l) => l / 10), '--law', 'chinchilla', '--y', 'val_acc', '--json', '--quick']))).out);
  assert.equal(j.y, 'val_acc');
  assert.equal(j.points, 16);
  assert.ok(j.params.E > 0 && j.params.E < 0.4, JSON.stringify(j.params));
});
