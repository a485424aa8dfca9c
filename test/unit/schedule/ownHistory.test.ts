// The schedule-aware forecast back-tested on the run's own log: the cut reaches as far as the
// forecast is asked to, the miss is that of the last logged losses, and a short log or a reach the
// log cannot rehearse gets a reason, not a number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scheduleFromSpec } from '../../../src/core/schedule/index';
import { ownHistory, TRUTH_SHARE } from '../../../src/core/schedule/ownHistory';
import { ownHistoryText } from '../../../src/core/schedule/ownHistoryText';

const law = (s: number): number => 2 + 10 * Math.pow(s, -0.3);

/** A log every `every` steps to `last` on the exact power law, the last TRUTH_SHARE of it times `bump`. */
function powerLog(last: number, every: number, bump = 1): { steps: number[]; loss: number[] } {
  const steps: number[] = [];
  for (let s = every; s <= last; s += every) steps.push(s);
  return { steps, loss: steps.map((s) => law(s) * (s >= last * (1 - TRUTH_SHARE) ? bump : 1)) };
}

const constant = scheduleFromSpec('constant:warmup=0,total=40000,peak=3e-4');

test('a forecast that misses the last logged losses by a known amount is reported with that miss and sign, from the cut at the asked reach', () => {
  const log = powerLog(10000, 50, 1.02);
  const o = ownHistory({ ...log, schedule: constant })!;
  // the fit recovers the law exactly (the bump is after the cut): the miss is 1/1.02 − 1
  assert.ok(Math.abs(o.missedBy! - (1 / 1.02 - 1)) < 1e-3, String(o.missedBy));
  assert.equal(o.askedReach, 4);
  // the same ratio of steps: the rehearsal reaches 4× (to the last logged step, from the last
  // logged step at or before a quarter of it)
  assert.ok(o.reach! >= 4 && o.reach! < 4.1, String(o.reach));
  assert.equal(o.shorter, undefined);
  assert.equal(o.beforeDecay, undefined, 'a constant schedule has no decay ahead');
  const clean = ownHistory({ ...powerLog(10000, 50), schedule: constant })!;
  assert.ok(Math.abs(clean.missedBy!) < 1e-3, String(clean.missedBy));
  assert.match(ownHistoryText(o), /^On this run's own history, a forecast from 25% of the logged steps \(step 2,500 → 10,000, a 4× reach, as asked\) missed the last logged loss by −2\.0%\.$/);
});

test('deterministic: the same log gives the same back-test', () => {
  const req = { ...powerLog(10000, 50, 1.01), schedule: constant };
  assert.deepEqual(ownHistory(req), ownHistory(req));
});

test('a log too short for the forecast to fit before its last losses says so, with no number', () => {
  const o = ownHistory({ ...powerLog(500, 50), schedule: constant })!;
  assert.equal(o.missedBy, undefined);
  assert.match(o.why!, /^too short a log: the forecast needs 10 logged losses before the last ones/);
  assert.match(ownHistoryText(o), /^On this run's own history: no back-test of the forecast \(too short a log/);
});

test('a reach the log cannot come within half of (in log steps) is no comparable distance; within it, the most the log allows, said as such', () => {
  // a 100× reach asked of a log whose earliest cut (10 points) rehearses 2×
  const far = ownHistory({ ...powerLog(1000, 50), schedule: scheduleFromSpec('constant:warmup=0,total=100000,peak=3e-4') })!;
  assert.equal(far.missedBy, undefined);
  assert.match(far.why!, /^the log rehearses at most a 2× reach, from step 500, the earliest cut the forecast fits from: under half the 100× asked, in log steps$/);
  // its steps as the block's other lines write them, and no parentheses inside the line's own (walkthrough LMWALK: "(from step 3312, …)")
  const wide = ownHistory({ ...powerLog(6400, 128), schedule: scheduleFromSpec('constant:warmup=0,total=1000000,peak=3e-4') })!;
  assert.match(ownHistoryText(wide), /^On this run's own history: no back-test of the forecast \(the log rehearses at most a 5× reach, from step 1,280, the earliest cut the forecast fits from: under half the 160× asked, in log steps\)\.$/);
  // 3× asked, 2× allowed: a number, marked shorter
  const near = ownHistory({ ...powerLog(1000, 50), schedule: scheduleFromSpec('constant:warmup=0,total=3000,peak=3e-4') })!;
  assert.equal(near.shorter, true);
  assert.ok(near.missedBy !== undefined && Math.abs(near.missedBy) < 1e-3);
  assert.match(ownHistoryText(near), /a 2× reach, the most this log allows; 3× is asked\)/);
});

test('a run before its decay is marked: the back-test saw no decay, one is ahead', () => {
  const wsd = scheduleFromSpec('wsd:warmup=0,decay=30000,total=40000,peak=3e-4,end=3e-5,shape=linear');
  const before = ownHistory({ ...powerLog(10000, 50), schedule: wsd })!;
  assert.equal(before.beforeDecay, true);
  assert.equal(before.decaySeen, 0);
  assert.match(ownHistoryText(before), /, before any decay: the error of the decay still ahead is not in it\.$/);
});

test('a rehearsal over the first steps of a decay is marked as one over little of it: the share of the η drop ahead it crossed, under half', () => {
  // logged to 31,000 of a linear decay from 30,000 to 40,000: the rehearsal (24,000 → 31,000) crossed
  // 1,000 of its steps, which the loss answers over the steps after them (3.3% of a full decay),
  // while the forecast has the rest ahead (78%)
  const wsd = scheduleFromSpec('wsd:warmup=0,decay=30000,total=40000,peak=3e-4,end=3e-5,shape=linear');
  const early = ownHistory({ ...powerLog(31000, 50), schedule: wsd })!;
  assert.equal(early.beforeDecay, true);
  assert.ok(Math.abs(early.decaySeen! - 0.033 / 0.777) < 0.002, String(early.decaySeen));
  assert.match(ownHistoryText(early), /\(step 24,000 → 31,000, .*, over only 4% of the LR decay still ahead: most of that decay's error is not in it\.$/);
  // a cosine from its first quarter: the rehearsal crossed a fraction of the decay still ahead
  const cosine = scheduleFromSpec('cosine:warmup=0,total=40000,peak=3e-4,end=3e-5');
  assert.equal(ownHistory({ ...powerLog(10000, 50), schedule: cosine })!.beforeDecay, true);
  // from its last quarter, more than the drop still ahead: it stands in for the decay
  const late = ownHistory({ ...powerLog(30000, 50), schedule: cosine })!;
  assert.equal(late.beforeDecay, undefined);
  assert.equal(late.decaySeen, undefined);
});

test('nothing to forecast, nothing to back-test: no schedule, or a log at its end', () => {
  const log = powerLog(10000, 50);
  assert.equal(ownHistory({ ...log, lr: { steps: log.steps, lr: log.steps.map(() => 3e-4) } }), undefined);
  assert.equal(ownHistory({ ...log, schedule: scheduleFromSpec('constant:warmup=0,total=10000,peak=3e-4') }), undefined);
});

test('the warmup stays out of the rehearsal as out of the forecast: the earliest cut is 10 losses past it', () => {
  const sch = scheduleFromSpec('constant:warmup=3000,total=40000,peak=3e-4');
  const o = ownHistory({ ...powerLog(10000, 50), schedule: sch })!;
  // 4× would cut at about 2,500, inside the warmup (to 3,000): the earliest cut is 10 losses past it
  assert.ok(o.fromStep! >= 3000 + 9 * 50, String(o.fromStep));
  assert.equal(o.shorter, true);
});

test('a reach just over 1 reads as one, not as "a 1× reach" (walkthrough: a 72K-step cosine run logged to step 71,536)', () => {
  const o = { askedReach: 72000 / 71536, fromStep: 70640, toStep: 71216, reach: 71216 / 70640, missedBy: -0.002 };
  assert.equal(ownHistoryText(o), "On this run's own history, a forecast from 99% of the logged steps (step 70,640 → 71,216, a 1.006× reach, as asked) missed the last logged loss by −0.2%.");
});
