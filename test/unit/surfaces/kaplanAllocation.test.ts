// The compute-optimal split on kaplan-nd's surface (core/kaplanAllocation.ts): its closed form
// against a numeric minimisation of the loss along C = 6ND.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanOptimalAllocation } from '../../../src/core/kaplanAllocation';
import { kaplanNDLaw } from '../../../src/core/laws/kaplanJoint';
import { ScalingLensError } from '../../../src/core/types';
import { bruteForceOptimalN } from './synthetic';

/** argmin over N of L(N, C/6N) by golden-section search on [1e3, C/6e3]: no use of the closed form. */
const numericOptimum = (p: Record<string, number>, C: number): number => bruteForceOptimalN((N, D) => kaplanNDLaw.predict(p, N, D), C, 1e3, C / 6e3);

// Kaplan et al. 2020's fitted L(N, D) (eq. 4.1, table 2), the surface kaplan-nd fits to OPT's
// checkpoints up to 1e22 FLOPs (allocate --from), and one with α_N/α_D > 1
const SURFACES: Record<string, number>[] = [
  { Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 },
  { Nc: 2.138e14, Dc: 4.818e14, alphaN: 0.08706, alphaD: 0.10845 },
  { Nc: 2.2e8, Dc: 4.1e7, alphaN: 0.37, alphaD: 0.21 },
];

test("kaplan-nd's closed-form N_opt is the numeric minimum of L(N, C/6N), with D = C/6N and the loss there", () => {
  for (const p of SURFACES) {
    for (const C of [1e18, 1e21, 1e24, 1e27]) {
      const a = kaplanOptimalAllocation(p, C);
      const numeric = numericOptimum(p, C);
      assert.ok(Math.abs(a.N / numeric - 1) < 1e-5, `C ${C}: closed form ${a.N}, numeric ${numeric}`);
      assert.ok(Math.abs((6 * a.N * a.D) / C - 1) < 1e-12);
      assert.equal(a.loss, kaplanNDLaw.predict(p, a.N, a.D));
      // a step either way along the budget costs loss
      for (const f of [0.9, 1.1]) assert.ok(kaplanNDLaw.predict(p, a.N * f, a.D / f) > a.loss);
    }
  }
});

test('N_opt grows as C^(1/(p+1)), p = α_N/α_D', () => {
  const p = SURFACES[0]!;
  const slope = Math.log(kaplanOptimalAllocation(p, 1e25).N / kaplanOptimalAllocation(p, 1e21).N) / Math.log(1e4);
  assert.ok(Math.abs(slope - 1 / (p.alphaN! / p.alphaD! + 1)) < 1e-12, `slope ${slope}`);
});

test('a surface without a split, or a budget that is not one, is refused with why', () => {
  assert.throws(() => kaplanOptimalAllocation({ Nc: 1e13, Dc: 0, alphaN: 0.07, alphaD: 0.1 }, 1e21), (e: unknown) => e instanceof ScalingLensError && /Dc must be a finite positive number/.test(e.message));
  assert.throws(() => kaplanOptimalAllocation({ Nc: 1e13, Dc: 1e13, alphaN: NaN, alphaD: 0.1 }, 1e21), /alphaN/);
  assert.throws(() => kaplanOptimalAllocation(SURFACES[0]!, -1), /compute budget/);
});
