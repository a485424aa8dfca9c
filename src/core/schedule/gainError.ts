// How well a prefix pins the LR-annealing law's decay coefficient C: its standard error from the
// fit's curvature (Gauss–Newton, all four parameters free, the residual variance from the fit's own
// relative residuals). A few hundred steps of decay let C trade off against the power law's level
// and exponent; the error says by how much.
import { choleskySolve } from '../optim/lm';
import type { TissueParams, TissueTerms } from './tissue';

/** Standard error of C fitted on `t` and `y` (weights 1/y², as the fit); NaN when the curvature is singular or too few points. */
export function annealingSd(t: TissueTerms, y: ArrayLike<number>, p: TissueParams): number {
  const n = y.length;
  const m = 4;
  if (n <= m) return NaN;
  const cols = Array.from({ length: m }, () => new Float64Array(n));
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const pw = Math.pow(t.s1[i], -p.alpha);
    const w = 1 / y[i];
    // d(fit)/d(L0, A, α, C), each row scaled by √weight
    cols[0][i] = w;
    cols[1][i] = pw * w;
    cols[2][i] = -p.A * Math.log(t.s1[i]) * pw * w;
    cols[3][i] = -t.s2[i] * w;
    ssr += ((y[i] - (p.L0 + p.A * pw - p.C * t.s2[i])) * w) ** 2;
  }
  // columns scaled to unit norm: the curvature's entries span many decades otherwise
  const scale = cols.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)) || 1);
  const a = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) a[r * m + c] = cols[r].reduce((s, v, i) => s + v * cols[c][i], 0) / (scale[r] * scale[c]);
  const e = new Float64Array(m);
  e[3] = 1;
  const x = new Float64Array(m);
  if (!choleskySolve(a, e, x, m)) return NaN;
  return Math.sqrt((ssr / (n - m)) * Math.max(0, x[3])) / scale[3];
}
