// Sweeps across sizes built from sized runs (src/ingest/model/sizeSweep.ts): at each shared D,
// loss against N. Task: fit the smaller sizes, predict the largest one (and the two largest), score
// by RMSLE, for auto, every law and the two naive baselines (the largest fitted size's loss held;
// E + A·N^(−a)), on the bundled families: RNSL LM (5 sizes, val loss vs seen examples) and OPT
// (6 sizes, perplexity vs tokens). Nothing was tuned on this.
import { readSource } from '../src/ingest/files/read';
import { isSizeSweep, withSizeSweep } from '../src/ingest/model/sizeSweep';
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

void main();
