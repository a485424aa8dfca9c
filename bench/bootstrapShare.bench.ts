// The bootstraps of one curve's estimators, fitting each base law once per resample (shared) or
// each estimator on its own (an average refits its parts: Mix refits M3 and M4, auto's average
// its two or three laws), in the same run: the panel's default estimators plus auto's average of
// M2, M4 and BNSL-1, 40 resamples, on the first half of every curve of the real-curves corpus
// (log-x binned to 300 points, as analyzeCurve fits them). Both ways must give the same draws.
import { bootstrapCurve, type ResampleFits } from '../src/core/bootstrap';
import { logBinned } from '../src/core/fitCurve';
import { corpusCurves } from './realCurvesData';

const laws = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin', 'avg(m2+m4+bnsl-1)'];
let alone = 0;
let shared = 0;
let differ = 0;
const curves = corpusCurves();
for (const c of curves) {
  const half = c.points.slice(0, Math.ceil(c.points.length / 2));
  const { x, y } = logBinned(Float64Array.from(half, (p) => p.x), Float64Array.from(half, (p) => p.y), 300);
  const at = [x[x.length - 1]! * 2, x[x.length - 1]! * 10];
  const opts = { resamples: 40, seed: 1 };
  const fits: ResampleFits = new Map();
  for (const law of laws) {
    let t = performance.now();
    const a = bootstrapCurve(law, x, y, at, opts);
    alone += performance.now() - t;
    t = performance.now();
    const b = bootstrapCurve(law, x, y, at, { ...opts, shared: fits });
    shared += performance.now() - t;
    if (JSON.stringify(a) !== JSON.stringify(b)) differ++;
  }
}
console.log(`${curves.length} curves × ${laws.length} estimators × 40 resamples: each estimator alone ${(alone / 1000).toFixed(1)} s, base laws shared ${(shared / 1000).toFixed(1)} s (×${(alone / shared).toFixed(2)} faster); results differ in ${differ} of ${curves.length * laws.length}`);
