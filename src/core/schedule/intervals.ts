// Approximate 95% parameter intervals from the Gauss–Newton curvature of the log-residual sum of
// squares at the fit: cov = σ²·(JᵀJ)⁻¹ with σ² the residual variance. Training-loss residuals are
// autocorrelated, so n is shrunk to an effective n·(1−ρ)/(1+ρ) (ρ: lag-1 autocorrelation of the
// residuals within a run) — without it the intervals would be several times too narrow. Positive
// parameters get intervals in log space.
import { choleskySolve } from '../optim/cholesky';
import { Z95 } from './normal';

/**
 * @param jac ∂r_i/∂p_k (row-major, n × p) in the parameters' natural units
 * @param resid residuals r_i, runs concatenated; `runStarts` marks where each run begins
 */
export function gaussNewtonIntervals(jac: Float64Array, resid: Float64Array, p: number, runStarts: readonly number[], values: readonly number[], positive: readonly boolean[] = []): [number, number][] | undefined {
  const n = resid.length;
  // positive parameters: intervals in log space (∂r/∂ln v = v·∂r/∂v), so they stay positive
  for (let k = 0; k < p; k++) if (positive[k]) for (let i = 0; i < n; i++) jac[i * p + k] *= values[k];
  if (n <= p) return undefined;
  let ss = 0;
  for (const r of resid) ss += r * r;
  let num = 0;
  let den = 0;
  const starts = new Set(runStarts);
  for (let i = 0; i < n; i++) {
    den += resid[i] * resid[i];
    if (i > 0 && !starts.has(i)) num += resid[i] * resid[i - 1];
  }
  const rho = den > 0 ? Math.max(0, Math.min(0.98, num / den)) : 0;
  const nEff = Math.max(p + 1, (n * (1 - rho)) / (1 + rho));
  const sigma2 = ss / (nEff - p);
  const out: [number, number][] = [];
  for (let k = 0; k < p; k++) {
    // k-th diagonal element of (JᵀJ)⁻¹: solve (JᵀJ) x = e_k, with columns scaled for conditioning
    const scale = new Float64Array(p);
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += jac[i * p + c] ** 2;
      scale[c] = Math.sqrt(s) || 1;
    }
    const a = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += jac[i * p + r] * jac[i * p + c];
        a[r * p + c] = s / (scale[r] * scale[c]);
      }
    }
    for (let r = 0; r < p; r++) a[r * p + r] *= 1 + 1e-10;
    const e = new Float64Array(p);
    e[k] = 1;
    const x = new Float64Array(p);
    if (!choleskySolve(a, e, x, p)) return undefined;
    const sd = Math.sqrt(Math.max(0, (sigma2 * x[k]) / (scale[k] * scale[k])));
    out.push(positive[k] ? [values[k] * Math.exp(-Z95 * sd), values[k] * Math.exp(Z95 * sd)] : [values[k] - Z95 * sd, values[k] + Z95 * sd]);
  }
  return out;
}
