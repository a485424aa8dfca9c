// Intervals on a long per-step log: analyzeCurve with the panel's 40 bootstrap resamples on a
// 1M-point curve against the same curve at 5k points, in the same run. The fits run on ≤ 300 log-x
// bins either way; what grows with the log is the raw-point scatter every law's interval reads
// (core/analyze.ts latePoints, thinned to MAX_LATE_POINTS). Ratio near 1 = length no longer costs.
// Measured on this 2-core machine: 1M 9.3 s vs 5k ≈ 6–8 s (ratio ≈ 1.2–1.5); before the thinning,
// 18.4 s vs 6.1 s (3.0).
import { analyzeCurve } from '../src/core/analyze';
import { CURVE_LAW_IDS } from '../src/core/laws/index';

const curve = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const x = (i + 1) * 1000;
    return { x, y: 2 + 8 * x ** -0.3 * (1 + 0.01 * Math.sin(i * 7.3)) };
  });
const time = (n: number): number => {
  const pts = curve(n);
  const t = performance.now();
  analyzeCurve(pts, { laws: CURVE_LAW_IDS, bootstrap: 40, targets: [n * 10_000], seed: 1 });
  return (performance.now() - t) / 1000;
};
const small = time(5_000);
const large = time(1_000_000);
console.log(`analysis with 40 resamples, default laws: 5k points ${small.toFixed(2)} s, 1M points ${large.toFixed(2)} s, ratio ${(large / small).toFixed(2)}`);
