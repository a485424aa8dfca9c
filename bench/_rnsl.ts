import { runBenchmark } from '/work/wt/auto/src/core/benchmark';
import { AUTO_CANDIDATES } from '/work/wt/auto/src/core/laws/index';
import { benchmarkRows } from '/work/wt/auto/bench/benchmarkRows';
const rep = runBenchmark(benchmarkRows(), { laws: ['m1', ...AUTO_CANDIDATES] });
for (const [d, s] of Object.entries(rep.domains)) console.log(d, 'auto', s.auto.meanRmsle.toFixed(5), 'M4', s.M4.meanRmsle.toFixed(5), 'MIX', s.MIX.meanRmsle.toFixed(5), 'BNSL-1', s['BNSL-1'].meanRmsle.toFixed(5));
