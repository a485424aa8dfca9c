// Wall time of the estimator core on the RNSL benchmark (92 curves), compared with the reference
// implementation's cost measured on these machines (estimators.md §6: 2,981 s for the 368 M1–M4
// fits, Python, unmodified authors' code). Reports ratios; no pass/fail.
import { runBenchmark, domainSettings } from '../src/core/benchmark';
import { fitMany } from '../src/core/fitMany';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';

const REFERENCE_M1_M4_SECONDS = 2981;

function time(label: string, f: () => void): number {
  const t = performance.now();
  f();
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(58)} ${s.toFixed(2)} s`);
  return s;
}

const data = benchmarkRows();
// fits only, no back-tests: the same work as the reference's 368 fits (one per curve and law)
const m14 = time('368 M1–M4 fits (92 curves, no back-tests)', () => {
  for (const g of benchmarkCurves(data)) {
    const fit = g.filter((r) => r.training);
    fitMany(['m1', 'm2', 'm3', 'm4'], { x: Float64Array.from(fit, (r) => r.x), y: Float64Array.from(fit, (r) => r.y) }, domainSettings(g[0].domain));
  }
});
const all = time('full benchmark: M1–M4, BNSL 0–3, mix, auto with back-tests', () => runBenchmark(data));
console.log(`reference M1–M4 (Python, same machines): ${REFERENCE_M1_M4_SECONDS} s`);
console.log(`speed-up, M1–M4 fits: ×${Math.round(REFERENCE_M1_M4_SECONDS / m14)}`);
console.log(`speed-up, whole benchmark incl. BNSL and auto vs reference M1–M4 alone: ×${Math.round(REFERENCE_M1_M4_SECONDS / all)}`);
