// The RNSL benchmark rows from the bundled CSV files, for the benches that replay it.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BenchmarkRow } from '../src/core/benchmark';

export function benchmarkRows(): BenchmarkRow[] {
  const out: BenchmarkRow[] = [];
  for (const file of ['data/benchmark.vision.csv', 'data/benchmark.lang.csv']) {
    const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    for (const r of records) {
      out.push({ domain: r.Domain, task: r.Task, model: r.Model, x: Number(r['Seen Examples']), y: Number(r.Loss), training: r.Training === '1' });
    }
  }
  return out;
}

/** Rows grouped into curves (Domain, Task, Model), in file order. */
export function benchmarkCurves(rows: readonly BenchmarkRow[]): BenchmarkRow[][] {
  const curves = new Map<string, BenchmarkRow[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.domain, r.task, r.model]);
    let g = curves.get(k);
    if (!g) curves.set(k, (g = []));
    g.push(r);
  }
  return [...curves.values()];
}
