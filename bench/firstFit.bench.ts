// How long a curve that shows no fit yet waits for its first fitted curves in the panel: the
// session fits it first without the bootstrap (point fits, auto's choice, back-test trust) and then
// with the panel's 40 resamples, against the single full analysis it waited for before. Default
// estimators (package.json), a per-step curve of 5k and of 1M points, in the same run.
import { readFileSync } from 'node:fs';
import { analyzeCurve } from '../src/core/analyze';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const laws: string[] = manifest.contributes.configuration.properties['scalingLens.estimators'].default;

const curve = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const x = (i + 1) * 1000;
    return { x, y: 2 + 8 * x ** -0.3 * (1 + 0.02 * Math.sin(i * 7.3)) };
  });
const seconds = (f: () => void): number => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
for (const n of [5_000, 1_000_000]) {
  const pts = curve(n);
  const options = { laws, targets: [n * 10_000], seed: 1 };
  const quick = seconds(() => analyzeCurve(pts, { ...options, bootstrap: 0 }));
  const full = seconds(() => analyzeCurve(pts, { ...options, bootstrap: 40 }));
  console.log(`${n} points: first fitted curves after ${quick.toFixed(2)} s (was ${full.toFixed(2)} s, ×${(full / quick).toFixed(1)} sooner); intervals after ${(quick + full).toFixed(2)} s (+${((100 * quick) / full).toFixed(0)}%)`);
}
