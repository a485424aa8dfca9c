// The Huber loss on log residuals: the LM transform is exact (objective and Jacobian), it shrugs off
// outliers that pull plain least squares, and analyze applies it to training logs with the spikes
// still reported as outliers.
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { huberProblem } from '../../../src/core/optim/huberProblem';
import { leastSquares, type LeastSquaresProblem } from '../../../src/core/optim/lm';
import { DEFAULT_ROBUST } from '../../../src/core/spikes';

// y = 1 + 2x with three gross outliers
const xs = Float64Array.from({ length: 30 }, (_, i) => i / 10);
const ys = xs.map((x, i) => 1 + 2 * x + (i % 10 === 7 ? 3 : 0.01 * Math.sin(7 * i)));
const line: LeastSquaresProblem = {
  constraints: ['real', 'real'],
  n: xs.length,
  residuals(p, out) {
    for (let i = 0; i < xs.length; i++) out[i] = p[0] + p[1] * xs[i] - ys[i];
  },
  jacobian(_p, _r, jac) {
    for (let i = 0; i < xs.length; i++) {
      jac[2 * i] = 1;
      jac[2 * i + 1] = xs[i];
    }
  },
};

test('Huber as least squares: Σψ² = 2Σρ_δ and the Jacobian matches finite differences', () => {
  const delta = 0.1;
  const h = huberProblem(line, delta);
  const p = Float64Array.of(0.7, 2.3);
  const raw = new Float64Array(xs.length);
  const psi = new Float64Array(xs.length);
  line.residuals(p, raw);
  h.residuals(p, psi);
  const rho = (r: number): number => (Math.abs(r) <= delta ? 0.5 * r * r : delta * Math.abs(r) - 0.5 * delta * delta);
  const sumPsi = psi.reduce((s, v) => s + v * v, 0);
  const sumRho = raw.reduce((s, r) => s + rho(r), 0);
  assert.ok(Math.abs(sumPsi - 2 * sumRho) < 1e-12 * sumPsi);
  assert.ok(raw.some((r) => Math.abs(r) > delta) && raw.some((r) => Math.abs(r) < delta), 'both branches exercised');
  const jac = new Float64Array(2 * xs.length);
  h.jacobian!(p, psi, jac);
  const eps = 1e-7;
  for (let k = 0; k < 2; k++) {
    const q = Float64Array.from(p);
    q[k] += eps;
    const up = new Float64Array(xs.length);
    h.residuals(q, up);
    for (let i = 0; i < xs.length; i++) assert.ok(Math.abs((up[i] - psi[i]) / eps - jac[2 * i + k]) < 1e-5, `row ${i} param ${k}`);
  }
});

test('Huber fit shrugs off gross outliers that pull plain least squares', () => {
  const starts = [[0, 0]];
  const plain = leastSquares(line, { starts });
  const robust = leastSquares(line, { starts, huber: { delta: 0.05 } });
  const err = (p: Float64Array): number => Math.abs(p[0] - 1) + Math.abs(p[1] - 2);
  assert.ok(robust.converged);
  assert.ok(err(robust.params) < 0.05, `huber ${Array.from(robust.params)}`);
  assert.ok(err(plain.params) > 5 * err(robust.params), `plain ${Array.from(plain.params)}`);
});

test('Huber scaled by the plain fit: δ = k·1.4826·MAD of its residuals, same answer as that fixed δ', () => {
  const starts = [[0, 0]];
  const plain = leastSquares(line, { starts });
  const abs = Array.from(plain.residuals, Math.abs).sort((a, b) => a - b);
  const delta = 1.345 * 1.4826 * (abs[14] + abs[15]) / 2;
  const scaled = leastSquares(line, { starts, huber: { k: 1.345 } });
  const fixed = leastSquares(line, { starts, huber: { delta } });
  for (let k = 0; k < 2; k++) assert.ok(Math.abs(scaled.params[k] - fixed.params[k]) < 1e-6, `${scaled.params} vs ${fixed.params}`);
  assert.ok(Math.abs(scaled.params[1] - 2) < 0.05);
});

test("robust: 'huber' keeps the spikes in M2's fit, reports them as outliers, and still recovers the limit", () => {
  const pts = Array.from({ length: 200 }, (_, i) => {
    const x = 100 * (i + 1);
    const spike = i % 37 === 20 ? 2 : 1;
    return { x, y: spike * (1.8 + 8 * Math.pow(x, -0.35)) * Math.exp(0.002 * Math.sin(12.9898 * i * i)) };
  });
  const huber = analyzeCurve(pts, { laws: ['m2'], holdoutFrac: 0.5, robust: 'huber' });
  const plain = analyzeCurve(pts, { laws: ['m2'], holdoutFrac: 0.5, robust: 'none' });
  assert.deepEqual(huber.outliers!.map((p) => p.x), [2100, 5800, 9500]);
  assert.equal(plain.outliers!.length, 0);
  assert.ok(huber.warnings.some((w) => /Huber/.test(w)), huber.warnings.join('; '));
  const hErr = Math.abs(huber.estimators[0].fit!.params.errInf - 1.8);
  const pErr = Math.abs(plain.estimators[0].fit!.params.errInf - 1.8);
  assert.ok(hErr < 0.05 && pErr > 2 * hErr, `limit error huber ${hErr}, plain ${pErr}`);
});

test("robust 'huber' for training logs: spikes reported, M2–M4 under the Huber loss, BNSL by least squares without the spikes, short curves untouched", () => {
  assert.equal(DEFAULT_ROBUST, 'trim');
  const pts = Array.from({ length: 120 }, (_, i) => {
    const x = 100 * (i + 1);
    const spike = i % 37 === 20 ? 2 : 1;
    return { x, y: spike * (1.8 + 8 * Math.pow(x, -0.35)) * Math.exp(0.01 * Math.sin(12.9898 * i * i)) };
  });
  const opts = { laws: ['m2', 'bnsl-1'], holdoutFrac: 0.5 };
  const def = analyzeCurve(pts, { ...opts, robust: 'huber' });
  const trim = analyzeCurve(pts, { ...opts, robust: 'trim' });
  assert.deepEqual(def.outliers, trim.outliers);
  assert.ok(def.outliers!.length > 0);
  const m2 = (a: typeof def) => a.estimators.find((e) => e.law === 'm2')!.fit!.params;
  const b1 = (a: typeof def) => a.estimators.find((e) => e.law === 'bnsl-1')!.fit!.params;
  assert.notDeepEqual(m2(def), m2(trim), 'M2 is fitted under the Huber loss');
  assert.ok(def.warnings.some((w) => /Huber/.test(w)), def.warnings.join('; '));
  // BNSL: the same least-squares fit as with the spikes trimmed, its residuals at every fit point
  assert.deepEqual(b1(def), b1(trim), 'BNSL stays least squares, spikes left out');
  const b1Fit = def.estimators.find((e) => e.law === 'bnsl-1')!.fit!;
  assert.equal(b1Fit.residuals.length, def.fitPoints.length);
  // fewer than 20 points: no robust fitting at all
  const short = pts.slice(0, 15);
  assert.deepEqual(m2(analyzeCurve(short, { ...opts, robust: 'huber' })), m2(analyzeCurve(short, { ...opts, robust: 'none' })));
});
