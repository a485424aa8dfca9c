import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chinchillaLoss, chinchillaStartGrid } from '../../../src/core/laws/chinchilla';
import { dataConstrainedLaw, dataConstrainedLoss, effectiveTokens, fitDataConstrained, MUENNIGHOFF, paramsForUniqueTokens } from '../../../src/core/laws/dataConstrained';
import { optimalTokensForParams } from '../../../src/core/allocation';
import { getLaw } from '../../../src/core/laws/index';
import { ScalingLensError } from '../../../src/core/types';
import { PUBLISHED, relErr } from './synthetic';

const DC = { ...PUBLISHED, RD: MUENNIGHOFF.RDstar, RN: MUENNIGHOFF.RNstar };

test('no repetition (R = 0): the data-constrained law is exactly Chinchilla', () => {
  for (const D of [2e9, 2e10, 1.4e12]) {
    // U ≥ D (single epoch) and N no larger than the optimum for D tokens.
    const N = 0.5 * paramsForUniqueTokens(PUBLISHED, D);
    assert.equal(dataConstrainedLoss(DC, N, D, D), chinchillaLoss(PUBLISHED, N, D));
    assert.equal(dataConstrainedLoss(DC, N, D, 10 * D), chinchillaLoss(PUBLISHED, N, D));
    assert.equal(dataConstrainedLaw.predict({ ...DC }, N, D, 2 * D), chinchillaLoss(PUBLISHED, N, D));
  }
});

test("effective tokens: D' = D without repetition, saturates at U·(1 + R_D*) with many epochs", () => {
  assert.equal(effectiveTokens(5e9, 1e10), 5e9);
  const U = 1e10;
  // Four epochs (R = 3) are worth almost four times the data: 1 − e^(−3/15.4) ≈ 0.177 ⇒ D' ≈ U·(1 + 15.4·0.177).
  assert.ok(relErr(effectiveTokens(4 * U, U), U * (1 + 15.4 * (1 - Math.exp(-3 / 15.4)))) < 1e-12);
  assert.ok(effectiveTokens(4 * U, U) < 4 * U && effectiveTokens(4 * U, U) > 3.5 * U);
  assert.ok(relErr(effectiveTokens(1e6 * U, U), U * (1 + 15.4)) < 1e-6);
  // More epochs never reduce the effective data.
  let prev = 0;
  for (let e = 1; e < 100; e *= 1.5) {
    const v = effectiveTokens(e * U, U);
    assert.ok(v >= prev);
    prev = v;
  }
});

test('U_N is the compute-optimal size for the unique tokens (inverse of D_opt(N))', () => {
  for (const U of [1e9, 1e11]) assert.ok(relErr(optimalTokensForParams(PUBLISHED, paramsForUniqueTokens(PUBLISHED, U)), U) < 1e-9);
});

test('repeated data is worth less: loss rises as unique tokens shrink at fixed N and D', () => {
  const N = 1e9;
  const D = 1e11;
  const losses = [1e11, 5e10, 2e10, 5e9, 1e9].map((U) => dataConstrainedLoss(DC, N, D, U));
  for (let i = 1; i < losses.length; i++) assert.ok(losses[i] > losses[i - 1], `U step ${i}: ${losses}`);
});

test('fit recovers R_D* from runs that repeat data, with the base surface from single-epoch runs', () => {
  const truth = { ...PUBLISHED, RD: 9, RN: MUENNIGHOFF.RNstar };
  const N: number[] = [];
  const D: number[] = [];
  const U: number[] = [];
  for (const k of [0.05, 0.1, 0.2, 0.4, 0.8]) {
    for (const d of [1e9, 3e9, 1e10, 3e10]) {
      // Below the optimal size for d tokens, so single-epoch runs have no excess parameters.
      const n = k * paramsForUniqueTokens(PUBLISHED, d);
      N.push(n);
      D.push(d);
      U.push(1e11); // single epoch
      N.push(n);
      D.push(d * 8);
      U.push(d); // eight epochs of d unique tokens
    }
  }
  const x = Float64Array.from(N);
  const x2 = Float64Array.from(D);
  const x3 = Float64Array.from(U);
  const y = x.map((n, i) => dataConstrainedLoss(truth, n, x2[i], x3[i]));
  const r = fitDataConstrained({ x, x2, x3, y }, { starts: chinchillaStartGrid().filter((_, i) => i % 15 === 0) });
  assert.ok(relErr(r.params.alpha, PUBLISHED.alpha) < 1e-4, `alpha ${r.params.alpha}`);
  assert.ok(relErr(r.params.RD, 9) < 1e-3, `RD ${r.params.RD}`);
});

test('chinchilla-dc is registered with three inputs and needs U', () => {
  const law = getLaw('chinchilla-dc');
  assert.deepEqual(law.inputs, ['N', 'D', 'U']);
  assert.throws(() => law.predict({ ...DC }, 1e9, 1e10), ScalingLensError);
  const x = Float64Array.from([1e8, 2e8, 4e8, 8e8, 1.6e9]);
  assert.throws(() => law.fit({ x, x2: x, y: x }), ScalingLensError);
  assert.throws(() => law.fit({ x, x2: x, x3: x.map(() => -1), y: x }), ScalingLensError);
});
