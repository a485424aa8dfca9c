// The refits a schedule forecast is made of (the prior's level, the power law with or without an
// annealing term) and its band: the prefix's fit, its block bootstrap and its back-test (forecast.ts).
import { mulberry32, randomInt } from '../random';
import { ScalingLensError } from '../types';
import { fitPowerPlus, wls, type LinearFit } from './linear';

/**
 * Refits a model on the first y.length points of the prefix and returns its prediction at every
 * evaluation step (prefix steps first, then the future).
 */
export type Refit = (y: Float64Array) => Float64Array | undefined;

export const relWeights = (y: Float64Array): Float64Array => Float64Array.from(y, (v) => 1 / (v * v));

/** L0 + A·pw + fixed, (L0, A ≥ 0) refitted: a prior's level with its shape held. */
export function levelRefit(pw: Float64Array, fixed: Float64Array): Refit {
  return (y) => {
    const k = y.length;
    const target = Float64Array.from(y, (v, i) => v - fixed[i]);
    const r = wls([new Float64Array(k).fill(1), pw.subarray(0, k)], target, relWeights(y), [false, true]);
    if (!r) return undefined;
    return Float64Array.from(pw, (p, i) => r.coef[0] + r.coef[1] * p + fixed[i]);
  };
}

/**
 * c0 + c1·u^(−α) + Σ c_k·extra_k, α searched: the Tissue law on the prefix (one or two memories), or
 * the power law in steps. `prefixFit`, the prefix's fit when the caller has made it already (for its
 * params), answers the first call (band's fit of the prefix) instead of the same fit made twice.
 */
export function powerRefit(u: Float64Array, extra: readonly Float64Array[], prefixFit?: LinearFit): Refit {
  // the first call fits the prefix itself; its α is where the resamples' α is searched first
  let near: number | undefined;
  let made = prefixFit;
  return (y) => {
    const k = y.length;
    const r = made ?? fitPowerPlus(u.subarray(0, k), y, extra.map((e) => e.subarray(0, k)), undefined, near);
    made = undefined;
    if (!r) return undefined;
    near ??= r.alpha;
    return Float64Array.from(u, (v, i) => extra.reduce((a, e, c) => a + r.coef[2 + c] * e[i], r.coef[0] + r.coef[1] * Math.pow(v, -r.alpha)));
  };
}

/** c0 + c1·u^(−α) + fixed, α searched: the prefix's power law under an assumed annealing term (`prefixFit` as powerRefit's). */
export function offsetPowerRefit(u: Float64Array, fixed: Float64Array, prefixFit?: LinearFit): Refit {
  const inner = powerRefit(u, [], prefixFit);
  return (y) => {
    const p = inner(Float64Array.from(y, (v, i) => v - fixed[i]));
    return p && Float64Array.from(p, (v, i) => v + fixed[i]);
  };
}

/** Fit on the prefix, seeded block bootstrap of its residuals, back-test on its first half. */
export function band(refit: Refit, y: Float64Array, steps: readonly number[], resamples: number, seed: number, backTestFallback?: Refit): { mid: Float64Array; sd: Float64Array; boot: Float64Array; backTest: Float64Array } {
  const n = y.length;
  const mid = refit(y);
  if (!mid || !mid.every((v) => v > 0)) throw new ScalingLensError('no-convergence', 'the forecast fit failed on this prefix (too few distinct points, or a loss that does not fall?)');
  const m = steps.length;
  const logRes = Float64Array.from({ length: n }, (_, i) => Math.log(y[i]) - Math.log(mid[i]));
  const block = Math.max(1, Math.round(n / 8));
  const rnd = mulberry32(seed);
  const sum = new Float64Array(m);
  const sum2 = new Float64Array(m);
  let ok = 0;
  const ys = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; ) {
      const start = randomInt(rnd, n - block + 1);
      for (let k = 0; k < block && i < n; k++, i++) ys[i] = mid[i] * Math.exp(logRes[start + k]);
    }
    const p = refit(ys);
    if (!p) continue;
    ok++;
    for (let j = 0; j < m; j++) {
      const v = Math.log(p[j]) - Math.log(mid[j]);
      if (!Number.isFinite(v)) continue;
      sum[j] += v;
      sum2[j] += v * v;
    }
  }
  const sd = new Float64Array(m);
  if (ok > 1) for (let j = 0; j < m; j++) sd[j] = Math.sqrt(Math.max(0, (sum2[j] - (sum[j] * sum[j]) / ok) / (ok - 1)));
  // back-test: the same refit on the prefix's first half, its |log error| over the last 3 points
  const half = Math.max(3, Math.floor(n / 2));
  // a law whose decay the first half has not seen cannot be refitted there: the back-test is then
  // the forecast that half would have made (an assumed gain), not a silent zero
  const part = refit(y.slice(0, half)) ?? backTestFallback?.(y.slice(0, half));
  let bt = 0;
  if (part) {
    const k = Math.min(3, n - half);
    for (let i = n - k; i < n; i++) bt += Math.log(y[i]) - Math.log(part[i]);
    bt = Math.abs(bt / Math.max(1, k));
  }
  const horizon = Math.max(1, steps[n - 1] - steps[half - 1]);
  const boot = Float64Array.from(sd);
  const backTest = new Float64Array(m);
  for (let j = n; j < m; j++) {
    backTest[j] = bt * ((steps[j] - steps[n - 1]) / horizon);
    sd[j] = Math.sqrt(sd[j] * sd[j] + backTest[j] * backTest[j]);
  }
  return { mid, sd, boot, backTest };
}
