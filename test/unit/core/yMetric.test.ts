// What a curve's y measures, read off its name: a perplexity or bits (a loss in other units), an
// accuracy (fitted as its error), another score that rises (refused), or a loss.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracyMeaningText, lossMeaningText, lossOfValue, risesOverall, risingMetricText, valueOfLoss, yMetricOf } from '../../../src/core/yMetric';

test('yMetricOf: perplexities and bits by the names logs give them, in other languages too', () => {
  for (const n of ['ppl', 'val_perplexity', 'eval/ppl', 'perplexité', 'Perplexität', 'valid_ppl']) assert.deepEqual(yMetricOf(n), { kind: 'perplexity' }, n);
  for (const n of ['bpb', 'val_bpb', 'bpc', 'bits_per_byte', 'test/bpd']) assert.deepEqual(yMetricOf(n), { kind: 'bits' }, n);
  for (const n of ['log_perplexity', 'loss', 'val_loss', 'top1_err', 'error', 'acc_loss', 'eval/xent', 'wer', 'y', '', undefined]) assert.equal(yMetricOf(n, [0.5]), undefined, String(n));
});

test('yMetricOf: an accuracy in [0, 1] or in percent; a score that rises otherwise', () => {
  assert.deepEqual(yMetricOf('val_accuracy', [0.5, 0.8]), { kind: 'accuracy', scale: 1 });
  assert.deepEqual(yMetricOf('acc@1', [0.5, 0.8]), { kind: 'accuracy', scale: 1 });
  assert.deepEqual(yMetricOf('top1_acc', [55, 80.5]), { kind: 'accuracy', scale: 100 });
  assert.deepEqual(yMetricOf('acc (%)', [0.5, 0.8]), { kind: 'accuracy', scale: 100 });
  // a name that says percent is in percent whatever its values (0.3 … 0.9 %); one that says nothing is read by them
  for (const n of ['acc_pct', 'accuracy (%)', 'acc%', 'val_acc [%]', 'top1_accuracy_percent', 'Prec@1 (%)']) assert.deepEqual(yMetricOf(n, [0.3, 0.6, 0.9]), { kind: 'accuracy', scale: 100 }, n);
  for (const n of ['acc', 'val_accuracy', 'top1_acc']) assert.deepEqual(yMetricOf(n, [0.3, 0.6, 0.9]), { kind: 'accuracy', scale: 1 }, n);
  assert.deepEqual(yMetricOf('acc_pct', [30, 101]), { kind: 'rising', unboundedAccuracy: true });
  assert.deepEqual(yMetricOf('Genauigkeit', [0.5]), { kind: 'accuracy', scale: 1 });
  assert.deepEqual(yMetricOf('accuracy', [-0.9, 3]), { kind: 'rising', unboundedAccuracy: true });
  for (const n of ['bleu', 'rouge_l', 'eval_f1', 'auc', 'pass@1', 'reward']) assert.deepEqual(yMetricOf(n, [10]), { kind: 'rising' }, n);
});

test('the loss a perplexity or bits mean, both ways', () => {
  assert.equal(lossOfValue({ kind: 'perplexity' }, Math.exp(3)), 3);
  assert.ok(Math.abs(lossOfValue({ kind: 'bits' }, 3 / Math.LN2)! - 3) < 1e-12);
  assert.ok(Math.abs(valueOfLoss({ kind: 'perplexity' }, 3.2)! - 24.5325) < 1e-4);
  assert.ok(Math.abs(valueOfLoss({ kind: 'bits' }, 3.2)! - 4.6166) < 1e-4);
  assert.equal(lossOfValue(undefined, 3), undefined);
  assert.equal(lossMeaningText({ kind: 'perplexity' }, 22.057, 17.225, 28.244), 'a loss of ln 22.06 = 3.094 nats (2.846–3.341)');
  assert.equal(lossMeaningText({ kind: 'bits' }, 4.4236), 'a loss of 4.424 × ln 2 = 3.066 nats');
  assert.equal(lossMeaningText(undefined, 3), '');
  assert.equal(accuracyMeaningText('val_accuracy', 1, 0.1214, 0.1, 0.15), 'val_accuracy 0.8786 (0.85–0.9)');
});

test('risesOverall compares the ends of the curve in x order', () => {
  const up = Array.from({ length: 20 }, (_, i) => ({ x: 20 - i, y: 1 - 1 / (20 - i) }));
  assert.equal(risesOverall(up), true);
  assert.equal(risesOverall(up.map((p) => ({ x: p.x, y: 1 / p.x }))), false);
});

test('yMetricOf: scores written with a letter or word glued on (mIoU, auroc, pass_at_1) and timm\'s bare top1 are no loss', () => {
  // each of these was read as a loss and, rising, fitted by a law of a fall
  for (const n of ['mIoU', 'val/miou', 'auroc', 'auprc', 'pass_at_1', 'mAP@0.5:0.95', 'AP50', 'ndcg@10', 'mrr', 'hits@10', 'dice', 'psnr', 'ssim', 'win_rate', 'success_rate', 'episode_return']) {
    assert.deepEqual(yMetricOf(n, [0.5]), { kind: 'rising' }, n);
  }
  for (const n of ['top1', 'val/top5', 'top-1', 'Prec@1']) assert.deepEqual(yMetricOf(n, [55, 80]), { kind: 'accuracy', scale: 100 }, n);
  // their losses and errors, and names that only contain the letters, stay losses
  for (const n of ['top1_err', 'top5_error', 'dice_loss', 'ssim_loss', 'heatmap_loss', 'laptop', 'desktop1', 'fid', 'grad_norm', 'lr', 'tokens_per_sec', 'loss_scale']) assert.equal(yMetricOf(n, [0.5]), undefined, n);
});

test('yMetricOf: WER and CER are words of their own; "answer" and "power" only hold the letters', () => {
  for (const n of ['wer', 'val/WER', 'test_cer']) assert.equal(yMetricOf(n, [0.3]), undefined, n);
  // each was read as a word error rate, so fitted as a loss however it rose
  assert.deepEqual(yMetricOf('answer_accuracy', [0.3, 0.6]), { kind: 'accuracy', scale: 1 });
  assert.deepEqual(yMetricOf('answer_f1', [30]), { kind: 'rising' });
  assert.deepEqual(yMetricOf('power_score', [30]), { kind: 'rising' });
});

test('yMetricOf: a quantised model\'s width ("_4bit") is no bits of loss', () => {
  // "mmlu_acc_4bit" was read as bits (a loss in base 2), so fitted as it rose and "said" in nats
  assert.deepEqual(yMetricOf('mmlu_acc_4bit', [0.3, 0.6]), { kind: 'accuracy', scale: 1 });
  assert.deepEqual(yMetricOf('hellaswag/acc_norm_8bit', [0.3, 0.6]), { kind: 'accuracy', scale: 1 });
  assert.equal(yMetricOf('val_loss_4bit', [2]), undefined);
  assert.deepEqual(yMetricOf('wikitext_ppl_4bit', [12]), { kind: 'perplexity' });
  for (const n of ['bits', 'val_bits', 'bits_per_byte', 'eval/bpb', 'bpc_8bit']) assert.deepEqual(yMetricOf(n), { kind: 'bits' }, n);
});

test('risingMetricText offers M − score only where that column can be fitted: the sentence ends where the way out does', () => {
  const score = yMetricOf('bleu', [30, 31, 32]);
  assert.match(risingMetricText('bleu', 'choose it with --y', score), /\(choose it with --y\), or, for a score bounded by a maximum M, a column of M − bleu\.$/);
  const loss = risingMetricText('bleu', 'choose it with --y', score, { complement: false });
  assert.match(loss, /^bleu rises with training; .*Fit the run's loss or error instead \(choose it with --y\)\.$/);
  assert.doesNotMatch(loss, /M −/);
  // an accuracy outside both ranges keeps its own clause either way
  const odd = risingMetricText('acc', 'choose it with --y', { kind: 'rising', unboundedAccuracy: true }, { complement: false });
  assert.match(odd, /^acc rises with training, and its values are not all in \[0, 1\] or \[0, 100\], .*\(choose it with --y\)\.$/);
});
