// Spikes are judged against the curve's noise: a short, steep curve whose running-median
// residuals are mostly 0 must not turn 2σ noise into "spikes".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSpikes, findSpikesAndNewest, MAX_NEWEST_HELD } from '../../../src/core/spikes';
import { mulberry32, normal } from '../../../src/core/random';
import { wanderingLoss } from './wanderingLoss';
import { rows } from '../schedule/lrData';

function noisyCurve(seed: number, n: number, noise: number): Float64Array {
  const z = normal(mulberry32(seed));
  return Float64Array.from({ length: n }, (_, i) => (1.5 + 20 * (10 ** (2 + (4 * i) / (n - 1))) ** -0.4) * Math.exp(noise * z()));
}

test('30-point curves with 1% noise: no point flagged as a spike; a point 30% up is flagged on every one', () => {
  let flagged = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const y = noisyCurve(seed, 30, 0.01);
    flagged += findSpikes(y).length;
    const at = 5 + (seed % 20);
    const spiked = Float64Array.from(y);
    spiked[at]! *= 1.3;
    assert.deepEqual(findSpikes(spiked), [at], `seed ${seed}`);
  }
  assert.equal(flagged, 0);
});

test('a smooth noiseless curve loses nothing; a per-step log with 5 double-loss checkpoints loses exactly those', () => {
  assert.deepEqual(findSpikes(noisyCurve(1, 200, 0)), []);
  const y = noisyCurve(2, 2000, 0.02);
  const spikes = [300, 700, 1100, 1500, 1900];
  for (const i of spikes) y[i]! *= 2;
  assert.deepEqual(findSpikes(y), spikes);
});

test("a 5% spike on 0.5% noise is not hidden by its own second differences: found on most 50-point and nearly all 100-point curves", () => {
  for (const [n, least] of [[50, 85], [100, 95]] as const) {
    let found = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const z = normal(mulberry32(seed));
      const at = Math.floor(n * 0.7);
      const y = Float64Array.from({ length: n }, (_, i) => (2 + 10 * (i + 1) ** -0.3) * Math.exp(0.005 * z()) * (i === at ? 1.05 : 1));
      if (findSpikes(y).includes(at)) found++;
    }
    assert.ok(found >= least, `n = ${n}: ${found} of 100`);
  }
});

test('a spike that fades over 10 points of a 1000-point log is left out whole; a lasting change of level is not', () => {
  const gauss = normal(mulberry32(4));
  const base = (i: number) => (2 + 20 * Math.pow(i + 10, -0.4)) * Math.exp(0.01 * gauss());
  const y = Float64Array.from({ length: 1000 }, (_, i) => base(i) * (i >= 600 && i < 640 ? 1 + 0.25 * Math.exp(-(i - 600) / 4) : 1));
  const found = findSpikes(y);
  // the jump and its tail while it stays 2σ above the level before it: about ln(0.25/0.02)·4 ≈ 10 points
  assert.ok(found.includes(600) && found.includes(605), found.join());
  assert.ok(found.every((i) => i >= 600 && i < 615), found.join());
  // the same jump held for 300 points (a restart, a new level): no spike
  const shifted = Float64Array.from({ length: 1000 }, (_, i) => base(i) * (i >= 600 && i < 900 ? 1.25 : 1));
  assert.ok(!findSpikes(shifted).some((i) => i >= 600 && i < 900), 'a change of level is not trimmed');
});

test('many fading spikes do not switch off the single ones; a jump that lasts to the last point is left to the upturn check', () => {
  const gauss = normal(mulberry32(6));
  const n = 2000;
  const y = Float64Array.from({ length: n }, (_, i) => (2 + 20 * Math.pow(i + 10, -0.4)) * Math.exp(0.01 * gauss()));
  // eight spikes fading over ~10 points (their tails together over a tenth of the curve if counted
  // with the singles' guard), and three single-point spikes
  for (let k = 0; k < 8; k++) for (let j = 0; j < 40; j++) y[200 + 200 * k + j]! *= 1 + 0.3 * Math.exp(-j / 8);
  for (const i of [150, 1150, 1950]) y[i]! *= 1.3;
  const found = new Set(findSpikes(y));
  for (const i of [150, 1150, 1950]) assert.ok(found.has(i), `single spike at ${i}`);
  // the last 6 of 100 points 8% up: no spike (it has not faded by the end of the data)
  const end = Float64Array.from({ length: 100 }, (_, i) => (2 + 20 * Math.pow(i + 10, -0.4)) * Math.exp(0.002 * gauss()) * (i >= 94 ? 1.08 : 1));
  assert.deepEqual(findSpikes(end).filter((i) => i >= 94), []);
});

test('a spike at the end of the data that is already fading is left out; the same jump held is not', () => {
  const gauss = normal(mulberry32(8));
  const base = Array.from({ length: 1000 }, (_, i) => (2 + 20 * Math.pow(i + 10, -0.4)) * Math.exp(0.005 * gauss()));
  const fadingEnd = Float64Array.from(base, (v, i) => v * (i >= 988 ? 1 + 0.3 * Math.exp(-(i - 988) / 4) : 1));
  assert.ok(findSpikes(fadingEnd).includes(988), findSpikes(fadingEnd).join());
  const heldEnd = Float64Array.from(base, (v, i) => v * (i >= 988 ? 1.3 : 1));
  assert.ok(!findSpikes(heldEnd).some((i) => i >= 988), findSpikes(heldEnd).join());
});

test('a per-step loss whose noise wanders (AR(1), autocorrelation 0.9, 2%) loses no point as a spike; a 30% jump fading over 20 points on it is found', () => {
  let strays = 0;
  let found = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const { y } = wanderingLoss(seed, 3000);
    strays += findSpikes(y).length;
    for (let k = 0; k < 20; k++) y[1500 + k] *= 1 + 0.3 * (1 - k / 20);
    if (findSpikes(y).includes(1500)) found++;
  }
  // of 24,000 points: a stray single point may pass 6σ
  assert.ok(strays <= 5, `${strays} points flagged`);
  assert.equal(found, 8);
});

/** An evaluation curve: `n` checkpoints, 0.3% noise, those at `spiked` at about double the loss (×1.8–2.2). */
function evalCurve(seed: number, n: number, spiked: readonly number[]): { clean: Float64Array; y: Float64Array } {
  const z = normal(mulberry32(seed));
  const clean = Float64Array.from({ length: n }, (_, i) => (2.1 + 9 * (1000 * (i + 1)) ** -0.28) * Math.exp(0.003 * z()));
  return { clean, y: Float64Array.from(clean, (v, i) => (spiked.includes(i) ? v * (1.8 + ((i * 7) % 5) / 10) : v)) };
}

test('checkpoints at double the loss are left out however many there are (up to a third), and on curves too short for the noise test', () => {
  // 11 of 104 checkpoints: more than a tenth, which the noise test takes for the curve's shape
  const eleven = [5, 14, 22, 31, 40, 48, 57, 66, 75, 83, 92];
  assert.deepEqual(findSpikes(evalCurve(1, 104, eleven).y), eleven);
  // 5 of 21, their own second differences making the noise look as large as they are
  assert.deepEqual(findSpikes(evalCurve(2, 21, [4, 5, 12, 14, 17]).y), [4, 5, 12, 14, 17]);
  // a 10-point evaluation series (the quarter of a 41-checkpoint run)
  assert.deepEqual(findSpikes(evalCurve(3, 10, [3, 7]).y), [3, 7]);
  // a curve where half the points jump is a curve, not spikes; 4 points are too few to tell
  assert.deepEqual(findSpikes(evalCurve(4, 20, [1, 3, 5, 7, 9, 11, 13, 15]).y), []);
  assert.deepEqual(findSpikes(evalCurve(5, 4, [2]).y), []);
  // and the clean curves lose nothing
  for (let seed = 1; seed <= 20; seed++) for (const n of [5, 10, 21, 104]) assert.deepEqual(findSpikes(evalCurve(seed, n, []).clean), [], `seed ${seed}, ${n} points`);
});

test('a last checkpoint at double the loss is left out; a curve that rises into its last point keeps it', () => {
  assert.deepEqual(findSpikes(evalCurve(6, 30, [29]).y), [29]);
  assert.deepEqual(findSpikes(evalCurve(6, 8, [7]).y), [7]);
  const { clean } = evalCurve(7, 30, []);
  // a run that blows up over its last 4 points: the whole rise stays, for the upturn check (over
  // its first 3 it looks like a spike, and is held back as one: see the newest-rows test)
  const blowUp = Float64Array.from(clean, (v, i) => v * (i >= 26 ? [1.6, 2, 3, 5][i - 26]! : 1));
  assert.deepEqual(findSpikes(blowUp), []);
  // a rising metric (accuracy against data) and an overfitting validation loss
  assert.deepEqual(findSpikes(Float64Array.from([0.05, 0.08, 0.12, 0.2, 0.3, 0.45])), []);
  assert.deepEqual(findSpikes(Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])), []);
  assert.deepEqual(findSpikes(Float64Array.from([3, 2.5, 2.2, 2, 1.9, 1.95, 2.1, 2.4, 2.8, 3.4])), []);
});

test('a per-step loss that scatters by ×1.5 on its own (σ 0.25 in log y, as Mamba\'s) loses no point to the gross-spike test', () => {
  const z = normal(mulberry32(9));
  const y = Float64Array.from({ length: 5000 }, (_, i) => (1 + 5 * (i + 10) ** -0.3) * Math.exp(0.25 * z()));
  assert.deepEqual(findSpikes(y), []);
});

test('the newest 2 or 3 rows at ×2 (a spike whose window the end of the log cuts) are held back and said; 4 are a rise, left to the upturn check', () => {
  const { clean } = evalCurve(7, 30, []);
  // a 300-row LM log (on a plateau a level that rose by noise over its 5 rows still reads as a rise: 3% of the LR runs' prefixes)
  const lm = Float64Array.from(rows('100M', 'cosine_72000').loss.slice(0, 300));
  for (const curve of [clean, lm]) {
    const n = curve.length;
    const up = (k: number, m: number): Float64Array => Float64Array.from(curve, (v, i) => (i >= n - k ? m * v : v));
    for (const k of [1, 2, 3]) {
      const found = findSpikesAndNewest(up(k, 2));
      assert.deepEqual(found.spikes, Array.from({ length: k }, (_, j) => n - k + j), `${n} points, last ${k} ×2`);
      assert.equal(found.newest?.count, k);
      assert.ok(Math.abs(found.newest!.factor - 2) < 0.1, `factor ${found.newest!.factor}`);
    }
    assert.equal(MAX_NEWEST_HELD, 3);
    assert.deepEqual(findSpikesAndNewest(up(4, 2)), { spikes: [] }, `${n} points, last 4 ×2`);
    assert.deepEqual(findSpikesAndNewest(curve), { spikes: [] });
  }
  // after a rise (an overfitting validation loss), two more rows up stay
  const rising = Float64Array.from([3, 2.5, 2.2, 2, 1.9, 1.95, 2.1, 2.4, 2.8, 3.4, 5.2, 5.4]);
  assert.deepEqual(findSpikesAndNewest(rising), { spikes: [] });
});
