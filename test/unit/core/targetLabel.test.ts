// The target as the panel names it: the multiple in its short form or the amount with its unit,
// never the question it was typed in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountLabel, targetLabel, targetMultiple } from '../../../src/core/units';

test('targetMultiple reads the multiple out of a question, and nothing out of an amount', () => {
  assert.equal(targetMultiple('10x'), 10);
  assert.equal(targetMultiple(' 2.5 X '), 2.5);
  assert.equal(targetMultiple('loss at 10x data?'), 10);
  assert.equal(targetMultiple('loss at 10× data?'), 10);
  assert.equal(targetMultiple('what will the loss be at 3 times the data?'), 3);
  for (const text of ['1e10', '300B tokens', 'loss at 2B tokens?', 'banana', '']) assert.equal(targetMultiple(text), undefined, text);
});

test('targetLabel: "10x (315B tokens)" for a multiple however it was asked, "315B tokens" for an amount', () => {
  assert.equal(targetLabel('loss at 10x data?', 3.15e11, 'tokens'), '10x (315B tokens)');
  assert.equal(targetLabel('10x', 3.15e11, 'tokens'), '10x (315B tokens)');
  assert.equal(targetLabel('loss at 3x data?', 9.44e10, 'tokens'), '3x (94.4B tokens)');
  assert.equal(targetLabel('31457300000', 31457300000, 'tokens'), '31.5B tokens');
  assert.equal(targetLabel('7.91e10', 7.91e10, 'tokens'), '79.1B tokens');
  assert.equal(targetLabel("what's the loss at 300B tokens?", 3e11, 'tokens'), '300B tokens');
  assert.equal(targetLabel('at step 24000', 24000, 'step'), '24K steps');
  assert.equal(targetLabel('1e21', 1e21, 'flops'), '1e21 FLOPs');
});

test('amountLabel leaves out a unit an axis does not have', () => {
  assert.equal(amountLabel(1200, 'index'), '1.2K');
  assert.equal(amountLabel(1200), '1.2K');
  assert.equal(amountLabel(1200, 'constructor'), '1.2K');
  assert.equal(amountLabel(7e9, 'params'), '7B parameters');
});
