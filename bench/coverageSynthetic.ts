// Synthetic learning curves drawn from each law with multiplicative log-normal noise: the
// "synthetic" set of the per-law coverage bench and the interval property tests. Each truth has a
// shape the law is meant for (a power law falling to a floor, a bent curve, a curve gone flat).
import type { Point } from '../src/core/analysis';
import { getLaw } from '../src/core/laws/index';
import { mulberry32, normal } from '../src/core/random';
import type { CoverageCurve } from './coverageData';

export const TRUTHS: Record<string, { params: Record<string, number>; from: number; upperBound?: number }> = {
  m1: { params: { beta: 5, c: -0.3 }, from: 1e3 },
  m2: { params: { beta: 5, c: -0.35, errInf: 0.6 }, from: 1e3 },
  m3: { params: { beta: 3, c: 0.3, gamma: 1e-6 }, from: 1e3 },
  m4: { params: { beta: 2e3, c: -0.45, alpha: 0.8, errInf: 0.12, err0: 0.95 }, from: 1e6, upperBound: 1 },
  'bnsl-1': { params: { a: 1.5, b: 20, c0: 0.15, c1: 0.35, d1: 1e5, f1: 0.5 }, from: 1e3 },
  'bnsl-2': { params: { a: 1.2, b: 15, c0: 0.1, c1: 0.3, d1: 3e4, f1: 0.4, c2: 0.2, d2: 3e5, f2: 0.5 }, from: 1e3 },
  flat: { params: { level: 2.3 }, from: 1e3 },
};

/** `n` points log-spaced over two decades from the law's `from`, noise sd `noise` in log y. */
export function syntheticCurve(law: string, seed: number, n = 24, noise = 0.01): Point[] {
  const t = TRUTHS[law];
  const z = normal(mulberry32(seed));
  return Array.from({ length: n }, (_, i) => {
    const x = t.from * 10 ** ((2 * i) / (n - 1));
    return { x, y: getLaw(law).predict(t.params, x) * Math.exp(noise * z()) };
  });
}

/** `perLaw` curves from every truth, fitted on the first 2/3 and scored on the rest. */
export function syntheticCurves(perLaw = 3, noise = 0.01): CoverageCurve[] {
  const out: CoverageCurve[] = [];
  for (const law of Object.keys(TRUTHS)) {
    for (let s = 1; s <= perLaw; s++) {
      const points = syntheticCurve(law, s * 17, 24, noise);
      const k = Math.round((points.length * 2) / 3);
      out.push({ set: 'synthetic', subset: `from ${law}`, name: `${law} seed ${s * 17}`, points, trainMask: points.map((_, i) => i < k), ...(TRUTHS[law].upperBound ? { upperBound: TRUTHS[law].upperBound } : {}) });
    }
  }
  return out;
}
