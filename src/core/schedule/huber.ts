// Huber loss on log residuals r = ln y − ln ŷ, as Luo et al. and Hoffmann et al. fit: quadratic
// within δ, linear beyond, so a few spikes in a training loss do not steer the fit. Scaled by 1/δ²
// per point so typical objectives are O(1) and gradient tolerances mean the same across data.

export const HUBER_DELTA = 1e-3;

/** h(r)/δ² and its derivative with respect to r, written to d[0]. */
export function huber(r: number, d: Float64Array, delta = HUBER_DELTA): number {
  const a = Math.abs(r);
  const inv = 1 / (delta * delta);
  if (a <= delta) {
    d[0] = r * inv;
    return 0.5 * r * r * inv;
  }
  d[0] = Math.sign(r) * delta * inv;
  return delta * (a - 0.5 * delta) * inv;
}
