// What-if cooldown answers: "now" / a later step inside the schedule, a shape, a length — checked
// with one-line messages, and turned into the Cooldown the forecast uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLength, checkStep, cooldownOf, resolvedCooldown, savedWhatIf, shapeItems, suggestedLength, whenItems } from '../../../src/extension/model/whatIf';
import { parseCooldownText, scheduleFromSpec, withCooldown } from '../../../src/core/schedule/index';
import { runForecastJob } from '../../../src/extension/forecastJob';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { panelStateOf } from '../../../src/shared/protocol';
import { validatePanelData } from '../../../src/shared/validate';
import { rows as lrRows, SPECS } from '../schedule/lrData';
import { testDeps, testSettings } from './sessionFixture';

const cosineRows = () => lrRows('25M', 'cosine_72000');

function sourceOf(r: ReturnType<typeof cosineRows>, n: number): SourceData {
  const x = { step: Float64Array.from(r.steps.slice(0, n)) };
  const series = [
    { key: 'loss', split: 'train' as const, x, y: Float64Array.from(r.loss.slice(0, n)) },
    { key: 'lr', split: 'other' as const, x, y: Float64Array.from(r.lr.slice(0, n)) },
  ];
  return { format: 'csv', warnings: [], runs: [{ name: 'cosine', origin: '/c.csv', format: 'csv', series }] };
}

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

test('a what-if saved with the panel state: checked on restore, a bad one dropped with one line', () => {
  assert.deepEqual(savedWhatIf(undefined), {}, 'nothing saved: nothing restored, nothing said');
  assert.deepEqual(savedWhatIf({ at: 'now', over: 2000, shape: 'linear' }), { whatIf: { at: 'now', over: 2000, shape: 'linear' } });
  assert.deepEqual(savedWhatIf({ at: 30000, over: 500, shape: 'exp', end: 1e-5, extra: 'ignored' }), { whatIf: { at: 30000, over: 500, shape: 'exp', end: 1e-5 } });
  const bad: [unknown, RegExp][] = [
    ['now', /expected \{at, over, shape\}, got "now"/],
    [null, /expected \{at, over, shape\}, got null/],
    [[1, 2], /expected \{at, over, shape\}/],
    [{ at: 'later', over: 10, shape: 'linear' }, /step must be "now" or a whole number ≥ 1, got "later"/],
    [{ at: 0, over: 10, shape: 'linear' }, /step must be .* got 0/],
    [{ at: 1.5, over: 10, shape: 'linear' }, /step must be .* got 1\.5/],
    [{ at: 'now', over: 0, shape: 'linear' }, /length must be a whole number of steps ≥ 1, got 0/],
    [{ at: 'now', over: '100', shape: 'linear' }, /length must be .* got "100"/],
    [{ at: 'now', over: 100, shape: 'step' }, /shape must be one of linear, exp, cosine, sqrt, got "step"/],
    [{ at: 'now', over: 100, shape: 'cosine', end: -1 }, /final learning rate must be a number > 0, got -1/],
    [{ at: 'now', over: 100, shape: 'cosine', end: 'x'.repeat(500) }, /got "x{39}…/],
  ];
  for (const [v, why] of bad) {
    const r = savedWhatIf(v);
    assert.equal(r.whatIf, undefined, JSON.stringify(v));
    assert.match(r.problem ?? '', /^The saved what-if cooldown was dropped: /);
    assert.match(r.problem ?? '', why);
    assert.equal(r.problem!.includes('\n'), false);
    assert.ok(r.problem!.length < 200, r.problem);
  }
});

test('the what-if survives a reload: session → panel data → saved state (JSON) → restored session draws the same cooldown', async () => {
  const rows = cosineRows();
  const half = Math.floor(rows.steps.length / 2);
  const deps = testDeps(testSettings(['m1']), { forecast: async (data, options) => runForecastJob(data, { ...options, bootstrap: 5 }) });
  const source = sourceOf(rows, half);
  const before = new LensSession('/c.csv', 'c.csv', deps);
  before.setSource(source);
  before.forecast.setSchedule(SPECS.cosine_72000);
  before.forecast.setWhatIf({ at: 'now', over: 3000, shape: 'sqrt' });
  await before.refit();
  const data = validatePanelData(JSON.parse(JSON.stringify(before.panelData())), 'data');
  assert.deepEqual(data.forecast?.cooldown, { at: 'now', over: 3000, shape: 'sqrt' });
  const saved = JSON.parse(JSON.stringify(panelStateOf(data))) as Record<string, unknown>;
  assert.deepEqual(saved['whatIf'], { at: 'now', over: 3000, shape: 'sqrt' });
  // what the serializer does with the saved state: check, then set on the new session's forecast
  const restored = savedWhatIf(saved['whatIf']);
  assert.equal(restored.problem, undefined);
  const after = new LensSession('/c.csv', 'c.csv', deps);
  after.setSource(source);
  after.forecast.setSchedule(String(saved['schedule']));
  after.forecast.setWhatIf(restored.whatIf);
  await after.refit();
  const again = after.panelData();
  assert.deepEqual(again.forecast?.cooldown, data.forecast?.cooldown);
  assert.deepEqual(again.forecast?.result?.whatIf, data.forecast?.result?.whatIf, 'the same what-if forecast is drawn');
  // a tampered state is refused by the protocol's check of the panel data too
  assert.throws(() => validatePanelData({ ...data, forecast: { ...data.forecast, cooldown: { at: 'now', over: 3, shape: 'step' } } }, 'data'), /cooldown\.shape/);
});
