import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeForLoss, fixedSizePlan, frontier, lossFor, optimalAllocation, optimalLoss, optimalTokensForParams } from '../../../src/core/allocation';
import type { ChinchillaParams } from '../../../src/core/laws/chinchilla';
import { PRESETS } from '../../../src/core/presets';
import { ScalingLensError } from '../../../src/core/types';
import { bruteForceOptimalN, relErr } from './synthetic';

const surfaces: ChinchillaParams[] = [PRESETS.chinchilla.params, PRESETS.epoch.params, { E: 0.5, A: 50, B: 5000, alpha: 0.6, beta: 0.2 }];

/** Brute force, independent of the closed form. */
const bruteForceN = (s: ChinchillaParams, C: number): number => bruteForceOptimalN((N, D) => lossFor(s, N, D), C);

test('closed-form N_opt matches a brute-force minimisation of L(N, C/6N)', () => {
  for (const s of surfaces) {
    for (const C of [1e19, 5.76e23, 1e26]) {
      const a = optimalAllocation(s, C);
      const n = bruteForceN(s, C);
      assert.ok(relErr(a.N, n) < 1e-5, `C ${C}: closed ${a.N} vs brute ${n}`);
      assert.ok(relErr(a.N * a.D * 6, C) < 1e-12, 'C = 6ND');
      assert.ok(a.loss <= lossFor(s, n * 1.01, C / (6 * n * 1.01)));
      assert.equal(a.tokensPerParam, a.D / a.N);
    }
  }
});

test('Chinchilla preset at Gopher compute gives a Chinchilla-like allocation', () => {
  // Hoffmann et al. table 3: Approach 3 puts 40B parameters at the Gopher budget 5.76e23 FLOPs,
  // hence D = C/6N ≈ 2.4T tokens (≈ 60 tokens per parameter).
  const a = optimalAllocation(PRESETS.chinchilla.params, 5.76e23);
  assert.ok(a.N > 35e9 && a.N < 45e9, `N ${a.N}`);
  assert.ok(a.tokensPerParam > 50 && a.tokensPerParam < 70, `tokens/param ${a.tokensPerParam}`);
});

test('compute for a target loss: round trip through L*(C), and the closed form L* = E + K·(C/6)^−γ', () => {
  for (const s of surfaces) {
    for (const target of [s.E + 1, s.E + 0.3, s.E + 0.01]) {
      const a = computeForLoss(s, target);
      assert.ok(Math.abs(optimalLoss(s, a.flops) - target) < 1e-9, `L*(C) = ${optimalLoss(s, a.flops)} vs ${target}`);
      // Both terms of L* share the exponent γ = αβ/(α+β), so C has a closed form.
      const gamma = (s.alpha * s.beta) / (s.alpha + s.beta);
      const G = ((s.alpha * s.A) / (s.beta * s.B)) ** (1 / (s.alpha + s.beta));
      const K = s.A * G ** -s.alpha + s.B * G ** s.beta;
      const closed = 6 * ((target - s.E) / K) ** (-1 / gamma);
      assert.ok(relErr(a.flops, closed) < 1e-9, `${a.flops} vs ${closed}`);
    }
  }
});

test('a target at or below E is refused with a plain message', () => {
  const s = PRESETS.chinchilla.params;
  assert.throws(() => computeForLoss(s, s.E), (e: unknown) => e instanceof ScalingLensError && /irreducible/.test(e.message));
  assert.throws(() => computeForLoss(s, 1), ScalingLensError);
  assert.throws(() => computeForLoss(s, NaN), ScalingLensError);
});

test('frontier: log-spaced budgets, N and D grow, loss falls', () => {
  const f = frontier(PRESETS.epoch.params, 1e18, 1e26, 9);
  assert.equal(f.length, 9);
  assert.ok(relErr(f[0].flops, 1e18) < 1e-12 && relErr(f[8].flops, 1e26) < 1e-12);
  for (let i = 1; i < f.length; i++) {
    assert.ok(relErr(f[i].flops / f[i - 1].flops, 10) < 1e-9);
    assert.ok(f[i].N > f[i - 1].N && f[i].D > f[i - 1].D && f[i].loss < f[i - 1].loss);
  }
});

test('fixed model size: no excess loss exactly at the size that is optimal for the budget', () => {
  const s = PRESETS.chinchilla.params;
  const C = 1e22;
  const opt = optimalAllocation(s, C);
  const atOpt = fixedSizePlan(s, opt.N, C);
  assert.ok(Math.abs(atOpt.excessLoss) < 1e-12);
  assert.ok(relErr(atOpt.budgetWhereOptimal, C) < 1e-9);
  for (const k of [0.25, 4]) {
    const p = fixedSizePlan(s, opt.N * k, C);
    assert.ok(p.excessLoss > 0);
    assert.ok(relErr(p.plan.D, C / (6 * opt.N * k)) < 1e-12);
    // The budget where this N is optimal reproduces it.
    assert.ok(relErr(optimalAllocation(s, p.budgetWhereOptimal).N, opt.N * k) < 1e-9);
    assert.ok(relErr(optimalTokensForParams(s, opt.N * k), p.tokensWhereOptimal) < 1e-9);
  }
});

test('surfaces that cannot be planned on are refused', () => {
  const bad: ChinchillaParams[] = [
    { ...PRESETS.chinchilla.params, alpha: 0 },
    { ...PRESETS.chinchilla.params, beta: -0.1 },
    { ...PRESETS.chinchilla.params, A: -1 },
    { ...PRESETS.chinchilla.params, E: NaN },
  ];
  for (const s of bad) assert.throws(() => optimalAllocation(s, 1e21), ScalingLensError);
  assert.throws(() => optimalAllocation(PRESETS.chinchilla.params, 0), ScalingLensError);
  assert.throws(() => optimalAllocation(PRESETS.chinchilla.params, -1e20), ScalingLensError);
});

test("Kaplan's overfitting rule flags a data-starved allocation", () => {
  // A surface whose optimum puts very few tokens per parameter.
  const s: ChinchillaParams = { E: 1.7, A: 1e6, B: 20, alpha: 0.5, beta: 0.2 };
  const a = optimalAllocation(s, 1e21);
  assert.ok(a.D < 5e3 * a.N ** 0.74, 'precondition: below the threshold');
  assert.equal(a.warnings.length, 1);
  assert.match(a.warnings[0], /overfitting/);
  assert.equal(optimalAllocation(PRESETS.chinchilla.params, 1e21).warnings.length, 0);
});
