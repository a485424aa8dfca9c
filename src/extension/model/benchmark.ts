// Scores estimators across many curves the way the RNSL benchmark does: each curve is fitted on
// its Training points and scored (RMSLE) on the held-out rest; per estimator we report the mean,
// the median and how often it was best, plus the back-tested `auto` choice — over all curves and,
// when the curves carry a domain (IC, NMT, …), per domain as the paper and the CLI report them. Pure.
import type { CurveAnalysis } from '../../core/analysis';
import type { BenchmarkGroup, BenchmarkRow, BenchmarkView } from '../../shared/protocol';

/** One benchmark curve's analysis and the domain it belongs to, if the source names one. */
export interface ScoredCurve {
  readonly analysis: CurveAnalysis;
  readonly group?: string;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function summarize(name: string, analyses: readonly CurveAnalysis[], nameOf: (law: string) => string): BenchmarkGroup {
  const scores = new Map<string, number[]>();
  const wins = new Map<string, number>();
  const auto: number[] = [];
  for (const a of analyses) {
    let best: { law: string; rmsle: number } | undefined;
    for (const e of a.estimators) {
      const r = e.heldOut?.rmsle;
      if (r === undefined || !Number.isFinite(r) || !e.fit) continue;
      if (a.auto?.law === e.law) auto.push(r);
      // auto's average of its best laws ('avg(…)') differs per curve: it is scored as auto only
      if (e.law.startsWith('avg(')) continue;
      if (!best || r < best.rmsle) best = { law: e.law, rmsle: r };
      (scores.get(e.law) ?? scores.set(e.law, []).get(e.law)!).push(r);
    }
    if (best) wins.set(best.law, (wins.get(best.law) ?? 0) + 1);
  }
  const rows: BenchmarkRow[] = [...scores.entries()]
    .map(([law, v]) => {
      const sorted = v.slice().sort((x, y) => x - y);
      return { law, name: nameOf(law), curves: v.length, meanRmsle: mean(v), medianRmsle: median(sorted), wins: wins.get(law) ?? 0 };
    })
    .sort((x, y) => x.meanRmsle - y.meanRmsle);
  const autoSorted = auto.slice().sort((x, y) => x - y);
  return {
    name,
    curves: analyses.length,
    rows,
    ...(auto.length > 0 ? { auto: { curves: auto.length, meanRmsle: mean(auto), medianRmsle: median(autoSorted) } } : {}),
  };
}

export function summarizeBenchmark(
  file: string,
  scored: readonly ScoredCurve[],
  nameOf: (law: string) => string,
  seconds: number,
  cancelled: boolean,
): BenchmarkView {
  const all = summarize('all curves', scored.map((s) => s.analysis), nameOf);
  const names = [...new Set(scored.map((s) => s.group).filter((g): g is string => g !== undefined))];
  // one domain is the whole table again; curves without a domain would fall out of every group
  const grouped = names.length > 1 && scored.every((s) => s.group !== undefined);
  const groups = grouped ? names.map((g) => summarize(g, scored.filter((s) => s.group === g).map((s) => s.analysis), nameOf)) : [];
  return { file, curves: all.curves, rows: all.rows, ...(all.auto ? { auto: all.auto } : {}), groups, seconds, cancelled };
}
