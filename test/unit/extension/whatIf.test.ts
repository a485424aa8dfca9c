// What-if cooldown answers: "now" / a later step inside the schedule, a shape, a length — checked
// with one-line messages, and turned into the Cooldown the forecast uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLength, checkStep, cooldownOf, resolvedCooldown, shapeItems, suggestedLength, whenItems } from '../../../src/extension/model/whatIf';
import { parseCooldownText, scheduleFromSpec, withCooldown } from '../../../src/core/schedule/index';

const ctx = { lastStep: 12000, total: 24000 };

test('the step box: now, a later step in the schedule; earlier, past the end, not a number refused', () => {
  assert.equal(checkStep('18000', ctx), undefined);
  assert.equal(checkStep('18,000', ctx), undefined);
  assert.equal(checkStep('1.8e4', ctx), undefined);
  assert.equal(checkStep(' now ', ctx), undefined);
  assert.match(checkStep('9000', ctx)!, /before the last logged step \(12000\)/);
  assert.match(checkStep('30000', ctx)!, /past the end of the schedule \(24000\)/);
  assert.match(checkStep('soon', ctx)!, /"now" or a whole step number/);
  assert.match(checkStep('18000.5', ctx)!, /whole step number/);
  assert.match(checkStep('', ctx)!, /whole step number/);
  // without a known schedule end, any later step
  assert.equal(checkStep('90000', { lastStep: 12000 }), undefined);
});

test('the length box: whole steps ≥ 1', () => {
  assert.equal(checkLength('2000'), undefined);
  for (const bad of ['0', '-5', '1.5', 'long', '', 'NaN', 'Infinity']) assert.match(checkLength(bad)!, /whole number of steps ≥ 1/, bad);
});

test('answers → cooldown; the cooldown shortens the schedule to at + over', () => {
  assert.deepEqual(cooldownOf({ when: 'now', shape: 'linear', lengthText: '2000' }, ctx), { at: 'now', shape: 'linear', over: 2000 });
  assert.deepEqual(cooldownOf({ when: 'at', stepText: '20000', shape: 'EXP', lengthText: '4000' }, ctx), { at: 20000, shape: 'exp', over: 4000 });
  assert.throws(() => cooldownOf({ when: 'at', stepText: '100', shape: 'linear', lengthText: '10' }, ctx), /before the last logged step/);
  assert.throws(() => cooldownOf({ when: 'now', shape: 'step', lengthText: '10' }, ctx), /shape must be one of linear, exp, cosine, sqrt/);
  const base = scheduleFromSpec('constant:warmup=100,total=24000,peak=3e-4');
  const s = withCooldown(base, resolvedCooldown(cooldownOf({ when: 'now', shape: 'linear', lengthText: '2000' }, ctx), ctx.lastStep));
  assert.equal(s.total, 14000);
  assert.ok(Math.abs(s.lrAt(14000) - 3e-5) < 1e-12);
});

test('the CLI text form takes the same checks', () => {
  assert.deepEqual(parseCooldownText('now,cosine,500', 1000), { at: 1000, shape: 'cosine', over: 500 });
  assert.deepEqual(parseCooldownText('1500,exp,500,1e-5', 1000, 2000), { at: 1500, shape: 'exp', over: 500, end: 1e-5 });
  assert.throws(() => parseCooldownText('1500,exp,500,0', 1000), /> 0 for shape exp/);
  assert.throws(() => parseCooldownText('1500,exp', 1000), /AT,SHAPE,OVER\[,END\]/);
});

test('menus and a suggested length', () => {
  assert.deepEqual(whenItems(ctx).map((i) => i.when), ['now', 'at']);
  assert.match(whenItems(ctx)[1].description, /between 12000 and 24000/);
  assert.deepEqual(shapeItems().map((i) => i.label), ['linear', 'exp', 'cosine', 'sqrt']);
  assert.equal(suggestedLength(12000), 2400);
  assert.equal(suggestedLength(18345), 3700);
  assert.equal(suggestedLength(3), 1);
});
