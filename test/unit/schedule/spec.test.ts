// Schedule specs: parsing, η per step against the formulas of the issue, one-line errors, cooldowns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSchedule, lrAt, parseSchedule, scheduleFromSpec, withCooldown } from '../../../src/core/schedule/index';
import { rows } from './lrData';

test('every kind parses, round-trips through its text form, and warms up linearly from 0', () => {
  for (const text of [
    'cosine:warmup=100,total=1000,peak=1e-3,end=1e-4',
    'linear:warmup=100,total=1000,peak=1e-3,end=0',
    'constant:warmup=100,total=1000,peak=1e-3',
    'wsd:warmup=100,decay=800,total=1000,peak=1e-3,end=1e-5,shape=sqrt',
    'wsd:warmup=100,decay=800,total=1000,peak=1e-3,end=1e-5,shape=exp2',
    'two-stage:warmup=100,switch=500,total=1000,peak=1e-3,then=1e-4',
    'rsqrt:warmup=100,total=1000,peak=1e-3,end=1e-4',
    'rsqrt:warmup=100,timescale=400,total=1000,peak=1e-3',
  ]) {
    const s = parseSchedule(text);
    assert.deepEqual(parseSchedule(formatSchedule(s)), s);
    assert.equal(lrAt(s, 0), 0);
    assert.ok(Math.abs(lrAt(s, 50) - 5e-4) < 1e-15, text);
    assert.equal(lrAt(s, 100), 1e-3);
  }
});

test('η per step matches the issue\'s formulas and the logged LR of the bundled runs', () => {
  const exp = parseSchedule('wsd:warmup=10,decay=600,total=1000,peak=1e-3,end=1e-5,shape=exp');
  // geometric interpolation P^((T−s)/(T−D))·E^((s−D)/(T−D))
  assert.ok(Math.abs(lrAt(exp, 700) - Math.pow(1e-3, 300 / 400) * Math.pow(1e-5, 100 / 400)) < 1e-18);
  assert.equal(lrAt(exp, 600), 1e-3);
  assert.ok(Math.abs(lrAt(exp, 1000) - 1e-5) < 1e-18);
  const sqrt = parseSchedule('wsd:warmup=0,decay=0,total=100,peak=1,end=0,shape=sqrt');
  assert.ok(Math.abs(lrAt(sqrt, 25) - 0.5) < 1e-15);
  for (const [name, spec] of [
    ['cosine_24000', 'cosine:warmup=2160,total=24000,peak=3e-4,end=3e-5'],
    ['wsd_20000_24000', 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=exp'],
    ['wsdld_20000_24000', 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=linear'],
    ['wsdcon_9', 'two-stage:warmup=2160,switch=8000,total=16000,peak=3e-4,then=9e-5'],
  ]) {
    const r = rows('25M', name);
    const s = parseSchedule(spec);
    r.steps.forEach((st, i) => assert.ok(Math.abs(lrAt(s, st) - r.lr[i]) <= 1e-9 * r.lr[i], `${name} step ${st}: ${lrAt(s, st)} vs ${r.lr[i]}`));
  }
});

test('an inverse square root: peak·√(warmup/s), or with a timescale peak/√((s − warmup + S)/S), held at its end, with a knot where it reaches it', () => {
  const s = parseSchedule('rsqrt:warmup=100,total=100000,peak=1e-3,end=1e-4');
  assert.ok(Math.abs(lrAt(s, 400) - 5e-4) < 1e-18);
  assert.ok(Math.abs(lrAt(s, 10000) - 1e-4) < 1e-18);
  assert.equal(lrAt(s, 50000), 1e-4);
  assert.deepEqual(scheduleFromSpec(s).breakpoints, [0, 100, 10000, 100000]);
  assert.ok(scheduleFromSpec(s).curved);
  const hf = parseSchedule('rsqrt:warmup=0,timescale=10000,total=100000,peak=1e-3');
  assert.equal(lrAt(hf, 0), 1e-3);
  assert.ok(Math.abs(lrAt(hf, 30000) - 5e-4) < 1e-18);
  assert.equal(formatSchedule(parseSchedule('rsqrt:warmup=100,timescale=100,total=1000,peak=1')), 'rsqrt:warmup=100,total=1000,peak=1,end=0', 'a timescale equal to the warmup is implied');
});

test('a decay that ends before the total (until=) is held at its end; one past the total is cut there', () => {
  const early = parseSchedule('cosine:warmup=100,total=1000,peak=1e-3,end=1e-4,until=600');
  assert.ok(Math.abs(lrAt(early, 350) - 5.5e-4) < 1e-15, 'halfway through the decay');
  assert.equal(lrAt(early, 600), 1e-4);
  assert.equal(lrAt(early, 900), 1e-4);
  assert.deepEqual(scheduleFromSpec(early).breakpoints, [0, 100, 600, 1000]);
  const late = parseSchedule('linear:warmup=0,total=1000,peak=1,end=0,until=2000');
  assert.equal(lrAt(late, 1000), 0.5);
  assert.deepEqual(parseSchedule('linear:warmup=0,total=1000,peak=1,end=0,until=1000'), parseSchedule('linear:warmup=0,total=1000,peak=1,end=0'), 'until at the total is the plain spec');
});

test('bad specs: one line that says what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['cosine', /expected KIND:key=value/],
    ['triangle:total=10,peak=1', /unknown kind "triangle"/],
    ['cosine:warmup=10,total=100,peak=1e-3,end=1e-4,foo=1', /cosine takes warmup, total, peak, end, until; not "foo"/],
    ['cosine:warmup=10,total=100,peak=1e-3,min_lr=1e-4', /cosine takes warmup, total, peak, end, until; not "min_lr" \(min_lr is end here\)/],
    ['cosine:warmup=10,peak=1e-3', /missing total=/],
    ['cosine:warmup=10,total=100,peak=abc', /peak must be a number; got "abc"/],
    ['cosine:warmup=200,total=100,peak=1e-3', /warmup must be a whole number of steps in \[0, total\)/],
    ['constant:total=100,peak=-1', /peak must be > 0/],
    ['wsd:warmup=10,decay=200,total=100,peak=1e-3,end=0', /decay .* in \[warmup, total\)/],
    ['wsd:warmup=10,decay=50,total=100,peak=1e-3,end=0,shape=exp', /shape=exp needs end > 0/],
    ['wsd:warmup=10,decay=50,total=100,peak=1e-3,shape=cubic', /shape must be one of linear, exp, cosine, sqrt, exp2; got "cubic"/],
    ['two-stage:warmup=10,switch=5,total=100,peak=1e-3,then=1e-4', /switch must be/],
    ['cosine:total=100,total=200,peak=1', /"total" given twice/],
    ['rsqrt:total=100,peak=1', /rsqrt needs warmup > 0 or a timescale > 0/],
    ['cosine:warmup=10,until=10,total=100,peak=1', /until \(the step the decay ends\) must be a whole number after the warmup/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseSchedule(text), (e: Error) => re.test(e.message) && !e.message.includes('\n'), text);
  }
});

test('a cooldown: the base schedule up to the step, then the shape to 10% of η there, ending the run', () => {
  const base = scheduleFromSpec('constant:warmup=100,total=10000,peak=1e-3');
  const c = withCooldown(base, { at: 4000, over: 1000, shape: 'linear' });
  assert.equal(c.total, 5000);
  assert.equal(c.lrAt(3000), 1e-3);
  assert.equal(c.lrAt(4000), 1e-3);
  assert.ok(Math.abs(c.lrAt(4500) - 5.5e-4) < 1e-15);
  assert.ok(Math.abs(c.lrAt(5000) - 1e-4) < 1e-15);
  assert.throws(() => withCooldown(base, { at: 20000, over: 10, shape: 'linear' }), /past the schedule's end/);
  assert.throws(() => withCooldown(base, { at: 10, over: 0, shape: 'linear' }), /cooldown length/);
});
