// The curvature the bootstrap's refits start from (optim/hessian.ts): the inverse Hessian by
// central differences of the analytic gradient. From it BFGS takes Newton's step, so a refit near
// the full fit takes a few steps; where the point is no minimum there is none to give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimize, type Objective } from '../../../src/core/optim/bfgs';
import { inverseHessianAt } from '../../../src/core/optim/hessian';

/** ½ xᵀAx − bᵀx, A symmetric. */
function quadratic(a: number[][], b: number[]): Objective {
  return (p, grad) => {
    let f = 0;
    for (let i = 0; i < b.length; i++) {
      let ax = 0;
      for (let j = 0; j < b.length; j++) ax += a[i]![j]! * p[j]!;
      grad[i] = ax - b[i]!;
      f += 0.5 * p[i]! * ax - b[i]! * p[i]!;
    }
    return f;
  };
}

const A = [
  [40, 3, 0],
  [3, 2, 0.5],
  [0, 0.5, 1],
];

test('the inverse Hessian of a quadratic, and BFGS from it reaches the minimum in one step where from the identity it takes several', () => {
  const f = quadratic(A, [1, 2, 3]);
  const inv = inverseHessianAt(f, new Float64Array([0.3, -1, 2]))!;
  // A · inv = I
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let k = 0; k < 3; k++) v += A[i]![k]! * inv[3 * k + j]!;
      assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-8, `(${i}, ${j}): ${v}`);
    }
  }
  const warm = minimize(f, new Float64Array(3), { inverseHessian: inv });
  const cold = minimize(f, new Float64Array(3));
  assert.ok(warm.converged && cold.converged);
  assert.ok(warm.iterations <= 2, `with the curvature: ${warm.iterations} iterations`);
  assert.ok(cold.iterations > warm.iterations + 2, `without: ${cold.iterations}`);
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(warm.x[k]! - cold.x[k]!) < 1e-8);
});

test('at a saddle there is no curvature to start from', () => {
  const saddle = quadratic([[1, 0], [0, -1]], [0, 0]);
  assert.equal(inverseHessianAt(saddle, new Float64Array(2)), undefined);
});
