import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScalingLensError } from '../../../src/core/types';
import { formatAmount, parseBudget, parsePlanQuery, parseTarget } from '../../../src/core/units';
import { reachAsked, reachQuery, unnamedReach } from '../../../src/core/targetText';

test('plain numbers and exponents', () => {
  assert.deepEqual(parseTarget('1e10'), { value: 1e10 });
  assert.deepEqual(parseTarget('1e23'), { value: 1e23 });
  assert.deepEqual(parseTarget(' 12345 '), { value: 12345 });
  assert.deepEqual(parseTarget('2.5E+3'), { value: 2500 });
});

test('magnitude suffixes K M B T P, either case', () => {
  assert.equal(parseTarget('2B').value, 2e9);
  assert.equal(parseTarget('2b').value, 2e9);
  assert.equal(parseTarget('1.5K').value, 1500);
  assert.equal(parseTarget('70M').value, 7e7);
  assert.equal(parseTarget('1.4T').value, 1.4e12);
  assert.equal(parseTarget('3P').value, 3e15);
});

test('a unit word after the amount is kept, lower-cased', () => {
  assert.deepEqual(parseTarget('300B tokens'), { value: 3e11, unit: 'tokens' });
  assert.deepEqual(parseTarget('5.76e23 FLOPs'), { value: 5.76e23, unit: 'flops' });
});

test('10x is relative to the largest observed x', () => {
  assert.equal(parseTarget('10x', 3e8).value, 3e9);
  assert.equal(parseTarget('2.5x', 4).value, 10);
});

test('10x without data, nonsense, zero and negatives are bad-argument errors with a plain message', () => {
  for (const [text, current, pattern] of [
    ['10x', undefined, /largest observed x/],
    ['lots', 1, /not a target/],
    ['', 1, /not a target/],
    ['1e10e3', 1, /not a target/],
    ['0', 1, /positive/],
    ['-5B', 1, /positive/],
    ['1e400', 1, /positive, finite/],
  ] as const) {
    assert.throws(
      () => parseTarget(text, current),
      (err: unknown) => err instanceof ScalingLensError && err.code === 'bad-argument' && pattern.test(err.message),
      `${text}`,
    );
  }
});

test('formatAmount gives short human forms', () => {
  assert.equal(formatAmount(1.2e10), '12B');
  assert.equal(formatAmount(2e9), '2B');
  assert.equal(formatAmount(3.5e6), '3.5M');
  assert.equal(formatAmount(999), '999');
  assert.equal(formatAmount(5.76e23), '5.76e23');
});

test('queries as typed into the palette: "loss at 10× data?", "x10", "best N and D for 1e23 FLOPs?"', () => {
  assert.deepEqual(parseTarget('loss at 10× data?', 3e8), { value: 3e9, unit: 'data' });
  assert.deepEqual(parseTarget("what's the loss at 2B tokens?"), { value: 2e9, unit: 'tokens' });
  assert.equal(parseTarget('x10', 5).value, 50);
  assert.equal(parseTarget('10×', 5).value, 50);
  assert.equal(parseBudget('best N and D for 1e23 FLOPs?'), 1e23);
  assert.equal(parseBudget('optimal allocation for 5.76e23'), 5.76e23);
  // a unit written on, as people type it
  assert.equal(parseBudget('1e23flops'), 1e23);
  assert.equal(parseBudget('2e21FLOP'), 2e21);
  assert.throws(() => parseBudget('300Btokens'), /number of tokens \(D\), not compute/);
  assert.equal(parseTarget('2Btokens').value, 2e9);
  assert.throws(() => parseBudget('10×'), /a multiple \(10x\) needs something to multiply/);
  assert.throws(() => parseBudget('best N and D for 300B tokens?'), /number of tokens \(D\), not compute/);
  assert.throws(() => parseTarget('loss at?'), /is not a target/);
});

test('questions as people word them: "N times the data", grouped thousands, the unit first, a leading question', () => {
  assert.equal(parseTarget('10 times the data', 3e8).value, 3e9);
  assert.equal(parseTarget('loss at 4-fold data?', 5).value, 20);
  assert.deepEqual(parseTarget('loss at 1,000,000 steps'), { value: 1e6, unit: 'steps' });
  assert.deepEqual(parseTarget('at step 100000'), { value: 1e5, unit: 'step' });
  assert.deepEqual(parseTarget('epoch 30?'), { value: 30, unit: 'epoch' });
  assert.equal(parseTarget('what will the loss be at 10x?', 7).value, 70);
  assert.equal(parseTarget('predict at 3e11').value, 3e11);
  assert.deepEqual(parseTarget('loss for a 7B model'), { value: 7e9, unit: 'model' });
  // a comma that may group thousands or mark decimals, and "loss of" (a loss, not an x), stay unread;
  // one before one or two digits groups nothing: a decimal comma
  // and "2,10x" may list two targets (2 and 10x) as well as mean 2.10x
  for (const bad of ['12,3456 steps', 'loss of 2.1', '2,10x', '2,10 x']) assert.throws(() => parseTarget(bad, 1), /is not a target/, bad);
  assert.equal(parseTarget('2,5x', 4).value, 10);
  assert.equal(parseTarget('1,5e11 tokens').value, 1.5e11);
  // a list of budgets or targets is no decimal: refused as typed, not as "1e21.1e22"
  for (const list of ['1e21,1e22', '1E21,1E22']) assert.throws(() => parseBudget(list), (e: unknown) => e instanceof Error && e.message.startsWith(`"${list}" is not a compute budget`), list);
  assert.equal(parseTarget('1,00').value, 1);
  for (const q of ['how should I split 1e23 FLOPs?', 'N and D for 1e23 FLOPs', 'best model size for 1e23 FLOPs', 'how big a model for 1e23 FLOPs?', 'compute-optimal plan for 1e23']) assert.equal(parseBudget(q), 1e23, q);
});

test('a unit that names another axis than the curve\'s x is refused, saying which; a multiple of data fits any axis of training', () => {
  const refused = (text: string, axis: string, pattern: RegExp) =>
    assert.throws(() => parseTarget(text, 1e9, axis), (e: unknown) => e instanceof ScalingLensError && e.code === 'bad-argument' && pattern.test(e.message), `${text} against ${axis}`);
  refused('1e21 FLOPs', 'tokens', /number of FLOPs, but x here is tokens/);
  refused('loss at 7B params?', 'tokens', /number of parameters, but x here is tokens/);
  refused('300B tokens', 'params', /number of tokens, but x here is parameters/);
  refused('100k steps', 'tokens', /number of steps, but x here is tokens/);
  refused('10x params', 'tokens', /number of parameters/);
  refused('10x tokens', 'params', /number of tokens/);
  assert.equal(parseTarget('300B tokens', 1, 'tokens').value, 3e11);
  assert.equal(parseTarget('a 7B model', 1, 'params').value, 7e9);
  assert.equal(parseTarget('10x tokens', 1e4, 'step').value, 1e5);
  // "10x data" against parameters is no bigger model (it read as 20 here before); "10x" alone is
  refused('10x data', 'params', /number of tokens, but x here is parameters/);
  assert.equal(parseTarget('10x', 2, 'params').value, 20);
  // no unit, or an axis the words cannot name (a table's own column), says nothing
  assert.equal(parseTarget('1e21', 1, 'tokens').value, 1e21);
  assert.equal(parseTarget('1e21 FLOPs', 1, 'index').value, 1e21);
  assert.equal(parseTarget('1e21 FLOPs').value, 1e21);
});

test('magnitudes spelled out read as their suffix; a second amount, or a loss where an x belongs, is refused rather than half read', () => {
  assert.deepEqual(parseTarget('loss at 10 billion tokens'), { value: 1e10, unit: 'tokens' });
  assert.deepEqual(parseTarget('at 500 thousand steps'), { value: 5e5, unit: 'steps' });
  assert.equal(parseTarget('3 trillion tokens').value, 3e12);
  assert.equal(parseTarget('loss for a 7 billion parameter model').value, 7e9);
  assert.throws(() => parseTarget('on 8 GPUs for 1e5 steps', 1), /holds more than one amount/);
  assert.throws(() => parseTarget('the loss at 10x and 100x', 1), /holds more than one amount/);
  assert.throws(() => parseTarget('2.5 loss', 1), /is a loss, not an x: ask "loss 2\.5"/);
});

test('a question for the x at which the loss reaches a value; one about compute is the Plan\'s, one about an x is a target', () => {
  for (const [q, loss] of [['loss 2.5', 2.5], ['when does the loss reach 2.5?', 2.5], ['tokens to reach loss 2.5', 2.5], ['how many steps until loss 2.4', 2.4], ['when will val loss get to 3.1?', 3.1], ['when will the loss drop below 2.4', 2.4], ['loss = 2.2', 2.2]] as const) assert.equal(reachQuery(q), loss, q);
  // without the loss named, reaching a number asks for an x (or nothing this box reads)
  for (const q of ['when does step reach 100000', 'when do we reach 100000', 'when will it reach 1e10', 'hit 1e6', 'when does it drop below 2.4']) assert.equal(reachQuery(q), undefined, q);
  for (const q of ['loss at 10x', 'loss at 1e12 tokens', '2.5', 'loss 0', 'compute to reach loss 2.1', 'how much compute for a loss of 2.0?', 'loss 2.5 with 1T inference tokens', 'best N and D for 1e23 FLOPs?']) assert.equal(reachQuery(q), undefined, q);
});

test('the loss may be named as a log names it, or as the curve\'s y column; an error or a perplexity only when the y is one', () => {
  for (const q of ['when will val_loss reach 2.5?', 'when does eval/loss drop below 2.2', 'train-loss 2.4', 'when will lm_loss_avg hit 3']) assert.ok(reachQuery(q) !== undefined, q);
  assert.equal(reachQuery('when does val_bpb reach 0.9', 'val_bpb'), 0.9);
  assert.equal(reachQuery('when does the error reach 0.1', 'top1_err'), 0.1);
  assert.equal(reachQuery('when does perplexity reach 20', 'val_ppl'), 20);
  // a perplexity of 20 is no loss of 20, an error no loss either
  assert.equal(reachQuery('when does perplexity reach 20', 'val_loss'), undefined);
  assert.equal(reachQuery('when does the error reach 0.1', 'loss'), undefined);
  // "apply" holds "ppl" and "overloss" "loss", but neither names a metric
  assert.equal(reachQuery('apply 2.5', 'ppl'), undefined);
  assert.equal(reachQuery('overloss 2.5'), undefined);
  // a named loss asked of a curve of something else, and the loss scale, are not its y
  assert.equal(reachQuery('when does val_loss reach 2.5', 'accuracy'), undefined);
  assert.equal(reachQuery('when does eval/loss reach 2.5', 'acc'), undefined);
  assert.equal(reachQuery('when does loss_scale reach 1024', 'loss'), undefined);
  // an accuracy's curve is asked as people name it: "the accuracy", whatever its column is called
  assert.equal(reachQuery('when does the accuracy reach 0.95?', 'val_accuracy'), 0.95);
  assert.equal(reachQuery('when will accuracy hit 0.9', 'acc@1'), 0.9);
  assert.equal(reachQuery('when does the accuracy reach 85', 'top1'), 85);
  assert.equal(reachQuery('when does the accuracy reach 0.9', 'val_loss'), undefined);
  assert.equal(reachQuery('when does val_loss reach 2.5', 'train/loss'), 2.5);
});

test('a reach question that names no loss is asked to; one that names an x, or another metric, is told which', () => {
  assert.match(unnamedReach('when does it reach 2.5?', 'val_loss') ?? '', /does not say what should reach 2\.5: ask "when does the val_loss reach 2\.5\?"/);
  assert.match(unnamedReach('when do we hit 3.1') ?? '', /ask "when does the loss reach 3\.1\?"/);
  assert.match(unnamedReach('when does perplexity reach 20', 'val_loss') ?? '', /asks about perplexity, but this curve's y is val_loss: .*a perplexity of 20 is a loss of ln 20 = 2\.996/);
  assert.match(unnamedReach('when does the error reach 0.1', 'loss') ?? '', /asks about error, but this curve's y is loss/);
  assert.match(unnamedReach('when does val_loss reach 2.5', 'accuracy') ?? '', /asks about val_loss, but this curve's y is accuracy/);
  assert.match(unnamedReach('when does loss_scale reach 1024', 'loss') ?? '', /asks about loss_scale, but this curve's y is loss/);
  // a loss of 0 names the curve's own metric: it said "asks about loss, but this curve's y is loss"
  assert.equal(unnamedReach('when does the loss reach 0?', 'loss'), '"when does the loss reach 0": the loss stays above 0 on every law fitted here, so it never reaches 0: ask "when does the loss reach a value above 0?".');
  assert.match(unnamedReach('when does val_loss reach 0.0', 'val_loss') ?? '', /the val_loss stays above 0 .* never reaches 0\.0/);
  // a value no loss has is not "stays above 0"
  assert.doesNotMatch(unnamedReach('when does loss reach 1e999?', 'val_loss') ?? '', /stays above 0/);
  for (const q of ['when does step reach 100000', 'when will tokens reach 1e10', 'when does the loss reach 2.5', '1e10', 'loss at 10x']) assert.equal(unnamedReach(q, 'loss'), undefined, q);
});

test('a plan query: a budget, and optionally how many unique tokens exist', () => {
  assert.deepEqual(parsePlanQuery('1e23'), { flops: 1e23 });
  assert.deepEqual(parsePlanQuery('best N and D for 1e23 FLOPs with 300B unique tokens?'), { flops: 1e23, uniqueTokens: 3e11 });
  assert.deepEqual(parsePlanQuery('5.76e23, 1T unique'), { flops: 5.76e23, uniqueTokens: 1e12 });
  assert.deepEqual(parsePlanQuery('1e23 FLOPs and only 3e11 unique tokens'), { flops: 1e23, uniqueTokens: 3e11 });
  assert.throws(() => parsePlanQuery('1e23 with 0 unique tokens'), /"0" is not a number of unique tokens/);
  assert.throws(() => parsePlanQuery('300B tokens with 1B unique'), /number of tokens \(D\), not compute/);
  // a loss to reach instead of a budget
  for (const q of ['loss 2.1', 'compute to reach loss 2.1?', 'how much compute for a loss of 2.1', 'what compute is needed to reach loss 2.1']) assert.deepEqual(parsePlanQuery(q), { targetLoss: 2.1 }, q);
  assert.deepEqual(parsePlanQuery('loss 1.9 with 100B unique tokens'), { targetLoss: 1.9, uniqueTokens: 1e11 });
  assert.throws(() => parsePlanQuery('loss 0'), /"0" is not a loss to reach/);
  // tokens the model will serve, with the loss, in either order with the unique data
  assert.deepEqual(parsePlanQuery('loss 2.1 with 1T inference tokens'), { targetLoss: 2.1, inferenceTokens: 1e12 });
  assert.deepEqual(parsePlanQuery('compute to reach loss 2.1, serving 2e12 tokens?'), { targetLoss: 2.1, inferenceTokens: 2e12 });
  assert.deepEqual(parsePlanQuery('loss 2.1 with 300B unique tokens and 1T inference tokens'), { targetLoss: 2.1, uniqueTokens: 3e11, inferenceTokens: 1e12 });
  assert.throws(() => parsePlanQuery('1e23 with 1T inference tokens'), /serving tokens changes the plan for a loss to reach/);
});

test('on a perplexity or bits curve, "the loss" asked for is the loss in nats that y holds in other units; naming the y asks for the y', () => {
  assert.deepEqual(reachAsked('when does the loss reach 3.2?', 'val_perplexity'), { value: 24.5325, loss: 3.2 });
  assert.equal(reachQuery('loss 3.2', 'ppl'), 24.5325);
  assert.deepEqual(reachAsked('when does the loss reach 3.2?', 'bpb'), { value: 4.61662, loss: 3.2 });
  assert.deepEqual(reachAsked('when does val_perplexity reach 25', 'val_perplexity'), { value: 25 });
  assert.deepEqual(reachAsked('when does the perplexity reach 25', 'val_ppl'), { value: 25 });
  assert.deepEqual(reachAsked('when does perplexité reach 25', 'perplexité'), { value: 25 });
  assert.deepEqual(reachAsked('when does bpb reach 0.9', 'val_bpb'), { value: 0.9 });
  assert.deepEqual(reachAsked('loss 2.5', 'val_loss'), { value: 2.5 });
  assert.deepEqual(reachAsked('loss 2.5', 'log_perplexity'), { value: 2.5 });
  assert.match(unnamedReach('when does bpb reach 1.2', 'val_loss') ?? '', /asks about bpb, but this curve's y is val_loss: .*1\.2 bits is a loss of 1\.2 × ln 2 = 0\.832 nats/);
});

test('a budget as researchers write compute: SI-prefixed FLOPs, PF-days, powers of ten, "a budget of …"', () => {
  for (const q of ['100 zettaFLOPs', '100 ZFLOPs', '100ZFLOP', '1e5 EFLOPs', '10^23', '10^23 FLOPs', '1 × 10^23', '1x10^23 FLOPs?', 'a budget of 1e23 FLOPs', 'What is the optimal N and D for a budget of 1e23 FLOPs?', '1e23 FLOPs budget', '1e23 FLOPs of compute']) {
    assert.equal(parseBudget(q), 1e23, q);
  }
  assert.equal(parseBudget('1000 PF-days'), 8.64e22);
  assert.equal(parseBudget('3640 petaflop/s-days'), 3640 * 8.64e19);
  assert.equal(parseBudget('2.5T flops'), 2.5e12);
  // a rate is not an amount of compute
  assert.throws(() => parseBudget('1e23 FLOP/s'), /not compute/);
  assert.deepEqual(parsePlanQuery('7B params on 10^12 tokens'), { flops: 4.2e22, point: { N: 7e9, D: 1e12 } });
});

test('a size with no unit, or a number too small to train anything, is not read as a budget of FLOPs', () => {
  // "70B" in the Plan is a model: 7e10 FLOPs would plan a 57K-parameter model
  for (const q of ['70B', '1.4T', 'best N and D for 70B?']) assert.throws(() => parseBudget(q), /reads as a model size or a token count.*params on 1T tokens/, q);
  assert.equal(parseBudget('70B FLOPs'), 7e10);
  // "2.1" is a loss typed without "loss"
  assert.throws(() => parsePlanQuery('2.1'), /2\.1 FLOPs trains no model; for the compute to reach a loss: type "loss 2\.1"/);
  assert.throws(() => parseBudget('500 FLOPs'), /trains no model\. Give FLOPs/);
  assert.equal(parseBudget('1e6'), 1e6);
  // allocate --budget says it as its own flags
  assert.throws(() => parseBudget('70B', { point: (n) => `give --n ${n} --d 1T`, loss: (l) => `give --loss ${l}` }), /\(for the loss of a model on a token count: give --n 70B --d 1T\)/);
  // a multiple typed into the Plan says where it is answered
  for (const q of ['loss at 10x data?', 'what if I train a 2x bigger model']) assert.throws(() => parsePlanQuery(q), /a multiple \(10x\) needs something to multiply.*Predict Loss at Scale.*14B params on 1T tokens/, q);
});

test('a model size on a named token count needs no "params": the other amount is the model', () => {
  for (const q of ['loss of 7B on 1T tokens', 'loss of 7B trained on 1T tokens', '7B on 1T tokens']) {
    assert.deepEqual(parsePlanQuery(q), { flops: 4.2e22, point: { N: 7e9, D: 1e12 } }, q);
  }
  assert.throws(() => parsePlanQuery('7B on 1T'), /holds two amounts/);
});

test('Predict reads compute units and a bigger model as people ask them, and "10x data" is not a bigger model', () => {
  // a curve against FLOPs: "100 zettaFLOPs" read as 100 FLOPs before
  assert.deepEqual(parseTarget('loss at 100 zettaFLOPs', 1e20, 'flops'), { value: 1e23, unit: 'flops' });
  assert.deepEqual(parseTarget('1000 PF-days', 1e20, 'flops'), { value: 8.64e22, unit: 'flops' });
  // loss against N (runs of several sizes): "a 2x bigger model" was "not a target"
  for (const q of ['what if I train a 2x bigger model', 'what loss would a 2x bigger model reach?', 'loss of a 2x bigger model']) assert.equal(parseTarget(q, 7e9, 'params').value, 1.4e10, q);
  assert.throws(() => parseTarget('what if I train a 2x bigger model', 3e11, 'tokens'), /number of parameters, but x here is tokens/);
  // ... and "10x data" there read as 10× the largest model
  assert.throws(() => parseTarget('loss at 10x data?', 7e9, 'params'), /number of tokens, but x here is parameters/);
  assert.equal(parseTarget('loss at 10x data?', 3e11, 'tokens').value, 3e12);
  // "loss of 2.1" still asks for a loss, not an x
  assert.throws(() => parseTarget('loss of 2.1', 1), /is not a target/);
});
