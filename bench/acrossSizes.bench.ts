// Sweeps across sizes built from sized runs (src/ingest/model/sizeSweep.ts): at each shared D,
// loss against N. Task: fit the smaller sizes, predict the largest one (and the two largest), score
// by RMSLE, for auto, every law and the two naive baselines (the largest fitted size's loss held;
// E + A·N^(−a)), on the bundled families: RNSL LM (5 sizes, val loss vs seen examples) and OPT
// (6 sizes, perplexity vs tokens). Nothing was tuned on this.
// Cost: the sweep is rebuilt on every snapshot of a watched folder; timed on 5 runs × 200k steps
// against a naive build in the same run (each run copied, every point scanned for every D).
import { readSource } from '../src/ingest/files/read';
import { isSizeSweep, withSizeSweep } from '../src/ingest/model/sizeSweep';
import type { SourceData } from '../src/ingest/model/model';
import { sliceMask, sweepSlicesOf } from '../src/ingest/model/sweepGroups';
import { CURVE_LAW_IDS } from '../src/core/laws/index';
import { BASELINES, evaluateCurve } from './realCurvesEval';

const METHODS = ['auto', ...CURVE_LAW_IDS, ...BASELINES];
const FILES = ['data/benchmark.lang.csv', 'data/trajectories/opt_trajectories.csv'];

async function main(): Promise<void> {
  for (const file of FILES) {
    const src = withSizeSweep(await readSource(file));
    for (const run of src.runs.filter(isSizeSweep)) {
      const s = run.series[0]!;
      const slices = sweepSlicesOf(s, 'params');
      for (const heldOut of [1, 2]) {
        const sums: Record<string, number[]> = Object.fromEntries(METHODS.map((m) => [m, []]));
        const chosen: string[] = [];
        let curves = 0;
        for (const slice of slices) {
          const mask = sliceMask(s, slice);
          const points = [...s.y.keys()].filter((i) => mask[i]).map((i) => ({ x: s.x.params![i]!, y: s.y[i]! }));
          if (points.length - heldOut < 3) continue;
          const out = evaluateCurve(points, (points.length - heldOut) / points.length, CURVE_LAW_IDS);
          curves++;
          chosen.push(out.auto ?? 'none');
          for (const m of METHODS) sums[m]!.push(out.rmsle[m] ?? NaN);
        }
        const mean = (v: number[]) => (v.some((x) => !Number.isFinite(x)) ? NaN : v.reduce((a, b) => a + b, 0) / v.length);
        const row = METHODS.map((m) => `${m} ${mean(sums[m]!).toFixed(4)}`).join(', ');
        console.log(`${run.name} [${s.key}], ${curves} values of D, largest ${heldOut} size(s) held out: ${row}`);
        console.log(`  auto chose: ${chosen.join(', ')}`);
      }
    }
  }
}

/** The naive build's work: copy each run's finite points, then scan all of them for each of 6 D values. */
function naiveBuild(src: SourceData): number {
  let acc = 0;
  for (const run of src.runs) {
    const s = run.series.find((v) => v.key === 'loss')!;
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < s.y.length; i++) if (Number.isFinite(s.x.tokens![i]!) && Number.isFinite(s.y[i]!)) (x.push(s.x.tokens![i]!), y.push(s.y[i]!));
    for (const d of [2e9, 5e9, 1e10, 2e10, 5e10, 1e11]) {
      const near: number[] = [];
      for (let i = 0; i < x.length; i++) if (x[i]! >= d / 1.05 && x[i]! <= d * 1.05) near.push(y[i]!);
      acc += near.sort((a, b) => a - b)[near.length >> 1] ?? 0;
    }
  }
  return acc;
}

function timing(): void {
  const n = 200_000;
  const runs = ['70m', '160m', '410m', '1b', '2.8b'].map((size) => {
    const step = Float64Array.from({ length: n }, (_, i) => i + 1);
    const tokens = Float64Array.from(step, (v) => v * 1e6);
    const y = Float64Array.from(step, (v) => 2 + 5 * v ** -0.3 * (1 + 0.05 * Math.sin(v)));
    return { name: `pythia-${size}`, origin: size, format: 'csv' as const, series: [{ key: 'loss', split: 'train' as const, x: { step, tokens }, y }] };
  });
  const src: SourceData = { format: 'csv', runs, warnings: [] };
  const best = (f: () => unknown) => Math.min(...[0, 1, 2].map(() => {
    const t = performance.now();
    f();
    return performance.now() - t;
  }));
  const ours = best(() => withSizeSweep(src));
  const naive = best(() => naiveBuild(src));
  console.log(`sweep across sizes, 5 runs × 200k steps: ${ours.toFixed(1)} ms per snapshot vs naive ${naive.toFixed(1)} ms (${(naive / ours).toFixed(1)}× faster; best of 3)`);
}

void main().then(timing);
