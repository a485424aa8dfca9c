import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimize, type Objective } from '../../../src/core/optim/bfgs';

// Extended Rosenbrock: Σ 100(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})², minimum 0 at all ones.
const rosenbrock: Objective = (p, g) => {
  g.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < p.length; i += 2) {
    const a = p[i];
    const b = p[i + 1];
    const t = b - a * a;
    f += 100 * t * t + (1 - a) * (1 - a);
    g[i] += -400 * a * t - 2 * (1 - a);
    g[i + 1] += 200 * t;
  }
  return f;
};

test('BFGS finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
  const r = minimize(rosenbrock, Float64Array.from([-1.2, 1]));
  assert.equal(r.converged, true, r.reason);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 1) < 1e-6, `x = ${r.x}`);
  assert.ok(r.f < 1e-12);
  assert.ok(r.iterations < 100, `took ${r.iterations} iterations`);
});

test('BFGS on 6-dimensional Rosenbrock', () => {
  const r = minimize(rosenbrock, Float64Array.from([-1.2, 1, -1.2, 1, 0, 0]));
  assert.equal(r.converged, true, r.reason);
  for (const v of r.x) assert.ok(Math.abs(v - 1) < 1e-6, `x = ${r.x}`);
});

test('BFGS solves an ill-conditioned quadratic: ∇f = Qx − b = 0', () => {
  // Q symmetric positive definite with eigenvalues spread over 1e4.
  const Q = [
    [1e4, 10, 0, 1],
    [10, 100, 2, 0],
    [0, 2, 10, 0.5],
    [1, 0, 0.5, 1],
  ];
  const b = [1, -2, 3, -4];
  const quad: Objective = (x, g) => {
    let f = 0;
    for (let i = 0; i < 4; i++) {
      let qx = 0;
      for (let j = 0; j < 4; j++) qx += Q[i][j] * x[j];
      g[i] = qx - b[i];
      f += 0.5 * x[i] * qx - b[i] * x[i];
    }
    return f;
  };
  const r = minimize(quad, new Float64Array(4), { gradTol: 1e-10 });
  assert.equal(r.converged, true, r.reason);
  for (let i = 0; i < 4; i++) {
    let qx = 0;
    for (let j = 0; j < 4; j++) qx += Q[i][j] * r.x[j];
    assert.ok(Math.abs(qx - b[i]) < 1e-9, `row ${i}: residual ${qx - b[i]}`);
  }
  // Inexact (Wolfe) line searches lose BFGS's finite termination, but it stays a few dozen steps,
  // where steepest descent would need ~condition-number (1e4) steps.
  assert.ok(r.iterations <= 40, `took ${r.iterations} iterations`);
});

test('a NaN objective at the start is reported, never silent', () => {
  const r = minimize((_p, g) => {
    g.fill(0);
    return NaN;
  }, Float64Array.from([1, 2]));
  assert.equal(r.converged, false);
  assert.equal(r.reason, 'NaN objective');
});

test('non-finite trial points shorten the step instead of poisoning the result', () => {
  // f = (x − 3)² but undefined (NaN) beyond x > 3.5: the first long step lands in the NaN region.
  const f: Objective = (p, g) => {
    if (p[0] > 3.5) {
      g[0] = NaN;
      return NaN;
    }
    g[0] = 2 * (p[0] - 3);
    return (p[0] - 3) ** 2;
  };
  const r = minimize(f, Float64Array.from([-100]));
  assert.equal(r.converged, true, r.reason);
  assert.ok(Math.abs(r.x[0] - 3) < 1e-8, `x = ${r.x[0]}`);
  assert.ok(Number.isFinite(r.f));
});

test('maxIterations caps the run and says so', () => {
  const r = minimize(rosenbrock, Float64Array.from([-1.2, 1]), { maxIterations: 3 });
  assert.equal(r.converged, false);
  assert.equal(r.reason, 'max iterations');
  assert.equal(r.iterations, 3);
});

test('minimize does not modify x0', () => {
  const x0 = Float64Array.from([-1.2, 1]);
  minimize(rosenbrock, x0);
  assert.deepEqual([...x0], [-1.2, 1]);
});
