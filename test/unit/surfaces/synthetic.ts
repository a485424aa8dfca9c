// Synthetic Chinchilla-style sweeps for the surface tests: IsoFLOP-like points from a known law,
// optionally with multiplicative log-normal noise from a seeded generator.
import { chinchillaLoss, type ChinchillaParams } from '../../../src/core/laws/chinchilla';
import { mulberry32, normal } from '../../../src/core/random';
import type { Observations } from '../../../src/core/types';

export const PUBLISHED: ChinchillaParams = { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.33917, beta: 0.28491 };

/** `points` runs spread over budgets 6e18…3e23 FLOPs and model sizes 40M…16B, D = C/6N. */
export function syntheticSurface(truth: ChinchillaParams, points: number, noise = 0, seed = 7): Observations {
  const uniform = mulberry32(seed);
  const gauss = normal(uniform);
  const x = new Float64Array(points);
  const x2 = new Float64Array(points);
  const y = new Float64Array(points);
  const lc0 = Math.log(6e18);
  const lc1 = Math.log(3e23);
  for (let i = 0; i < points; i++) {
    const logC = lc0 + ((lc1 - lc0) * (i % 12)) / 11;
    const N = Math.exp(Math.log(4e7) + uniform() * Math.log(400));
    const D = Math.exp(logC) / (6 * N);
    x[i] = N;
    x2[i] = D;
    y[i] = chinchillaLoss(truth, N, D) * Math.exp(noise * gauss());
  }
  return { x, x2, y };
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * The N that minimises `loss`(N, C/6N) over N in [lo, hi], by golden-section search on ln N: the
 * compute-optimal size found without any closed form (each budget's valley is unimodal).
 */
export function bruteForceOptimalN(loss: (N: number, D: number) => number, C: number, lo = 1, hi = C / 6): number {
  const f = (u: number): number => loss(Math.exp(u), C / (6 * Math.exp(u)));
  let a = Math.log(lo);
  let b = Math.log(hi);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 200; k++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}
