import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimalAllocation } from '../../../src/core/allocation';
import { constrainedAllocation } from '../../../src/core/constrainedAllocation';
import { dataConstrainedLoss, MUENNIGHOFF } from '../../../src/core/laws/dataConstrained';
import { ScalingLensError } from '../../../src/core/types';
import { PUBLISHED, relErr } from './synthetic';

const P = { ...PUBLISHED, RD: MUENNIGHOFF.RDstar, RN: MUENNIGHOFF.RNstar };
const C = 5.76e23;
const free = optimalAllocation(P, C);

test('with more unique tokens than the optimum trains on, the split is the unconstrained one', () => {
  const r = constrainedAllocation(P, C, free.D * 3);
  assert.ok(relErr(r.N, free.N) < 1e-6 && relErr(r.D, free.D) < 1e-6, `N ${r.N} vs ${free.N}`);
  assert.equal(r.excessLoss, 0);
  assert.ok(r.epochs < 1);
  assert.ok(Math.abs(6 * r.N * r.D - C) / C < 1e-12);
});

test('scarcer unique data: more epochs, a loss that only rises, and a real minimum of L(N, C/6N, U)', () => {
  let last = -1;
  for (const f of [1, 0.5, 0.25, 0.1, 0.03]) {
    const U = free.D * f;
    const r = constrainedAllocation(P, C, U);
    assert.ok(r.excessLoss >= last, `excess ${r.excessLoss} after ${last}`);
    last = r.excessLoss;
    assert.ok(f === 1 || r.epochs > 1, `U = ${f}·D_opt: ${r.epochs} epochs`);
    for (const k of [1.02, 1 / 1.02]) {
      const N = r.N * k;
      assert.ok(dataConstrainedLoss(P, N, C / (6 * N), U) >= r.loss - 1e-12, `a size ${k}× the answer does better at U = ${f}·D_opt`);
    }
  }
});

test("Muennighoff et al.'s findings hold on the surface: about 4 epochs cost little, and scarce data is better spent on epochs than on parameters", () => {
  const four = constrainedAllocation(P, C, free.D / 4);
  assert.ok(four.excessLoss / four.loss < 0.005, `4 passes cost ${(100 * four.excessLoss / four.loss).toFixed(2)}%`);
  const scarce = constrainedAllocation(P, C, free.D / 10);
  assert.ok(scarce.N < free.N && scarce.D > free.D, `N ${scarce.N} vs ${free.N}, D ${scarce.D} vs ${free.D}`);
  assert.ok(scarce.warnings.every((w) => !/R_D\*/.test(w)), 'about 10 epochs is within R_D*');
  assert.ok(constrainedAllocation(P, C, free.D / 100).warnings.some((w) => /more than R_D\* \(15\.4\)/.test(w)));
});

test('bad unique-token counts and decay constants are clear errors', () => {
  for (const U of [0, -1, NaN, Infinity]) assert.throws(() => constrainedAllocation(P, C, U), (e: unknown) => e instanceof ScalingLensError && /unique tokens must be a positive number/.test(e.message));
  assert.throws(() => constrainedAllocation({ ...P, RD: 0 }, C, 1e11), /R_D\* and R_N\* must be positive/);
});
