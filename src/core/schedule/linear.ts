// Laws that are linear in all but one exponent — L = c0 + c1·u^(−α) + Σ c_k·f_k with u and f
// fixed per point — fitted by a 1-D search over α with weighted least squares in the c's at
// each α. Weights 1/y² make the residuals relative (≈ log residuals). Used for the Tissue law,
// the power law in steps, and refits of a prior's level (L0, A) with its shape held.
import { choleskySolve } from '../optim/cholesky';

export interface LinearFit {
  readonly alpha: number;
  /** c0 (level), c1 (power-law coefficient), then one per extra column. */
  readonly coef: Float64Array;
  /** Weighted sum of squared relative residuals. */
  readonly ssr: number;
}

/**
 * Weighted least squares of y on the given columns; coefficients flagged `nonneg` that come out
 * negative are fixed at 0 and the rest refitted. Undefined when singular.
 */
export function wls(cols: readonly Float64Array[], y: ArrayLike<number>, w: ArrayLike<number>, nonneg: readonly boolean[] = []): { coef: Float64Array; ssr: number } | undefined {
  const m = cols.length;
  const active = cols.map(() => true);
  for (let pass = 0; pass <= m; pass++) {
    const idx = active.flatMap((a, k) => (a ? [k] : []));
    const p = idx.length;
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    const scale = idx.map((k) => Math.sqrt(cols[k].reduce((s, v, i) => s + w[i] * v * v, 0)) || 1);
    for (let i = 0; i < y.length; i++) {
      for (let r = 0; r < p; r++) {
        const vr = cols[idx[r]][i] / scale[r];
        b[r] += w[i] * vr * y[i];
        for (let c = 0; c <= r; c++) a[r * p + c] += w[i] * vr * (cols[idx[c]][i] / scale[c]);
      }
    }
    for (let r = 0; r < p; r++) for (let c = r + 1; c < p; c++) a[r * p + c] = a[c * p + r];
    for (let r = 0; r < p; r++) a[r * p + r] *= 1 + 1e-12;
    const x = new Float64Array(p);
    if (!choleskySolve(a, b, x, p)) return undefined;
    const coef = new Float64Array(m);
    idx.forEach((k, r) => (coef[k] = x[r] / scale[r]));
    const neg = idx.find((k) => nonneg[k] && coef[k] < 0);
    if (neg === undefined) {
      let ssr = 0;
      for (let i = 0; i < y.length; i++) {
        let v = 0;
        for (let k = 0; k < m; k++) v += coef[k] * cols[k][i];
        ssr += w[i] * (y[i] - v) ** 2;
      }
      return { coef, ssr };
    }
    active[neg] = false;
  }
  return undefined;
}

const ALPHA_MIN = 0.01;
const ALPHA_MAX = 3;

/** Fits y ≈ c0 + c1·u^(−α) + Σ c_k·extra_k over α ∈ [0.01, 3]; c1 and the extras ≥ 0 (signs folded into the columns). */
/**
 * @param alphaNear where α is expected (a refit of a resample of the same data): the coarse grid
 * then spans only a factor e either side of it, and falls back to the full range when the best α
 * lands on that narrow grid's edge.
 */
export function fitPowerPlus(u: ArrayLike<number>, y: ArrayLike<number>, extra: readonly Float64Array[] = [], w?: ArrayLike<number>, alphaNear?: number): LinearFit | undefined {
  const n = y.length;
  const lnU = Float64Array.from({ length: n }, (_, i) => Math.log(u[i]));
  const weights = w ?? Float64Array.from({ length: n }, (_, i) => 1 / (y[i] * y[i]));
  const ones = new Float64Array(n).fill(1);
  const pw = new Float64Array(n);
  const at = (alpha: number): LinearFit | undefined => {
    for (let i = 0; i < n; i++) pw[i] = Math.exp(-alpha * lnU[i]);
    const r = wls([ones, pw, ...extra], y, weights, [false, true, ...extra.map(() => true)]);
    return r ? { alpha, coef: r.coef, ssr: r.ssr } : undefined;
  };
  // coarse log grid, then golden section around the best
  let best: LinearFit | undefined;
  let bi = -1;
  let grid: number[] = [];
  const search = (lo: number, hi: number, K: number): void => {
    grid = [];
    best = undefined;
    bi = -1;
    for (let k = 0; k < K; k++) grid.push(lo * Math.pow(hi / lo, k / (K - 1)));
    grid.forEach((a, k) => {
      const r = at(a);
      if (r && (!best || r.ssr < best.ssr)) {
        best = r;
        bi = k;
      }
    });
  };
  const near = alphaNear !== undefined && Number.isFinite(alphaNear) && alphaNear > 0;
  if (near) {
    const lo = Math.max(ALPHA_MIN, alphaNear / Math.E);
    const hi = Math.min(ALPHA_MAX, alphaNear * Math.E);
    search(lo, hi, 9);
    const edge = (bi === 0 && lo > ALPHA_MIN) || (bi === grid.length - 1 && hi < ALPHA_MAX) || bi < 0;
    if (edge) search(ALPHA_MIN, ALPHA_MAX, 48);
  } else search(ALPHA_MIN, ALPHA_MAX, 48);
  const K = grid.length;
  if (!best) return undefined;
  let lo = Math.log(grid[Math.max(0, bi - 1)]);
  let hi = Math.log(grid[Math.min(K - 1, bi + 1)]);
  // golden section, one new evaluation per step (the other point carried over), down to a
  // bracket of 1e-7 in ln α
  const g = (Math.sqrt(5) - 1) / 2;
  const f = (lnA: number): number => {
    const r = at(Math.exp(lnA));
    if (r && r.ssr < best!.ssr) best = r;
    return r?.ssr ?? Infinity;
  };
  let a1 = hi - g * (hi - lo);
  let a2 = lo + g * (hi - lo);
  let f1 = f(a1);
  let f2 = f(a2);
  while (hi - lo > 1e-7) {
    if (f1 < f2) {
      hi = a2;
      a2 = a1;
      f2 = f1;
      a1 = hi - g * (hi - lo);
      f1 = f(a1);
    } else {
      lo = a1;
      a1 = a2;
      f1 = f2;
      a2 = lo + g * (hi - lo);
      f2 = f(a2);
    }
  }
  return best;
}
