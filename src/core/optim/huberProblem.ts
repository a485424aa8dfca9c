import type { LeastSquaresProblem } from './lm';

/**
 * The Huber loss as a least-squares problem LM can run unchanged: each residual r becomes
 * ψ(r) = sign(r)·√(2ρ_δ(r)), so Σ ψ² = 2·Σ ρ_δ(r) — r itself within ±δ, √(2δ|r| − δ²) beyond. The
 * map is monotone and invertible, so the raw residual the law's Jacobian may want is recovered
 * from ψ, and dψ/dr = δ/|ψ| beyond δ (1 within). The returned SSE and residuals are ψ's.
 */
export function huberProblem(problem: LeastSquaresProblem, delta: number): LeastSquaresProblem {
  const n = problem.n;
  const raw = new Float64Array(n);
  const psi = (r: number): number => (Math.abs(r) <= delta ? r : Math.sign(r) * Math.sqrt(2 * delta * Math.abs(r) - delta * delta));
  const unpsi = (q: number): number => (Math.abs(q) <= delta ? q : (Math.sign(q) * (q * q + delta * delta)) / (2 * delta));
  const inner = problem.jacobian;
  return {
    constraints: problem.constraints,
    n,
    residuals(p, out) {
      problem.residuals(p, out);
      for (let i = 0; i < n; i++) out[i] = psi(out[i]);
    },
    jacobian: inner
      ? (p, r, jac) => {
          for (let i = 0; i < n; i++) raw[i] = unpsi(r[i]);
          inner(p, raw, jac);
          const m = jac.length / n;
          for (let i = 0; i < n; i++) {
            const a = Math.abs(r[i]);
            if (a <= delta) continue;
            const k = delta / a;
            for (let j = i * m; j < (i + 1) * m; j++) jac[j] *= k;
          }
        }
      : undefined,
  };
}
