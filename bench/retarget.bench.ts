// A new target on a curve already fitted ("100x" after "10x", or "when does the loss reach 2.5?",
// whose answer is a grid of targets past the data): the analysis with the kept fits of the first
// one (core/fitReuse.ts, as the fit worker keeps them) against the full refit it took before, in
// the same run, with the panel's options (default estimators, 40 resamples). Also checks that both
// give the same analysis.
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import type { Point } from '../src/core/analysis';
import { analyzeCurve } from '../src/core/analyze';
import { newFitReuse } from '../src/core/fitReuse';
import { mambaCurves, t5Curves } from './realCurvesData';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const laws: string[] = manifest.contributes.configuration.properties['scalingLens.estimators'].default;

const perStep = (n: number): Point[] =>
  Array.from({ length: n }, (_, i) => {
    const x = (i + 1) * 1000;
    return { x, y: 2 + 8 * x ** -0.3 * (1 + 0.02 * Math.sin(i * 7.3)) };
  });
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, (performance.now() - t) / 1000];
};
const cases: [string, Point[]][] = [
  ['T5 xxl (806 points)', t5Curves()[0].points],
  ['Mamba 3B per-step (44K points)', mambaCurves()[0].points],
  ['synthetic per-step (1M points)', perStep(1_000_000)],
];
for (const [name, points] of cases) {
  const xMax = points[points.length - 1].x;
  const options = { laws, bootstrap: 40, seed: 1 };
  const reuse = newFitReuse();
  const [, first] = timed(() => analyzeCurve(points, { ...options, targets: [10 * xMax], reuse }));
  const grid = Array.from({ length: 40 }, (_, i) => xMax * 1000 ** ((i + 1) / 40));
  const [kept, fast] = timed(() => analyzeCurve(points, { ...options, targets: grid, reuse }));
  const [cold, slow] = timed(() => analyzeCurve(points, { ...options, targets: grid }));
  console.log(
    `${name}: first fit ${first.toFixed(2)} s; a new target grid from the kept fits ${fast.toFixed(2)} s against a refit ${slow.toFixed(2)} s ` +
      `(×${(slow / fast).toFixed(0)} faster), same analysis: ${isDeepStrictEqual(kept, cold) ? 'yes' : 'NO'}`,
  );
}
