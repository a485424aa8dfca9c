import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choleskySolve } from '../../../src/core/optim/cholesky';
import { flatObjectiveWarning } from '../../../src/core/optim/flatObjectiveWarning';
import { leastSquares, type LeastSquaresProblem } from '../../../src/core/optim/lm';
import { transformFor } from '../../../src/core/optim/transforms';

// y = A·exp(−k·t) + C sampled without noise; A > 0, k > 0, C ∈ [0, 1]
const ts = Float64Array.from({ length: 30 }, (_, i) => i / 3);
const truth = [2.5, 0.7, 0.3];
const ys = ts.map((t) => truth[0] * Math.exp(-truth[1] * t) + truth[2]);
const expProblem: LeastSquaresProblem = {
  constraints: ['positive', 'positive', { min: 0, max: 1 }],
  n: ts.length,
  residuals(p, out) {
    for (let i = 0; i < ts.length; i++) out[i] = p[0] * Math.exp(-p[1] * ts[i]) + p[2] - ys[i];
  },
};

for (const engine of ['native', 'library'] as const) {
  test(`${engine} engine recovers the parameters of a noiseless exponential decay`, () => {
    const r = leastSquares(expProblem, { starts: [[1, 0.1, 0.9], [5, 3, 0.01]], engine });
    assert.ok(r.converged, r.reason);
    r.params.forEach((v, k) => assert.ok(Math.abs(v - truth[k]) < 1e-5 * Math.max(1, truth[k]), `param ${k}: ${v} vs ${truth[k]}`));
    assert.ok(r.sse < 1e-12);
  });
}

test('constrained parameters stay inside their constraints', () => {
  // the unconstrained optimum has C = 0.3 > max, so the fit must sit at (not beyond) the bound
  const r = leastSquares({ ...expProblem, constraints: ['positive', 'positive', { min: 0, max: 0.1 }] }, { starts: [[1, 1, 0.05]] });
  assert.ok(r.params[2] <= 0.1 && r.params[2] >= 0);
  assert.ok(r.params[0] > 0 && r.params[1] > 0);
});

test('a NaN objective at every start fails honestly instead of returning garbage', () => {
  const bad: LeastSquaresProblem = { constraints: ['real'], n: 3, residuals: (_p, out) => out.fill(NaN) };
  const r = leastSquares(bad, { starts: [[1], [2]] });
  assert.equal(r.converged, false);
  assert.equal(r.reason, 'NaN objective');
  assert.equal(r.failedStarts, 2);
  assert.ok(Number.isNaN(r.sse));
});

test('a NaN start is skipped and the other starts still fit', () => {
  const r = leastSquares(
    { ...expProblem, residuals: (p, out) => (p[1] > 50 ? out.fill(NaN) : expProblem.residuals(p, out)) },
    { starts: [[1, 100, 0.5], [1, 0.5, 0.5]] },
  );
  assert.equal(r.failedStarts, 1);
  assert.ok(r.converged);
});

test('iterations are bounded and hitting the cap is reported, not hidden', () => {
  const r = leastSquares(expProblem, { starts: [[100, 50, 0.99]], maxIterations: 2 });
  assert.equal(r.converged, false);
  assert.equal(r.reason, 'max iterations');
  assert.ok(r.iterations <= 2);
});

// r = 1/p crawls towards p → ∞ (each capped step moves p by 2). With a residual floor of 1 the SSE
// 1 + 1/p² has stopped improving long before the cap; without it, 1/p² still falls by percents.
const crawl = (floor: number, target = 0.5): LeastSquaresProblem => ({
  constraints: ['real', { min: 0, max: 1 }],
  n: 3,
  residuals(p, out) {
    out[0] = floor;
    out[1] = 1 / (1 + Math.abs(p[0]));
    out[2] = p[1] - target;
  },
});

test('a crawl along a flat objective is reported as converged, naming the drifting parameter', () => {
  const r = leastSquares(crawl(1), { starts: [[0, 0.2]], maxIterations: 60 });
  assert.ok(r.converged, r.reason);
  assert.equal(r.reason, 'objective flat; parameters weakly identified');
  assert.deepEqual(r.flat, { drifting: [0], atBound: [] });
  assert.ok(r.params[0] > 50, `p0=${r.params[0]} should have drifted far`);
  const w = flatObjectiveWarning(r, ['slope', 'mid']);
  assert.ok(w?.includes('slope') && !w.includes('mid'), w);
});

test('a parameter pushed against its bound during a flat crawl is reported as at the bound', () => {
  // the second parameter wants 2 but lives in [0, 1]
  const r = leastSquares(crawl(1, 2), { starts: [[0, 0.2]], maxIterations: 60 });
  assert.ok(r.converged, r.reason);
  assert.deepEqual(r.flat, { drifting: [0], atBound: [1] });
  assert.ok(r.params[1] > 1 - 1e-6 && r.params[1] <= 1);
  const w = flatObjectiveWarning(r, ['slope', 'mid']) ?? '';
  assert.match(w, /drifting[^;]*slope/);
  assert.match(w, /allowed range: mid/);
});

test('a crawl that still improves the objective at the cap stays not converged, and says by how much it still fell', () => {
  const r = leastSquares(crawl(0), { starts: [[0, 0.2]], maxIterations: 60 });
  assert.equal(r.converged, false);
  assert.equal(r.flat, undefined);
  // 1/p² with p moving 2 per step over the last 30 of 60 iterations: far above FLAT_TOL's 0.1%
  assert.ok(r.stillFalling && r.stillFalling.drop > 0.1 && r.stillFalling.over === 30, JSON.stringify(r.stillFalling));
  assert.match(r.reason, /^max iterations, objective still falling \d+% over the last 30 iterations$/);
  assert.deepEqual(r.stillFalling.drifting, [0]);
  assert.equal(flatObjectiveWarning(r, ['slope', 'mid']), 'at the iteration cap, still moving: slope');
});

test('a cap too short to judge the objective by is a bare max iterations', () => {
  const r = leastSquares(crawl(0), { starts: [[0, 0.2]], maxIterations: 8 });
  assert.equal(r.reason, 'max iterations');
  assert.equal(r.stillFalling, undefined);
});

test('cancellation between starts returns the best so far, not converged', () => {
  let calls = 0;
  const r = leastSquares(expProblem, { starts: [[1, 0.1, 0.5], [2, 0.5, 0.5]], isCancelled: () => ++calls > 1 });
  assert.equal(r.reason, 'cancelled');
  assert.equal(r.converged, false);
  assert.ok(Number.isFinite(r.sse));
});

test('choleskySolve solves an SPD system and rejects an indefinite one', () => {
  const a = Float64Array.from([4, 2, 2, 3]);
  const x = new Float64Array(2);
  assert.ok(choleskySolve(a, Float64Array.from([2, 1]), x, 2));
  // 4x + 2y = 2, 2x + 3y = 1 → x = 0.5, y = 0
  assert.ok(Math.abs(x[0] - 0.5) < 1e-14 && Math.abs(x[1]) < 1e-14);
  assert.equal(choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), x, 2), false);
});

test('transforms round-trip and their derivatives match finite differences', () => {
  for (const c of ['real', 'positive', 'negative', 'nonnegative', { min: -1, max: 3 }] as const) {
    const tr = transformFor(c);
    for (const t of [-3, -0.5, 0, 0.7, 2.5]) {
      const v = tr.toValue(t);
      assert.ok(Math.abs(tr.toInternal(v) - t) < 1e-8, `${JSON.stringify(c)} at ${t}`);
      const fd = (tr.toValue(t + 1e-6) - tr.toValue(t - 1e-6)) / 2e-6;
      assert.ok(Math.abs(fd - tr.derivative(t)) < 1e-6 * Math.max(1, Math.abs(fd)));
    }
  }
});
