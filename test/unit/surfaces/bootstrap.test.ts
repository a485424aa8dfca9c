import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chinchillaStartGrid, fitChinchilla } from '../../../src/core/laws/chinchilla';
import { bootstrapChinchilla, interval, predictionIntervals, quantileSorted } from '../../../src/core/surfaceBootstrap';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { optimalAllocation } from '../../../src/core/allocation';
import { ScalingLensError } from '../../../src/core/types';
import { PUBLISHED, syntheticSurface } from './synthetic';

const someStarts = chinchillaStartGrid().filter((_, i) => i % 30 === 0);

test('quantiles interpolate linearly between order statistics', () => {
  const s = Float64Array.from([1, 2, 3, 4, 5]);
  assert.equal(quantileSorted(s, 0), 1);
  assert.equal(quantileSorted(s, 1), 5);
  assert.equal(quantileSorted(s, 0.5), 3);
  assert.equal(quantileSorted(s, 0.125), 1.5);
  const i = interval([5, 1, 4, 2, 3, NaN], 0.5);
  assert.deepEqual(i, { lo: 2, median: 3, hi: 4 });
});

test('bootstrap intervals cover the truth on a noisy synthetic surface and bracket the fit', () => {
  const obs = syntheticSurface(PUBLISHED, 80, 0.01, 21);
  const fit = fitChinchilla(obs, { starts: someStarts });
  const C = 1e22;
  const b = bootstrapChinchilla(obs, fit.surface, { resamples: 200, seed: 5, budgets: [C] });
  assert.equal(b.resamples, 200);
  assert.equal(b.draws.length + b.failed, 200);
  assert.ok(b.failed <= 3, `${b.failed} failed refits`);
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) {
    const ci = b.params[k];
    assert.ok(ci.lo <= ci.median && ci.median <= ci.hi, k);
    assert.ok(ci.lo < fit.surface[k] && fit.surface[k] < ci.hi, `${k}: fit ${fit.surface[k]} outside [${ci.lo}, ${ci.hi}]`);
  }
  // With 1% noise the exponents are pinned to a few hundredths.
  for (const k of ['E', 'alpha', 'beta'] as const) {
    assert.ok(b.params[k].lo < PUBLISHED[k] && PUBLISHED[k] < b.params[k].hi, `${k}: truth ${PUBLISHED[k]} outside [${b.params[k].lo}, ${b.params[k].hi}]`);
  }
  // Prediction intervals: inside the sampled range they are narrow and cover the true loss;
  // far outside it (1000× the largest run) they are wider.
  const [inside, outside] = predictionIntervals(b, [{ N: 1e9, D: 2e10 }, { N: 1e12, D: 3e13 }]);
  assert.ok(inside.lo < chinchillaLoss(PUBLISHED, 1e9, 2e10) && chinchillaLoss(PUBLISHED, 1e9, 2e10) < inside.hi);
  assert.ok(outside.hi - outside.lo > inside.hi - inside.lo);
  const alloc = b.allocations[0];
  const truthN = optimalAllocation(PUBLISHED, C).N;
  assert.ok(alloc.N.lo < truthN && truthN < alloc.N.hi, `N_opt truth ${truthN} outside [${alloc.N.lo}, ${alloc.N.hi}]`);
});

test('bootstrap is deterministic for a seed and changes with it', () => {
  const obs = syntheticSurface(PUBLISHED, 30, 0.02, 4);
  const fit = fitChinchilla(obs, { starts: someStarts });
  const a = bootstrapChinchilla(obs, fit.surface, { resamples: 30, seed: 9 });
  const b = bootstrapChinchilla(obs, fit.surface, { resamples: 30, seed: 9 });
  const c = bootstrapChinchilla(obs, fit.surface, { resamples: 30, seed: 10 });
  assert.deepEqual(a.params, b.params);
  assert.notDeepEqual(a.params, c.params);
});

test('resampling whole runs: a group of identical points moves together', () => {
  // Each run contributes 3 points; resampling runs keeps its points together, so intervals still form.
  const obs = syntheticSurface(PUBLISHED, 36, 0.02, 8);
  const groups = Array.from({ length: 36 }, (_, i) => Math.floor(i / 3));
  const fit = fitChinchilla(obs, { starts: someStarts });
  const b = bootstrapChinchilla(obs, fit.surface, { resamples: 40, seed: 2, groups });
  assert.equal(b.draws.length + b.failed, 40);
  assert.throws(() => bootstrapChinchilla(obs, fit.surface, { resamples: 5, groups: [1, 2] }), ScalingLensError);
  assert.throws(() => bootstrapChinchilla(obs, fit.surface, { resamples: 0 }), ScalingLensError);
});
