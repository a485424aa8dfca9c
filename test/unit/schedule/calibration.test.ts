// The forecast's calibrated constants against their documented recipes on the bundled runs
// (src/core/schedule/forecast.ts, forecastRunAlone.ts): a change to the laws, the LR grid or the band that moves a
// recipe's value fails here, instead of leaving the shipped constant calibrated on a former forecast.
// Each constant is compared at the precision it is shipped with (3 decimals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitScheduleLaw } from '../../../src/core/schedule/index';
import { ANNEAL_GAIN, KAPPA_OWN, KAPPA_PRIOR } from '../../../src/core/schedule/forecast';
import { bandCases, calibrateKappa } from '../../../bench/scheduleCoverage';
import { decayGainOf, mambaDecayGain } from '../../../bench/scheduleForecastEval';
import { rows, schedule, SIZES, TRAIN } from './lrData';

const SHIPPED = 5e-4 + 1e-9;
const gains = SIZES.map(decayGainOf);

test('ANNEAL_GAIN is the mean full-decay gain of the two sizes’ training splits', () => {
  const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
  assert.ok(Math.abs(mean - ANNEAL_GAIN) <= SHIPPED, `recipe ${mean.toFixed(4)} (${gains.map((g) => g.toFixed(4)).join(', ')}), shipped ${ANNEAL_GAIN}`);
});

test('KAPPA_OWN is the sample sd of the full-decay gains of 25M, 100M and Mamba 3B', () => {
  const all = [...gains, mambaDecayGain()];
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const sd = Math.sqrt(all.reduce((a, g) => a + (g - mean) ** 2, 0) / (all.length - 1));
  assert.ok(Math.abs(sd - KAPPA_OWN) <= SHIPPED, `recipe ${sd.toFixed(4)}, shipped ${KAPPA_OWN}`);
});

test('KAPPA_PRIOR gives unit mean-square standardised errors on both sizes’ before-decay cases with the sibling prior', () => {
  const cases = SIZES.flatMap((size) => {
    const prior = fitScheduleLaw(TRAIN.map((name) => ({ name, steps: rows(size, name).steps, loss: rows(size, name).loss, schedule: schedule(name) })), 'mpl', 1).fit;
    return bandCases(size, prior);
  });
  const kappa = calibrateKappa(cases);
  assert.ok(Math.abs(kappa - KAPPA_PRIOR) <= SHIPPED, `recipe ${kappa.toFixed(4)}, shipped ${KAPPA_PRIOR}`);
});
