// An accuracy fitted as its error and read back: which curves are, the flip of every value of an
// analysis (intervals' ends swapped), the laws evaluated as the accuracy, and the panel's line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysisAsAccuracy, errorLaw, fittedPointsOf, lawsOf, risingYOf } from '../../../src/core/accuracyFit';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { accuracyFittedText, accuracyReachedText, accuracyReadBackText, percentAskedText } from '../../../src/core/yMetric';

const xs = Array.from({ length: 30 }, (_, i) => (i + 1) * 500);
const err = (x: number): number => 0.1 + 2 * Math.pow(x, -0.3);

test('an accuracy that rises is fitted as its error (in [0, 1] or in percent); BLEU is refused; a falling "accuracy" and a loss are neither', () => {
  const acc = xs.map((x) => ({ x, y: 1 - err(x) }));
  assert.deepEqual(risingYOf('val_accuracy', acc), { fit: { name: 'val_accuracy', scale: 1 } });
  assert.deepEqual(risingYOf('top1', acc.map((p) => ({ ...p, y: 100 * p.y }))), { fit: { name: 'top1', scale: 100 } });
  assert.equal(risingYOf('bleu', acc)?.refused?.kind, 'rising');
  assert.equal(risingYOf('val_accuracy', acc.map((p) => ({ ...p, y: 1 - p.y }))), undefined);
  assert.equal(risingYOf('val_loss', acc), undefined);
});

test('the analysis of the error read back: points and predictions are the accuracy, the interval\'s ends swapped, the laws drawn as the accuracy', () => {
  const errors = xs.map((x) => ({ x, y: err(x) }));
  const a = analyzeCurve(errors, { laws: ['m2'], targets: [150000], bootstrap: 20, seed: 1, holdoutFrac: 0.2 });
  const back = analysisAsAccuracy(a, { name: 'val_accuracy', scale: 1 });
  assert.deepEqual(back.fittedAsError, { name: 'val_accuracy', scale: 1 });
  assert.deepEqual(back.fitPoints.map((p) => p.y), a.fitPoints.map((p) => 1 - p.y));
  assert.deepEqual(back.heldOutPoints.map((p) => p.y), a.heldOutPoints.map((p) => 1 - p.y));
  const [e, r] = [a.estimators[0]!.predictions[0]!, back.estimators[0]!.predictions[0]!];
  assert.ok(e.lo !== undefined && e.hi !== undefined && e.lo < e.hi);
  assert.deepEqual([r.y, r.lo, r.hi], [1 - e.y, 1 - e.hi!, 1 - e.lo!]);
  assert.ok(r.lo! < r.y && r.y < r.hi!);
  const held = back.estimators[0]!.heldOut?.points?.[0];
  const heldErr = a.estimators[0]!.heldOut?.points?.[0];
  if (held && heldErr) assert.equal(held.pred, 1 - heldErr.pred);
  // parameters stay the error's; the law as the accuracy reads them back
  assert.deepEqual(back.estimators[0]!.fit?.params, a.estimators[0]!.fit?.params);
  const m2 = getLaw('m2');
  const params = a.estimators[0]!.fit!.params;
  assert.equal(lawsOf(getLaw, back)('m2')!.predict(params, 150000), 1 - m2.predict(params, 150000));
  assert.equal(lawsOf(getLaw, a)('m2'), m2);
  assert.equal(errorLaw(m2, 100).predict(params, 1000), 100 - m2.predict(params, 1000));
  assert.deepEqual(fittedPointsOf(back).map((p) => p.y), a.fitPoints.map((p) => 1 - (1 - p.y)));
});

test('the panel\'s line and the CLI\'s warning say alike what was fitted; the panel\'s carries the error read from', () => {
  const cli = accuracyFittedText('val_accuracy', 1);
  const panel = accuracyReadBackText('val_accuracy', 1, 0.14643, 0.11419, 0.18777);
  const shared = 'val_accuracy rises with training, and the laws here fit a metric that falls: fitted its error, 1 − val_accuracy';
  assert.ok(cli.startsWith(`${shared};`), cli);
  assert.equal(panel, `${shared} 0.1464 (0.1142–0.1878), read back as the accuracy (1 minus it); the table's parameters and back-tests are the error's`);
  assert.match(accuracyReadBackText('top1', 100, 14.6), /fitted its error, 100 − top1 14\.60, read back as the accuracy \(100 minus it\)/);
  // written as the headline writes the accuracy ([81.21, 88.60]): four digits, trailing zeros kept
  assert.match(accuracyReadBackText('acc_pct', 100, 14.64, 11.4, 18.79), /100 − acc_pct 14\.64 \(11\.40–18\.79\), read back/);
});

test('an error that has turned up is said, read back, as the accuracy having fallen (its values as logged), not as a loss that rose', () => {
  const errors = xs.map((x, i) => ({ x, y: i < 22 ? err(x) : err(xs[21]!) * (1 + 0.01 * (i - 21)) }));
  const a = analyzeCurve(errors, { laws: ['m2', 'flat'], targets: [150000], seed: 1 });
  assert.ok(a.upturn && a.warnings.some((w) => w.startsWith('the loss has risen')), 'the error turned up');
  const read = analysisAsAccuracy(a, { name: 'top1', scale: 100 });
  const back = read.warnings.join(' | ');
  assert.equal(a.auto?.law, 'flat');
  assert.match(read.auto!.reason, /^its error, 100 − top1, has turned up \([\d.]+% since x ≈ [\d.]+K?\), and every law with a level falls/);
  assert.match(back, /top1 has fallen since x ≈ [\d.]+K? \(from 9\d\.\d+ to 9\d\.\d+; its error, 100 − top1, rose [\d.]+%\): every law here but flat assumes the error keeps falling/);
  assert.doesNotMatch(back, /the loss has risen/);
});

test('a percent accuracy asked as a fraction is told what to ask; a fraction of an accuracy in [0, 1], or a percent asked as one, is not', () => {
  assert.equal(percentAskedText(0.85, 'top1', 100), 'top1 is in percent, so 0.85 is an accuracy of 0.85%; for 85%, ask for 85');
  assert.equal(percentAskedText(0.85, 'val_accuracy', 1), '');
  assert.equal(percentAskedText(85, 'top1', 100), '');
});

test('a reach of an accuracy names the error its laws were asked to reach', () => {
  assert.equal(accuracyReachedText(0.86, 'val_accuracy', 1), 'fitted as its error: 1 − val_accuracy = 0.14');
  assert.equal(accuracyReachedText(85, 'top1', 100), 'fitted as its error: 100 − top1 = 15');
});
