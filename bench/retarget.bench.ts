// A new target on a curve already fitted ("100x" after "10x", or "when does the loss reach 2.5?",
// whose answer is a grid of targets past the data): the analysis with the kept fits of the first
// one (core/fitReuse.ts) against the full refit it took before, in the same run, with the panel's
// options (default estimators, 40 resamples), in this process and through the real fit worker
// (dist/fitWorker.js, built by `npm run build`: the points' transfer and split flags included, as
// the panel asks). Also checks that both give the same analysis.
import { isDeepStrictEqual } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Point } from '../src/core/analysis';
import { analyzeCurve } from '../src/core/analyze';
import { newFitReuse } from '../src/core/fitReuse';
import { FitClient } from '../src/extension/fitClient';
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
const timedAsync = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await f();
  return [out, (performance.now() - t) / 1000];
};
const WORKER = path.join(__dirname, '..', 'dist', 'fitWorker.js');
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

async function throughWorker(): Promise<void> {
  if (!existsSync(WORKER)) return console.log('(no dist/fitWorker.js: `npm run build` first for the worker figures)');
  const quiet = { warn: () => undefined, error: () => undefined };
  for (const [name, points] of cases) {
    const xMax = points[points.length - 1].x;
    const options = { laws, bootstrap: 40, seed: 1 };
    const grid = Array.from({ length: 40 }, (_, i) => xMax * 1000 ** ((i + 1) / 40));
    const warm = new FitClient(WORKER, quiet);
    const cold = new FitClient(WORKER, quiet);
    try {
      await warm.analyze(points, { ...options, targets: [10 * xMax] });
      // the other worker warmed up on another curve: it keeps nothing of this one
      await cold.analyze(points.map((p) => ({ x: p.x, y: p.y * 1.01 })), { ...options, targets: [10 * xMax] });
      const [a, fast] = await timedAsync(() => warm.analyze(points, { ...options, targets: grid }));
      const [b, slow] = await timedAsync(() => cold.analyze(points, { ...options, targets: grid }));
      console.log(`${name}, through the fit worker: a new target grid ${fast.toFixed(2)} s against a refit ${slow.toFixed(2)} s (×${(slow / fast).toFixed(0)} faster), same analysis: ${isDeepStrictEqual(a, b) ? 'yes' : 'NO'}`);
    } finally {
      warm.dispose();
      cold.dispose();
    }
  }
}
void throughWorker();
