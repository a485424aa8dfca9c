// Wall time of the estimator core on the RNSL benchmark (92 curves), compared with the reference
// implementation's cost measured on these machines (estimators.md §6: 2,981 s for the 368 M1–M4
// fits, Python, unmodified authors' code). Reports ratios; no pass/fail.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { runBenchmark, type BenchmarkRow } from '../src/core/benchmark';
import { fitMany } from '../src/core/fitMany';

const REFERENCE_M1_M4_SECONDS = 2981;

function rows(): BenchmarkRow[] {
  const out: BenchmarkRow[] = [];
  for (const file of ['data/benchmark.vision.csv', 'data/benchmark.lang.csv']) {
    const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    for (const r of records) {
      out.push({ domain: r.Domain, task: r.Task, model: r.Model, x: Number(r['Seen Examples']), y: Number(r.Loss), training: r.Training === '1' });
    }
  }
  return out;
}

function time(label: string, f: () => void): number {
  const t = performance.now();
  f();
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(58)} ${s.toFixed(2)} s`);
  return s;
}

const data = rows();
// fits only, no back-tests: the same work as the reference's 368 fits (one per curve and law)
const curves = new Map<string, BenchmarkRow[]>();
for (const r of data) {
  const k = `${r.domain}|${r.task}|${r.model}`;
  curves.set(k, [...(curves.get(k) ?? []), r]);
}
const m14 = time('368 M1–M4 fits (92 curves, no back-tests)', () => {
  for (const g of curves.values()) {
    const fit = g.filter((r) => r.training);
    const ub = g[0].domain === 'IC' || g[0].domain === 'BB' ? 1 : undefined;
    fitMany(['m1', 'm2', 'm3', 'm4'], { x: Float64Array.from(fit, (r) => r.x), y: Float64Array.from(fit, (r) => r.y) }, { upperBound: ub });
  }
});
const all = time('full benchmark: M1–M4, BNSL 0–3, mix, auto with back-tests', () => runBenchmark(data));
console.log(`reference M1–M4 (Python, same machines): ${REFERENCE_M1_M4_SECONDS} s`);
console.log(`speed-up, M1–M4 fits: ×${Math.round(REFERENCE_M1_M4_SECONDS / m14)}`);
console.log(`speed-up, whole benchmark incl. BNSL and auto vs reference M1–M4 alone: ×${Math.round(REFERENCE_M1_M4_SECONDS / all)}`);
