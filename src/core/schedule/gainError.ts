// How well a prefix pins the LR-annealing law's decay coefficient C: its standard error from the
// fit's curvature (Gauss–Newton, all parameters free, the residual variance from the fit's own
// relative residuals). A few hundred steps of decay let C trade off against the power law's level
// and exponent; the error says by how much. With a second memory (twoMemory.ts) the error is that
// of the full decay's coefficient C/(1−λ) + Cfast/(1−λfast), the two C's being fitted together.
import { choleskySolve } from '../optim/cholesky';
import type { TissueParams, TissueTerms } from './tissue';

/** Standard error of Σ weight_k·C_k (C, then Cfast when the terms have S2fast) fitted on `t` and `y` (weights 1/y², as the fit); NaN when singular or too few points. */
function combinationSd(t: TissueTerms, y: ArrayLike<number>, p: TissueParams, weights: readonly number[]): number {
  const n = y.length;
  const s2s = t.s2fast ? [t.s2, t.s2fast] : [t.s2];
  const cs = [p.C, p.Cfast ?? 0];
  const m = 3 + s2s.length;
  if (n <= m) return NaN;
  const cols = Array.from({ length: m }, () => new Float64Array(n));
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const pw = Math.pow(t.s1[i], -p.alpha);
    const w = 1 / y[i];
    // d(fit)/d(L0, A, α, C…), each row scaled by √weight
    cols[0][i] = w;
    cols[1][i] = pw * w;
    cols[2][i] = -p.A * Math.log(t.s1[i]) * pw * w;
    let fit = p.L0 + p.A * pw;
    s2s.forEach((s2, k) => {
      cols[3 + k][i] = -s2[i] * w;
      fit -= cs[k]! * s2[i];
    });
    ssr += ((y[i] - fit) * w) ** 2;
  }
  // columns scaled to unit norm: the curvature's entries span many decades otherwise
  const scale = cols.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)) || 1);
  const a = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) a[r * m + c] = cols[r].reduce((s, v, i) => s + v * cols[c][i], 0) / (scale[r] * scale[c]);
  // gᵀ(JᵀJ)⁻¹g in the scaled coordinates
  const g = new Float64Array(m);
  s2s.forEach((_, k) => (g[3 + k] = weights[k]! / scale[3 + k]!));
  const x = new Float64Array(m);
  if (!choleskySolve(a, Float64Array.from(g), x, m)) return NaN;
  const q = g.reduce((s, v, k) => s + v * x[k]!, 0);
  return Math.sqrt((ssr / (n - m)) * Math.max(0, q));
}

/** Standard error of the full decay's coefficient, C/(1−λ) (+ Cfast/(1−λfast) with a second memory). */
export function fullDecaySd(t: TissueTerms, y: ArrayLike<number>, p: TissueParams): number {
  return combinationSd(t, y, p, [1 / (1 - p.lambda), 1 / (1 - (p.lambdaFast ?? 0))]);
}

/** Standard error of Cfast, the second memory's coefficient. */
export function fastMemorySd(t: TissueTerms, y: ArrayLike<number>, p: TissueParams): number {
  return combinationSd(t, y, p, [0, 1]);
}
