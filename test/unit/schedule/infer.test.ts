// The planned schedule read off a logged LR: recovered from part of each bundled lr-schedules run
// whose decay has begun, and refused, with the reason, where the log cannot tell (constant so far,
// a step change, a warmup still going, an LR that is no known decay).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanLrLog, forecastRun, inferSchedule, lrAt, parseSchedule, type ScheduleGuess } from '../../../src/core/schedule/index';
import { rows, SPECS, SIZES } from './lrData';
import { mulberry32 } from '../../../src/core/random';

const prefix = (size: (typeof SIZES)[number], name: string, frac: number): ScheduleGuess => {
  const r = rows(size, name);
  const k = Math.floor(r.steps.length * frac);
  return inferSchedule(cleanLrLog({ steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }));
};
const near = (a: number, b: number, tol: number): boolean => Math.abs(a / b - 1) <= tol;

test('cosine runs: from a quarter of the log on, the total within 1% and the end within 10% of the spec that made them', () => {
  for (const size of SIZES) {
    for (const name of ['cosine_24000', 'cosine_72000']) {
      const truth = parseSchedule(SPECS[name]!);
      for (const frac of [0.25, 0.5, 0.75]) {
        const g = prefix(size, name, frac);
        assert.ok(g.ok, `${size}/${name} ${frac}: ${g.ok ? '' : g.why}`);
        assert.equal(g.spec.kind, 'cosine', g.text);
        assert.ok(near(g.spec.total, truth.total, 0.01), `${size}/${name} ${frac}: ${g.text}`);
        if (g.spec.kind === 'cosine' && truth.kind === 'cosine') assert.ok(near(g.spec.end, truth.end, 0.1), `${size}/${name} ${frac}: ${g.text}`);
        assert.equal(g.spec.peak, truth.peak);
        assert.ok(g.relErr < 0.001, `${g.relErr}`);
        // the text is a spec the schedule field and --schedule accept
        assert.deepEqual(parseSchedule(g.text), g.spec);
      }
    }
  }
});

test('the guess is in the round numbers the run was configured with where they fit as well: each cosine run from a quarter of its log on, the exp WSD once its decay is mostly logged', () => {
  for (const size of SIZES) {
    for (const name of ['cosine_24000', 'cosine_72000']) {
      for (const frac of [0.25, 0.5, 0.75, 0.85, 0.95, 1]) {
        const g = prefix(size, name, frac);
        assert.ok(g.ok && g.text === 'cosine:warmup=2160,total=' + name.slice(7) + ',peak=0.0003,end=0.00003', `${size}/${name} ${frac}: ${g.ok ? g.text : g.why}`);
      }
    }
    // early in the decay a rounder total may fit a little worse: it is not taken then (70000 for 72000)
    for (const frac of [1 / 16, 1 / 12]) {
      const early = prefix(size, 'cosine_72000', frac);
      assert.ok(early.ok && near(early.spec.total, 72000, 0.005), `${size} ${frac}: ${early.ok ? early.text : early.why}`);
    }
    const wsd = prefix(size, 'wsd_20000_24000', 0.95);
    assert.ok(wsd.ok && /decay=20000,total=24000,peak=0\.0003,end=0\.00003,shape=exp$/.test(wsd.text), wsd.ok ? wsd.text : wsd.why);
  }
});

test('WSD runs once the decay has begun: where it starts and ends; a straight decay says that its end was assumed', () => {
  for (const size of SIZES) {
    const exp = prefix(size, 'wsd_20000_24000', 0.9);
    assert.ok(exp.ok && exp.spec.kind === 'wsd' && exp.spec.shape === 'exp', exp.ok ? exp.text : exp.why);
    assert.ok(near(exp.spec.decay, 20000, 0.01) && near(exp.spec.total, 24000, 0.02), exp.text);
    assert.match(exp.note ?? '', /end = peak\/10 assumed/);
    const lin = prefix(size, 'wsdld_20000_24000', 0.9);
    assert.ok(lin.ok && lin.spec.kind === 'wsd' && lin.spec.shape === 'linear', lin.ok ? lin.text : lin.why);
    assert.ok(near(lin.spec.decay, 20000, 0.01) && near(lin.spec.total, 24000, 0.03), lin.text);
    assert.match(lin.note ?? '', /end=0 assumed/);
  }
});

test('what the log cannot tell is refused with its reason', () => {
  for (const [name, frac, why] of [
    ['constant_72000', 1, /^the logged LR is constant at 3e-4 from step 2,176 to step 71,936: no decay logged yet, so where the run ends is not in the log$/],
    ['wsd_20000_24000', 0.5, /constant at 3e-4 .*: no decay logged yet/],
    ['wsdcon_9', 0.75, /drops from 0\.0003 to 0\.00009 at step 8\d{3} in one go/],
  ] as const) {
    const g = prefix('100M', name, frac);
    assert.ok(!g.ok && why.test(g.why), `${name}: ${g.ok ? g.text : g.why}`);
  }
  const warming = inferSchedule(cleanLrLog({ steps: [1, 2, 3, 4, 5, 6, 7, 8], lr: [1, 2, 3, 4, 5, 6, 7, 8].map((s) => s * 1e-5) }));
  assert.ok(!warming.ok && /still warming up/.test(warming.why));
  // an LR that is no known decay (noisy, up and down)
  const steps = Array.from({ length: 50 }, (_, i) => (i + 1) * 100);
  const odd = inferSchedule(cleanLrLog({ steps, lr: steps.map((_, i) => 3e-4 * (0.8 + 0.15 * Math.sin(i))) }));
  assert.ok(!odd.ok && /is not a cosine, linear/.test(odd.why), odd.ok ? odd.text : odd.why);
});

test('LLM360 Mamba: its logged LR read from half the log agrees with the whole log within 1%', () => {
  const lines = readFileSync(join(__dirname, '..', '..', '..', 'data', 'trajectories', 'llm360Mamba3B.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const at = (frac: number) => {
    const k = Math.floor(lines.length * frac);
    return inferSchedule(cleanLrLog({ steps: lines.slice(0, k).map((l) => l[0]!), lr: lines.slice(0, k).map((l) => l[2]!) }));
  };
  const half = at(0.5);
  const all = at(1);
  assert.ok(half.ok && all.ok && half.spec.kind === 'cosine' && all.spec.kind === 'cosine');
  assert.ok(near(half.spec.total, all.spec.total, 0.01), `${half.text} vs ${all.text}`);
});

test('a forecast without a schedule says where the logged LR is heading, not that the schedule has ended', () => {
  const r = rows('100M', 'cosine_72000');
  const k = Math.floor(r.steps.length / 3);
  const fc = forecastRun({ steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, bootstrap: 0 });
  assert.ok(fc.warnings.some((w) => /no schedule given: .*the logged LR follows cosine:warmup=2160,total=7\d{4},peak=0\.0003,end=0\.0000\d+ \(within 0\.1%\): give it as the schedule to forecast to step 7\d{4}/.test(w)), fc.warnings.join(' | '));
  assert.ok(!fc.warnings.some((w) => /reached the end of its schedule/.test(w)));
});

test('any logged LR (random lengths, steps, values, plateaus, drops): an answer, never a throw; a guess is a spec that parses', () => {
  const rnd = mulberry32(11);
  let guesses = 0;
  for (let t = 0; t < 300; t++) {
    const n = 2 + Math.floor(rnd() * 300);
    const steps: number[] = [];
    let s = Math.floor(rnd() * 100);
    for (let i = 0; i < n; i++) steps.push((s += 1 + Math.floor(rnd() * 200)));
    const kind = t % 3;
    const peak = 10 ** (-5 + 3 * rnd());
    const lr = steps.map((st, i) => (kind === 0 ? peak * (0.1 + rnd()) : kind === 1 ? peak * (1 - (st - steps[0]!) / (1.2 * (steps[n - 1]! - steps[0]! + 1))) * (1 + 0.001 * rnd()) : i < n / 2 ? peak : peak * (0.5 + 0.5 * Math.cos((Math.PI * (st - steps[n >> 1]!)) / (2 * (steps[n - 1]! - steps[n >> 1]! + 1))))));
    const g = inferSchedule(cleanLrLog({ steps, lr }));
    if (g.ok) {
      guesses++;
      assert.deepEqual(parseSchedule(g.text), g.spec, g.text);
      assert.ok(g.spec.total >= steps[n - 1]!, g.text);
    } else assert.ok(g.why.length > 0);
  }
  assert.ok(guesses > 100, `${guesses} guesses`);
});

test('with the planned length the log or config records (HF max_steps): the total is that length, only the shape is read; a constant LR is held to it', () => {
  // HF's default: linear from the peak to 0 at max_steps, logged every 10 steps, half-way
  const steps = Array.from({ length: 6 }, (_, i) => (i + 1) * 10);
  const lr = steps.map((s) => 5e-5 * (1 - s / 120));
  const g = inferSchedule(cleanLrLog({ steps, lr }), 120);
  assert.ok(g.ok && g.spec.kind === 'linear' && g.spec.total === 120 && g.spec.kind === 'linear' && g.spec.end === 0, g.ok ? g.text : g.why);
  assert.match(g.note ?? '', /total is the planned length the log or config records, 120 steps/);
  const flat = inferSchedule(cleanLrLog({ steps, lr: steps.map(() => 3e-4) }), 1000);
  assert.ok(flat.ok && flat.text === 'constant:warmup=10,total=1000,peak=0.0003', flat.ok ? flat.text : flat.why);
  // a log that has reached its planned end (HF's last save, global_step = max_steps) shows its whole
  // schedule: held at the peak to the end, not "whether and when it decays is not in the log yet"
  const done = inferSchedule(cleanLrLog({ steps, lr: steps.map(() => 3e-4) }), 60);
  assert.ok(done.ok && done.text === 'constant:warmup=10,total=60,peak=0.0003', done.ok ? done.text : done.why);
  assert.equal(done.note, 'constant to the planned step 60, which the log has reached');
  const all = Array.from({ length: 12 }, (_, i) => (i + 1) * 10);
  const decayed = inferSchedule(cleanLrLog({ steps: all, lr: all.map((s) => 5e-5 * (1 - s / 240)) }), 120);
  assert.ok(decayed.ok && decayed.spec.kind === 'linear' && decayed.spec.total === 120, decayed.ok ? decayed.text : decayed.why);
  // a planned length the log has already passed (a resumed run) is not used
  const past = inferSchedule(cleanLrLog({ steps, lr: steps.map(() => 3e-4) }), 40);
  assert.ok(!past.ok && /no decay logged yet/.test(past.why));
});

test('a constant LR so far says what it read (the LR, its steps, its warmup) and gives the schedule to type with what the log shows', () => {
  const steps = Array.from({ length: 120 }, (_, i) => (i + 1) * 100);
  const flat = inferSchedule(cleanLrLog({ steps, lr: steps.map(() => 3e-4) }));
  assert.deepEqual(flat, { ok: false, why: 'the logged LR is constant at 3e-4 for all 12,000 steps: no decay logged yet, so where the run ends is not in the log', template: 'wsd:warmup=0,decay=…,total=…,peak=3e-4,end=…' });
  const warmed = inferSchedule(cleanLrLog({ steps, lr: steps.map((s) => 2.5e-4 * Math.min(1, s / 2000)) }));
  assert.deepEqual(warmed, { ok: false, why: 'the logged LR warms up to 2.5e-4 by step 2,000 and stays there to step 12,000: no decay logged yet, so where the run ends is not in the log', template: 'wsd:warmup=2000,decay=…,total=…,peak=2.5e-4,end=…' });
  // a resumed log, starting well after step 0, says from where
  const resumed = inferSchedule(cleanLrLog({ steps: steps.map((s) => s + 50000), lr: steps.map(() => 3e-4) }));
  assert.ok(!resumed.ok && resumed.why.startsWith('the logged LR is constant at 3e-4 from step 50,100 to step 62,000: '), resumed.ok ? resumed.text : resumed.why);
  // the template is one field short of a schedule: it parses once the "…" are typed
  const typed = flat.ok ? '' : flat.template!.replace('decay=…', 'decay=20000').replace('total=…', 'total=24000').replace('end=…', 'end=3e-5');
  assert.equal(parseSchedule(typed).kind, 'wsd');
});

test("an inverse square root (Megatron's, fairseq's) is recognised: with the planned length it is the guess, without one the reason names it", () => {
  // logged every 300 steps: the warmup's end (4,000) is between two logged steps
  const steps: number[] = [];
  const lr: number[] = [];
  for (let st = 300; st <= 30000; st += 300) {
    steps.push(st);
    lr.push(st < 4000 ? (5e-4 * st) / 4000 : 5e-4 * Math.sqrt(4000 / st));
  }
  const log = cleanLrLog({ steps, lr });
  const open = inferSchedule(log);
  assert.ok(!open.ok && /inverse square root .* does not show where the run ends/.test(open.why), open.ok ? open.text : open.why);
  const g = inferSchedule(log, 100000);
  assert.ok(g.ok && g.spec.kind === 'rsqrt' && g.spec.total === 100000, g.ok ? g.text : g.why);
  // the logged peak (step 4,200) and its √ make the same decay as the true warmup and peak
  for (const st of [10000, 50000, 100000]) assert.ok(near(lrAt(g.spec, st), 5e-4 * Math.sqrt(4000 / st), 0.01), `step ${st}`);
  // a cosine is still a cosine
  const cos = parseSchedule('cosine:warmup=2000,total=40000,peak=5e-4,end=5e-5');
  const cs = steps.filter((st) => st <= 20000);
  const c = inferSchedule(cleanLrLog({ steps: cs, lr: cs.map((st) => lrAt(cos, st)) }));
  assert.ok(c.ok && c.spec.kind === 'cosine', c.ok ? c.text : c.why);
});

test("Megatron's exponential WSD decay (2·0.5^f − 1) is read as shape=exp2 once it has begun, with where it ends", () => {
  const truth = parseSchedule('wsd:warmup=500,decay=8000,total=10000,peak=3e-4,end=3e-5,shape=exp2');
  const steps: number[] = [];
  for (let st = 100; st <= 9000; st += 100) steps.push(st);
  const g = inferSchedule(cleanLrLog({ steps, lr: steps.map((st) => lrAt(truth, st)) }));
  assert.ok(g.ok && g.spec.kind === 'wsd' && g.spec.shape === 'exp2', g.ok ? g.text : g.why);
  assert.ok(near(g.spec.total, 10000, 0.01), g.text);
  assert.ok(g.spec.kind === 'wsd' && near(g.spec.end, 3e-5, 0.1), g.text);
});

test('a schedule longer than a forecast follows (steps that count samples) is not offered: its spec would be refused when set', () => {
  const steps = Array.from({ length: 40 }, (_, i) => (i + 1) * 2.5e6);
  const lr = steps.map(() => 3e-4);
  const within = inferSchedule(cleanLrLog({ steps, lr }), 1e8);
  assert.ok(within.ok && within.spec.total === 1e8, JSON.stringify(within));
  assert.doesNotThrow(() => parseSchedule(within.ok ? within.text : ''));
  const past = inferSchedule(cleanLrLog({ steps, lr }), 7.2e9);
  assert.ok(!past.ok, 'a 7.2e9-step schedule is not offered');
  assert.match(past.why, /7\.2B steps, past the 100M a forecast follows step by step/);
  assert.throws(() => parseSchedule('constant:total=7200000000,peak=0.0003'), /at most 1e8 steps/);
});
