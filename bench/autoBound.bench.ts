// How far auto is from the best any choice among its candidates could do on the RNSL benchmark.
// Hindsight bounds, computed with the held-out points auto never sees: the best single candidate
// per curve, and the best geometric mean of up to three base candidates per curve. If a bound is
// above a target, no rule that picks or averages these fits can reach it; better fits are needed.
import { analyzeCurve } from '../src/core/analyze';
import { domainSettings } from '../src/core/benchmark';
import { AUTO_CANDIDATES } from '../src/core/laws/index';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';

const AUTO_TARGETS: Record<string, number> = { IC: 0.035, NMT: 0.018, LM: 0.0008, BB: 0.008 };
// averages are built from these (mix is the average of m3 and m4, so it is one of the subsets)
const BASE = AUTO_CANDIDATES.filter((id) => id !== 'mix');

function subsets<T>(items: readonly T[], maxSize: number): T[][] {
  const out: T[][] = [];
  const grow = (from: number, acc: T[]): void => {
    if (acc.length > 0) out.push([...acc]);
    if (acc.length === maxSize) return;
    for (let i = from; i < items.length; i++) grow(i + 1, [...acc, items[i]]);
  };
  grow(0, []);
  return out;
}

const rmsle = (logPred: readonly number[], logY: readonly number[]): number =>
  Math.sqrt(logPred.reduce((s, v, i) => s + (v - logY[i]) ** 2, 0) / logPred.length);

const sums = new Map<string, { auto: number; single: number; avg3: number; n: number }>();
for (const g of benchmarkCurves(benchmarkRows())) {
  const held = g.filter((r) => !r.training);
  const a = analyzeCurve(g, {
    laws: AUTO_CANDIDATES,
    trainMask: g.map((r) => r.training),
    targets: held.map((r) => r.x),
    ...domainSettings(g[0].domain),
  });
  const logY = held.map((r) => Math.log(r.y));
  const logPred = new Map(a.estimators.filter((e) => e.fit).map((e) => [e.law, e.predictions.map((p) => Math.log(p.y))]));
  const score = (ids: readonly string[]): number => {
    const parts = ids.map((id) => logPred.get(id));
    if (parts.some((p) => p === undefined)) return Infinity;
    return rmsle(logY.map((_, i) => parts.reduce((s, p) => s + p![i], 0) / parts.length), logY);
  };
  const s = sums.get(g[0].domain) ?? { auto: 0, single: 0, avg3: 0, n: 0 };
  s.auto += a.auto ? score([a.auto.law]) : NaN;
  s.single += Math.min(...AUTO_CANDIDATES.map((id) => score([id])));
  s.avg3 += Math.min(...subsets(BASE, 3).map(score));
  s.n++;
  sums.set(g[0].domain, s);
}
console.log('mean held-out RMSLE: auto vs hindsight bounds over its candidates (' + AUTO_CANDIDATES.join(', ') + ')');
console.log('domain  curves      auto  best-single  best-avg≤3    target');
for (const [d, s] of sums) {
  const f = (v: number): string => (v / s.n).toFixed(5).padStart(10);
  console.log(`${d.padEnd(6)} ${String(s.n).padStart(7)} ${f(s.auto)} ${f(s.single).padStart(12)} ${f(s.avg3).padStart(11)} ${AUTO_TARGETS[d]?.toFixed(4).padStart(9) ?? ''}`);
}
