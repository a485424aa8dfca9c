// Long logs: a per-step loss log of 10k, 1M and 10M rows through what `fit` does (read the CSV by
// column + analyse with the default laws and auto) and through the panel's first paint (read via
// ingest + curve data + thinned, fit-free payload). Target: 1M rows within 10x the time of 10k
// rows, measured in this run; 10M bounded (time, peak memory reported). Baseline in the same run:
// fitting every point instead of the log-x summary (what the fit cost would be without it).
// Each case runs in its own process (cold, like a CLI call; peak RSS is its own).
// Env: BENCH_SCALE_MAX (default 10000000) caps the largest log, e.g. 1000000 for a quick run.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { scratchDir, writeStepCsv } from './stepCsvFile';

const MAX = Number(process.env.BENCH_SCALE_MAX ?? 10_000_000);
const dir = scratchDir('sl-bench-scale-');
const csv = (n: number): string => writeStepCsv(dir, n);

interface Result {
  runs: { phases: Record<string, number>; heapMB: Record<string, number>; check: string }[];
  peakRssMB: number;
}

function measure(mode: string, file: string, repeats: number): Result {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', 'bench/scaleCase.ts', mode, file, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${mode} ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sizes = [10_000, 1_000_000, 10_000_000].filter((n) => n <= MAX);
const files = new Map(sizes.map((n) => [n, csv(n)]));
console.log(`files: ${sizes.map((n) => `${n.toLocaleString('en')} rows ${(statSync(files.get(n)!).size / 2 ** 20).toFixed(1)} MB`).join(', ')}`);

console.log('\nfit (CLI path: read CSV by column + analyse, default laws, auto, target 10x) — cold process each, 3 runs');
const fitTotals = new Map<number, { cold: number; warm: number }>();
for (const n of sizes) {
  const r = measure('cli', files.get(n)!, n >= 10_000_000 ? 1 : 3);
  const totals = r.runs.map((x) => x.phases.total!);
  fitTotals.set(n, { cold: totals[0]!, warm: Math.min(...totals) });
  const last = r.runs[r.runs.length - 1]!;
  console.log(
    `  ${n.toLocaleString('en').padStart(10)} rows: first ${s(totals[0]!)} (read ${s(r.runs[0]!.phases.read!)}, fit ${s(r.runs[0]!.phases.fit!)}), best of ${totals.length} ${s(Math.min(...totals))};` +
      ` heap after read ${last.heapMB.afterRead!.toFixed(0)} MB, after fit ${last.heapMB.afterFit!.toFixed(0)} MB, peak RSS ${r.peakRssMB.toFixed(0)} MB — ${last.check}`,
  );
}
const small = fitTotals.get(10_000)!;
for (const n of sizes.filter((k) => k > 10_000)) {
  const big = fitTotals.get(n)!;
  console.log(`  ${n.toLocaleString('en')} / 10,000 rows: ×${(big.cold / small.cold).toFixed(2)} (first runs), ×${(big.warm / small.warm).toFixed(2)} (best runs)${n === 1_000_000 ? `  [target ≤ ×10: ${big.cold / small.cold <= 10 ? 'met' : 'MISSED'}]` : ''}`);
}

console.log('\nfit PATH on the same logs with an LR column (warmup + cosine), no --x/--y: read as a log, its warmup and schedule read off the LR — cold process each');
for (const n of sizes.filter((k) => k > 10_000)) {
  const r = measure('log', writeStepCsv(dir, n, true), 1);
  const x = r.runs[0]!;
  console.log(`  ${n.toLocaleString('en').padStart(10)} rows: ${s(x.phases.total!)} (read ${s(x.phases.read!)}, fit ${s(x.phases.fit!)}) vs ${s(fitTotals.get(n)!.cold)} without the LR column; peak RSS ${r.peakRssMB.toFixed(0)} MB — ${x.check}`);
}

console.log('\nbaseline: the same analysis fitting every point (no log-x summary), 10,000 rows');
{
  const r = measure('unbinned', files.get(10_000)!, 1);
  const x = r.runs[0]!;
  console.log(`  ${s(x.phases.fit!)} fit vs ${s(fitTotals.get(10_000)!.cold)} with the summary (incl. read) — ${x.check}`);
}

console.log('\npanel first paint (read via ingest + curve data + thinned chart + fit-free payload) — cold process, 2 runs');
for (const n of sizes.filter((k) => k <= 1_000_000 || k === MAX)) {
  const r = measure('panel', files.get(n)!, 2);
  const [a, b] = r.runs;
  console.log(
    `  ${n.toLocaleString('en').padStart(10)} points: first ${s(a!.phases.total!)} (read ${s(a!.phases.read!)}, view model ${s(a!.phases.viewModel!)}), second ${s(b!.phases.total!)};` +
      ` heap after read ${b!.heapMB.afterRead!.toFixed(0)} MB, after view model ${b!.heapMB.afterViewModel!.toFixed(0)} MB, peak RSS ${r.peakRssMB.toFixed(0)} MB — ${a!.check}`,
  );
}
