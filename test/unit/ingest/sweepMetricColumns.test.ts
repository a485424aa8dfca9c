// A sweep whose runs logged their final loss only as bits (val_bpb, bpc) or a perplexity (val_ppl)
// is read as a sweep, that column its y: by the panel's reader (so its Plan fits it) and by `fit
// --law chinchilla` / `allocate --from`, which say what the surface of such a y means. A loss column
// wins where both are; an accuracy, a score, a quantised width ("w_bits") or a setting is never a y.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaledSweepColumns, sweepColumns } from '../../../src/ingest/model/sweepColumns';
import { readSource } from '../../../src/ingest/files/read';
import { surfaceMetricNote } from '../../../src/core/yMetric';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { printed } from '../cli/printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-metric-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const yOf = (cols: string[]): string | undefined => {
  const [plain, scaled] = [sweepColumns(cols).loss, scaledSweepColumns(cols).loss];
  assert.equal(plain, scaled, cols.join(','));
  return plain >= 0 ? cols[plain] : undefined;
};

test('the y of a sweep without a loss column: its bits or perplexity; a loss wins; no accuracy, score, width or setting', () => {
  assert.equal(yOf(['N', 'D', 'val_bpb']), 'val_bpb');
  assert.equal(yOf(['params', 'tokens', 'bpc']), 'bpc');
  assert.equal(yOf(['params', 'tokens', 'bits_per_byte']), 'bits_per_byte');
  assert.equal(yOf(['params', 'tokens', 'val_ppl']), 'val_ppl');
  assert.equal(yOf(['params', 'tokens', 'summary/eval/perplexity']), 'summary/eval/perplexity');
  assert.equal(yOf(['params (M)', 'tokens (B)', 'val_bpb (bits)']), 'val_bpb (bits)');
  // a loss column wins, wherever it stands
  assert.equal(yOf(['N', 'D', 'val_bpb', 'val_loss']), 'val_loss');
  assert.equal(yOf(['N', 'D', 'val_ppl', 'loss']), 'loss');
  // held-out before training, then bits before a perplexity
  assert.equal(yOf(['N', 'D', 'train_bpb', 'val_ppl']), 'val_ppl');
  assert.equal(yOf(['N', 'D', 'val_ppl', 'val_bpb']), 'val_bpb');
  // none of these is a loss
  for (const cols of [['N', 'D', 'val_acc'], ['N', 'D', 'accuracy (%)'], ['N', 'D', 'mmlu_acc_4bit'], ['N', 'D', 'bleu'], ['N', 'D', 'w_bits', 'acc'], ['N', 'D', 'bits'], ['N', 'D', 'config/ppl_eval_every', 'val_acc'], ['N', 'D', 'log_perplexity_note']]) {
    assert.equal(yOf(cols), undefined, cols.join(','));
  }
});

const surface = (n: number, d: number): number => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;

function sweep(name: string, header: string, of: (loss: number) => number): string {
  const rows = [70e6, 160e6, 410e6, 1e9].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${of(surface(n, d)).toFixed(5)}`));
  const file = join(dir, name);
  writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
  return file;
}

test('a bits or perplexity sweep is read by the panel as a sweep named for its column; an accuracy table is not', async () => {
  const bits = await readSource(sweep('bits.csv', 'params,tokens,val_bpb', (l) => l / Math.LN2));
  assert.equal(bits.format, 'sweep');
  assert.deepEqual(bits.runs[0]!.series.map((s) => [s.key, s.y.length]), [['val_bpb', 12]]);
  const ppl = await readSource(sweep('ppl.csv', 'params,tokens,val_ppl', Math.exp));
  assert.equal(ppl.format, 'sweep');
  assert.equal(ppl.runs[0]!.series[0]!.key, 'val_ppl');
  const acc = await readSource(sweep('acc.csv', 'params,tokens,val_acc', (l) => Math.exp(-l)));
  assert.notEqual(acc.format, 'sweep');
});

test('fit and allocate --from on a bits sweep with no --y: its column fitted, with what its surface means', async () => {
  const file = sweep('fit_bits.csv', 'params,tokens,val_bpb', (l) => l / Math.LN2);
  const j = JSON.parse((await printed(() => fit.run([file, '--law', 'chinchilla', '--quick', '--json']))).out);
  assert.equal(j.y, 'val_bpb');
  assert.ok(j.warnings.includes(surfaceMetricNote('val_bpb', 'chinchilla')), j.warnings.join('\n'));
  // the loss's own surface in bits: E = 1.69 nats / ln 2
  assert.ok(Math.abs(j.params.E - 1.69 / Math.LN2) < 0.05, String(j.params.E));
  const { err } = await printed(() => allocate.run(['--from', file, '--budget', '1e21']));
  assert.ok(err.includes(surfaceMetricNote('val_bpb', 'chinchilla')), err);
  const ppl = sweep('fit_ppl.csv', 'params,tokens,val_ppl', Math.exp);
  const { err: pplErr } = await printed(() => fit.run([ppl, '--law', 'chinchilla', '--quick']));
  assert.match(pplErr, /val_ppl is a perplexity, e\^loss, .*a column of ln\(val_ppl\)/);
  // a loss column beside them is still the y, and nothing is said of what it measures
  const both = join(dir, 'both.csv');
  const rows = [70e6, 160e6, 410e6, 1e9].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${(surface(n, d) / Math.LN2).toFixed(5)},${surface(n, d).toFixed(5)}`));
  writeFileSync(both, `params,tokens,val_bpb,val_loss\n${rows.join('\n')}\n`);
  const jb = JSON.parse((await printed(() => fit.run([both, '--law', 'chinchilla', '--quick', '--json']))).out);
  assert.equal(jb.y, 'val_loss');
  assert.ok(!jb.warnings.some((w: string) => /in bits|perplexity/.test(w)), jb.warnings.join('\n'));
});

test('an accuracy sweep is not fitted as a loss: fit asks for --y', async () => {
  const file = sweep('fit_acc.csv', 'params,tokens,val_acc', (l) => Math.exp(-l));
  await assert.rejects(printed(() => fit.run([file, '--law', 'chinchilla', '--quick'])), /needs --y COL: fit_acc\.csv has no column named as the loss/);
});

// the log of a perplexity is the loss in nats: a sweep that logged only it is a sweep of it, fitted
// as a loss (nothing said of it), by the same rule as bits and a perplexity, and before them
test('a sweep with only log_perplexity (the loss in nats) is a sweep of it, fitted as the loss; a loss column wins', async () => {
  assert.equal(yOf(['N', 'D', 'log_perplexity']), 'log_perplexity');
  assert.equal(yOf(['params', 'tokens', 'eval/log_perplexity']), 'eval/log_perplexity');
  assert.equal(yOf(['params (M)', 'tokens (B)', 'log_ppl (nats)']), 'log_ppl (nats)');
  assert.equal(yOf(['N', 'D', 'val_bpb', 'val_ppl', 'log_perplexity']), 'log_perplexity');
  assert.equal(yOf(['N', 'D', 'train_log_perplexity', 'val_bpb']), 'val_bpb');
  assert.equal(yOf(['N', 'D', 'log_perplexity', 'loss']), 'loss');
  assert.equal(yOf(['N', 'D', 'log_perplexity_note']), undefined);
  const file = sweep('logppl.csv', 'params,tokens,log_perplexity', (l) => l);
  const read = await readSource(file);
  assert.equal(read.format, 'sweep');
  assert.deepEqual(read.runs[0]!.series.map((s) => [s.key, s.y.length]), [['log_perplexity', 12]]);
  const j = JSON.parse((await printed(() => fit.run([file, '--law', 'chinchilla', '--quick', '--json']))).out);
  assert.equal(j.y, 'log_perplexity');
  assert.ok(!j.warnings.some((w: string) => /in bits|perplexity/.test(w.replace(/log_perplexity/g, ''))), j.warnings.join('\n'));
  const loss = JSON.parse((await printed(() => fit.run([sweep('logppl_as_loss.csv', 'params,tokens,loss', (l) => l), '--law', 'chinchilla', '--quick', '--json']))).out);
  assert.deepEqual(j.params, loss.params);
});
