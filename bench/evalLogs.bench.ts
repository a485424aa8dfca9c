// Auto on eval logs (bench/evalLogRuns.ts): fit the first 25 / 50 / 75% of each run's evals, the
// logged warmup left out as the product does, score the rest by held-out RMSLE; beside the last
// value held flat and E + A·x^(−a) fitted on the points after the warmup (fitted on every point
// too, as a user who does not drop the warmup would). Split by how many fit points follow the
// warmup, since short logs are where auto's back-tests have least to go on.
// Usage: npm run bench evalLogs [-- --dev] (default: the report seeds; choose rules on --dev only)
// Measured (one run each; auto | last value | E+A after the warmup | best single law):
// eval, 60 report runs: 25% 0.0298 | 0.0890 | 0.0402 | m3 0.0352; 50% 0.0162 | 0.0407 | 0.0205 |
// loglin 0.0160; 75% 0.0165 | 0.0236 | 0.0181 | loglin 0.0156. On the dev runs, fitting from the
// warmup's end with 5 or 4 points after it (MIN_AFTER_WARMUP 10 → 5, 4) made 25% worse, 0.0351 →
// 0.0358, 0.0364. Per-step (--train), 40 report runs: 25% 0.0794 | 0.1096 | 0.4562 | bnsl-0 0.0744;
// 50% 0.0648 | 0.0806 | 0.0694 | m4 0.0590; 75% 0.0538 | 0.0651 | 0.0583 | bnsl-1 0.0530 (the cliff
// rule, core/cliff.ts, left out 2 laws at 25% and moved no figure; on the dev runs at 25% it took
// auto from 0.2188 to 0.0684).
import { CURVE_LAW_IDS } from '../src/core/laws/index';
import { warmupEnd } from '../src/core/warmup';
import { evalLogRuns, runPoints } from './evalLogRuns';
import { evaluateCurve, naivePowerLaw } from './realCurvesEval';

const split = process.argv.includes('--dev') ? 'dev' : 'report';
const N = Number(process.env.RUNS ?? 60);
const kind = process.argv.includes('--train') ? 'train' : 'eval';
const runs = evalLogRuns(split, N, kind);
const rmsle = (pred: readonly number[], y: readonly number[]): number => Math.sqrt(pred.reduce((s, p, i) => s + (Math.log(p) - Math.log(y[i]!)) ** 2, 0) / pred.length);
const METHODS = ['auto', 'best single', 'last value', 'E+A after warmup', 'E+A all points'] as const;
type Row = Record<(typeof METHODS)[number], number> & { nAfter: number };

console.log(`# ${kind} logs, ${split} split, ${N} runs`);
for (const frac of [0.25, 0.5, 0.75]) {
  const rows: Row[] = [];
  const perLaw: Record<string, number[]> = {};
  const choices = new Map<string, number>();
  let cliffs = 0;
  for (const r of runs) {
    const points = runPoints(r);
    const fitFrom = warmupEnd(r.steps, r.lr);
    const o = evaluateCurve(points, frac, CURVE_LAW_IDS, fitFrom !== undefined ? { fitFrom } : {});
    if (o.rmsle.auto === null || o.nHeldOut === 0) continue;
    cliffs += o.warnings.filter((w) => w.includes(' left out of auto: past the data')).length;
    const cut = points[o.nFit - 1]!.x;
    const after = points.filter((p) => p.x <= cut && (fitFrom === undefined || p.x >= fitFrom));
    const held = points.filter((p) => p.x > cut);
    const plAfter = after.length >= 3 ? naivePowerLaw(after) : null;
    const law = (id: string): number => o.rmsle[id] ?? Infinity;
    for (const id of CURVE_LAW_IDS) (perLaw[id] ??= []).push(law(id));
    const key = (o.auto ?? 'none').replace(/\(.*\)/, '(…)') === 'avg(…)' ? `avg of ${(o.auto!.match(/\+/g)?.length ?? 0) + 1}` : o.auto!;
    choices.set(key, (choices.get(key) ?? 0) + 1);
    rows.push({
      nAfter: after.length,
      auto: o.rmsle.auto,
      'best single': NaN,
      'last value': o.rmsle['last-value'] ?? Infinity,
      'E+A after warmup': plAfter ? rmsle(held.map((p) => plAfter(p.x)), held.map((p) => p.y)) : Infinity,
      'E+A all points': o.rmsle['E+A·x^-a'] ?? Infinity,
    });
  }
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`\n## first ${frac * 100}% fitted (${rows.length} runs); auto chose: ${[...choices].map(([k, v]) => `${k} ${v}`).join(', ')}; laws left out of auto as cliffs: ${cliffs}`);
  for (const [label, keep] of [['≤ 10 fit points after the warmup', (r: Row) => r.nAfter <= 10], ['> 10', (r: Row) => r.nAfter > 10], ['all', () => true]] as const) {
    const idx = rows.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const laws = CURVE_LAW_IDS.map((id) => ({ id, m: mean(idx.map((i) => perLaw[id]![i]!)) })).filter((l) => Number.isFinite(l.m)).sort((a, b) => a.m - b.m);
    const cells = METHODS.map((m) => (m === 'best single' ? `${laws[0]?.id ?? '—'} ${(laws[0]?.m ?? NaN).toFixed(4)}` : `${m} ${mean(idx.map((i) => rows[i]![m])).toFixed(4)}`));
    const beats = idx.filter((i) => rows[i]!.auto <= Math.min(rows[i]!['last value'], rows[i]!['E+A after warmup'])).length;
    console.log(`${label} (${idx.length}): ${cells.join(' | ')} | auto ≤ both baselines on ${beats}`);
  }
}
