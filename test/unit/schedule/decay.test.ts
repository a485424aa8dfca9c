// One notion of LR decay for the forecast and its own-history back-test (core/schedule/decay.ts):
// the decay between two steps as the loss answers it (the LR-annealing law's S2, as a share of a
// full decay's), a decay ahead from 1% of a full one, a rehearsal over under half the decay ahead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scheduleFromSpec } from '../../../src/core/schedule/index';
import { gridFromSchedule } from '../../../src/core/schedule/grid';
import { TISSUE_LAMBDA } from '../../../src/core/schedule/tissue';
import { decayAhead, decayShares, decayUnrehearsed, NO_DECAY, REHEARSED_DECAY } from '../../../src/core/schedule/decay';

const grid = (spec: string) => gridFromSchedule(scheduleFromSpec(spec));
// η falls tenfold (0.9 of the peak) at step 8,000 and stays there to 16,000
const twoStage = grid('two-stage:warmup=0,switch=8000,total=16000,peak=3e-4,then=3e-5');
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

test('a drop reaches the loss over the steps after it: of a tenfold drop at step 8,000, the step itself holds 0.9·(1−λ), the steps after 0.9·(λ − λ^8001)', () => {
  const [before, at, after] = decayShares(twoStage, [4000, 7999, 8000, 16000]);
  assert.equal(before, 0);
  assert.ok(close(at!, 0.9 * (1 - TISSUE_LAMBDA)), String(at));
  assert.ok(close(after!, 0.9 * (TISSUE_LAMBDA - TISSUE_LAMBDA ** 8001)), String(after));
  // a whole cosine to 10% of its peak: nearly 0.9 of a full decay
  const [cosine] = decayShares(grid('cosine:warmup=0,total=40000,peak=3e-4,end=3e-5'), [0, 40000]);
  assert.ok(cosine! > 0.85 && cosine! < 0.9, String(cosine));
});

test('a decay ahead: one the loss has not answered yet, though η has dropped at the last logged step; none on a constant LR, nor in the last steps of a decay answered', () => {
  assert.equal(decayAhead(twoStage, 8000), true);
  assert.equal(decayAhead(twoStage, 7000), true);
  // 15,000 steps after the drop, λ^7000 ≈ 0.1% of it is left
  assert.ok(decayShares(twoStage, [15000, 16000])[0]! < NO_DECAY);
  assert.equal(decayAhead(twoStage, 15000), false);
  assert.equal(decayAhead(grid('constant:warmup=1000,total=5000,peak=3e-4'), 2000), false);
});

test('a rehearsal over under half the decay ahead is said with the share it crossed; one over more, or with none ahead, is not', () => {
  // to the switch: the rehearsal crossed the step of the drop, 0.1% of what the loss has still to answer
  const atSwitch = decayUnrehearsed(twoStage, 4000, 8000, 8000)!;
  assert.ok(atSwitch > 0 && atSwitch < 0.002, String(atSwitch));
  // from the switch on: it crossed the bulk of the answer, little is left
  assert.equal(decayUnrehearsed(twoStage, 8000, 12000, 12000), undefined);
  // a cosine rehearsed over its first quarter: a fraction of what is ahead; over its third quarter, more than is left
  const cosine = grid('cosine:warmup=0,total=40000,peak=3e-4,end=3e-5');
  assert.ok(decayUnrehearsed(cosine, 2500, 10000, 10000)! < REHEARSED_DECAY);
  assert.equal(decayUnrehearsed(cosine, 22500, 30000, 30000), undefined);
  assert.equal(decayUnrehearsed(grid('constant:warmup=0,total=5000,peak=3e-4'), 100, 1000, 1000), undefined);
});
