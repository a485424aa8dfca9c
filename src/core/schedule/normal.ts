// Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7): enough for probabilities
// shown to two digits.
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** The standard normal's 97.5% quantile: a central 95% band is ±Z95 standard deviations. */
export const Z95 = 1.959963984540054;
