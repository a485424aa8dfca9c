import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeForLoss } from '../../../src/core/allocation';
import { inferenceAwarePlan } from '../../../src/core/inferenceAllocation';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { ScalingLensError } from '../../../src/core/types';
import { PUBLISHED, relErr } from './synthetic';

const L = 2.1;

test('serving nothing, the cheapest way to a loss is the compute-optimal one', () => {
  const p = inferenceAwarePlan(PUBLISHED, L, 0);
  const c = computeForLoss(PUBLISHED, L);
  assert.ok(relErr(p.N, c.N) < 1e-5 && relErr(p.D, c.D) < 1e-5, `N ${p.N} vs ${c.N}`);
  assert.ok(relErr(p.totalFlops, c.flops) < 1e-9);
  assert.equal(p.saving, 0);
});

test('serving more tokens: a smaller model trained longer, the same loss, a saving that grows, and no cheaper size nearby', () => {
  let lastSaving = 0;
  let lastN = Infinity;
  for (const I of [1e11, 1e12, 1e13]) {
    const p = inferenceAwarePlan(PUBLISHED, L, I);
    assert.ok(Math.abs(chinchillaLoss(PUBLISHED, p.N, p.D) - L) < 1e-9, 'the plan reaches the loss');
    assert.ok(p.N < lastN && p.saving > lastSaving, `I ${I}: N ${p.N}, saving ${p.saving}`);
    lastN = p.N;
    lastSaving = p.saving;
    const total = (N: number) => {
      const D = Math.pow(PUBLISHED.B / (L - PUBLISHED.E - PUBLISHED.A * Math.pow(N, -PUBLISHED.alpha)), 1 / PUBLISHED.beta);
      return 6 * N * D + 2 * N * I;
    };
    for (const k of [1.02, 1 / 1.02]) assert.ok(total(p.N * k) >= p.totalFlops * (1 - 1e-12), `a size ${k}× is cheaper at I = ${I}`);
    assert.ok(relErr(p.totalFlops, p.trainingFlops + p.inferenceFlops) < 1e-12);
  }
  // at 1T tokens served the plan trains well past 20 tokens per parameter (Sardana et al.'s point)
  assert.ok(inferenceAwarePlan(PUBLISHED, L, 1e12).tokensPerParam > 100);
});

test('a loss the surface cannot reach or a negative token count is a clear error', () => {
  assert.throws(() => inferenceAwarePlan(PUBLISHED, 1.5, 1e12), (e: unknown) => e instanceof ScalingLensError && /at or below the surface's irreducible loss/.test(e.message));
  assert.throws(() => inferenceAwarePlan(PUBLISHED, L, -1), /inference tokens must be a number ≥ 0/);
});
