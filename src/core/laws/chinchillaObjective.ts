// The Approach-3 objective of Hoffmann et al. (2022) as replicated by Besiroglu et al. (2024):
//   Σ_i w_i · Huber_δ( LSE(a − α·log N_i, b − β·log D_i, e) − log L_i )
// over p = [a, b, e, alpha, beta] with A = e^a, B = e^b, E = e^e, and its analytic gradient.
// The weights are multiplicities, so a bootstrap resample is a weight vector and needs no copy.
import type { Objective } from '../optim/bfgs';

/** Parameter vector layout used by the optimiser. */
export const A_IDX = 0;
export const B_IDX = 1;
export const E_IDX = 2;
export const ALPHA_IDX = 3;
export const BETA_IDX = 4;

export interface SurfaceLogData {
  readonly logN: Float64Array;
  readonly logD: Float64Array;
  readonly logL: Float64Array;
}

/** scipy.special.huber convention: ½r² inside ±δ, δ(|r| − ½δ) outside. */
export function huber(delta: number, r: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/**
 * Builds the summed-Huber objective. `weights` (optional, same length as the data) may be
 * mutated by the caller between minimisations; points with weight 0 are skipped.
 *
 * Most residuals sit outside ±δ, where the Huber term is linear in r = log(s/L): those points'
 * logs are summed as the log of a running product of the ratios s/L (near the data, one Math.log
 * per side per evaluation instead of one per point; the log is over a third of the per-point
 * cost). The ratios are near 1, so the product agrees with the sum of logs to ~1e-15 relative;
 * it is flushed into the sum before it can overflow. Points inside ±δ, with a weight other than
 * 1, or far from the data's scale take their own log as before.
 */
export function huberLseObjective(data: SurfaceLogData, delta: number, weights?: Float64Array): Objective {
  const { logN, logD, logL } = data;
  const m = logL.length;
  const invL = logL.map((v) => Math.exp(-v));
  // Bounds on s/L for |r| > δ; a point within rounding of a bound may fall either side, where
  // both Huber branches agree to O(δ·1e-16).
  const qHi = Math.exp(delta);
  const qLo = Math.exp(-delta);
  const halfDelta = 0.5 * delta;
  return (p, grad) => {
    const a = p[A_IDX];
    const b = p[B_IDX];
    const e = p[E_IDX];
    const alpha = p[ALPHA_IDX];
    const beta = p[BETA_IDX];
    const E = Math.exp(e);
    // Quadratic-zone terms; Σ w·r over r > δ and Σ w·(−r) over r < −δ, part as sums of logs and
    // part as running products; and the weights on each side (for the −δ/2 offsets).
    let quad = 0;
    let above = 0;
    let below = 0;
    let prodAbove = 1;
    let prodBelow = 1;
    let wAbove = 0;
    let wBelow = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gal = 0;
    let gbe = 0;
    for (let i = 0; i < m; i++) {
      const w = weights === undefined ? 1 : weights[i];
      if (w === 0) continue;
      const ln = logN[i];
      const ld = logD[i];
      let u1 = Math.exp(a - alpha * ln);
      let u2 = Math.exp(b - beta * ld);
      let u3 = E;
      let s = u1 + u2 + u3;
      let r = NaN;
      let q = s * invL[i];
      if (!(s > 0 && s < Infinity && q > 1e-150 && q < 1e150)) {
        // Overflow or underflow far from the data's scale: the shifted (stable) form.
        const t1 = a - alpha * ln;
        const t2 = b - beta * ld;
        const mx = Math.max(t1, t2, e);
        u1 = Math.exp(t1 - mx);
        u2 = Math.exp(t2 - mx);
        u3 = Math.exp(e - mx);
        s = u1 + u2 + u3;
        r = mx + Math.log(s) - logL[i];
        q = r > delta ? Infinity : r < -delta ? 0 : 1;
      }
      let dh: number;
      if (q > qHi) {
        dh = w * delta;
        wAbove += w;
        if (r === r) above += w * r;
        else if (w !== 1) above += w * Math.log(q);
        else {
          prodAbove *= q;
          if (prodAbove > 1e150) {
            above += Math.log(prodAbove);
            prodAbove = 1;
          }
        }
      } else if (q < qLo) {
        dh = -w * delta;
        wBelow += w;
        if (r === r) below -= w * r;
        else if (w !== 1) below -= w * Math.log(q);
        else {
          prodBelow *= q;
          if (prodBelow < 1e-150) {
            below -= Math.log(prodBelow);
            prodBelow = 1;
          }
        }
      } else {
        if (r !== r) r = Math.log(s) - logL[i];
        quad += w * 0.5 * r * r;
        dh = w * r;
      }
      const k = dh / s;
      const k1 = k * u1;
      const k2 = k * u2;
      ga += k1;
      gb += k2;
      ge += k * u3;
      gal -= k1 * ln;
      gbe -= k2 * ld;
    }
    above += Math.log(prodAbove);
    below -= Math.log(prodBelow);
    grad[A_IDX] = ga;
    grad[B_IDX] = gb;
    grad[E_IDX] = ge;
    grad[ALPHA_IDX] = gal;
    grad[BETA_IDX] = gbe;
    return quad + delta * (above - halfDelta * wAbove) + delta * (below - halfDelta * wBelow);
  };
}
