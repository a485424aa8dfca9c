// "data" as a target's unit names tokens (core/targetText.ts axisOfUnit), the data a language
// model is counted in, on every path that reads a unit word: a target against the curve's x
// (fit, predict, watch, the panel), fit/predict's unquoted unit, and allocate's amounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisOfUnit, unitMismatch } from '../../../src/core/targetText';
import { parseTarget } from '../../../src/core/units';
import { UsageError } from '../../../src/cli/args';
import { command as predict } from '../../../src/cli/commands/predict';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { printed } from './printed';

test('axisOfUnit: "data", "the data", "more training data" and "dataset" are tokens; a word for another axis first still wins', () => {
  for (const u of ['data', 'the data', 'more training data', 'dataset']) assert.equal(axisOfUnit(u), 'tokens', u);
  assert.equal(axisOfUnit('samples of data'), 'samples');
  assert.equal(axisOfUnit('gpus'), undefined);
});

test('a multiple of data fits every axis that grows with training, and is refused against parameters (no bigger model)', () => {
  for (const axis of ['tokens', 'step', 'epoch', 'samples', 'flops']) assert.equal(parseTarget('10x data', 1e4, axis).value, 1e5, axis);
  assert.equal(parseTarget('what will the loss be at 10 times the data?', 1e4, 'step').value, 1e5);
  assert.throws(() => parseTarget('10x data', 7e9, 'params'), /"10x data": that is a number of tokens, but x here is parameters: give parameters or a multiple such as 10x, or fit against tokens\.$/);
  assert.equal(unitMismatch('data', true, 'params'), unitMismatch('tokens', true, 'params'));
});

test('an amount of data is tokens: read as tokens on a tokens axis, refused on another one, not read as that many steps', () => {
  assert.equal(parseTarget('300B data', 1, 'tokens').value, 3e11);
  assert.throws(() => parseTarget('300B data', 1, 'step'), /that is a number of tokens, but x here is steps/);
  assert.throws(() => parseTarget('1B data', 1, 'samples'), /that is a number of tokens, but x here is samples: give samples/);
  // an axis the words cannot name (a table's own column) says nothing, as for "tokens"
  assert.equal(parseTarget('300B data', 1, 'index').value, 3e11);
});

test('predict --at 300B data on a log against steps is refused with the way out, not fitted at 300B steps', async () => {
  await assert.rejects(predict.run(['data/lr-schedules/25M/cosine_24000.csv', '--at', '300B data', '--bootstrap', '0']), (e: Error) => e instanceof UsageError && /"300B data": that is a number of tokens, but x here is steps/.test(e.message));
});

test('fit/predict --at 300B data unquoted: "data" is named as a unit to quote with its amount', async () => {
  await assert.rejects(predict.run(['data/lr-schedules/25M/cosine_24000.csv', '--at', '300B', 'data', '--bootstrap', '0']), (e: Error) => e instanceof UsageError && e.message === '"data" is a unit, not a target: quote a target with its unit, e.g. "300B data"');
  await assert.rejects(fit.run(['data/lr-schedules/25M/cosine_24000.csv', '--target', '2x', 'data']), (e: Error) => e instanceof UsageError && e.message === '"data" is a unit, not a target: quote a target with its unit, e.g. "2x data"');
});

test('allocate: --d and --unique take an amount of data; --n refuses it as tokens, not parameters', async () => {
  const { code, out } = await printed(() => allocate.run(['--n', '7B', '--d', '1T data', '--preset', 'chinchilla']));
  assert.equal(code, 0);
  assert.match(out, /N = 7\.000e9 on D = 1\.000e12 tokens/);
  await assert.rejects(allocate.run(['--n', '7B data', '--d', '1T', '--preset', 'chinchilla']), (e: Error) => e instanceof UsageError && e.message === '--n: "7B data" counts tokens, not parameters');
  const unique = await printed(() => allocate.run(['--budget', '5.76e23', '--unique', '300B data']));
  assert.match(unique.out, /^with 3\.000e11 unique tokens/m);
});
