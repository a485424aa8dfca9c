// Exploration: per-step logs that start inside warmup (Mamba from step 4 at loss 21.8, K2 from
// 1.4e8 tokens at 7.2) give their first steps most of the log-x bins, so the fit weighs the warmup
// transient as much as the decades that matter for extrapolation. Rule measured: fit only the points
// with x ≥ x_max(fit) / R when the fit points span more than log10(R) decades (R = 1000, 300, 100),
// against the shipped behaviour, on every RNSL and corpus curve the rule changes (curves it does not
// change score the same by construction). Reads the bench records (AUTO_RULES_CACHE) for the
// untouched figures and recomputes the changed curves.
// Usage: AUTO_RULES_CACHE=FILE npx tsx bench/autoEarlyCut.ts
// Measured (one run, auto's held-out RMSLE on the changed curves, before → after): R = 1000 changes
// only K2 and Mamba: Mamba 50% 0.3134 → 0.3118, 25% 0.3204 → 0.3184, K2 50% +2.5%, 25% +10.7%.
// R = 300 adds 12 RNSL IC and 3 NMT curves (−0.9%, −7.1%): Mamba 50% 0.3097 (under the last value's
// 0.3116), but K2 25% 0.0395 → 0.0462 (+17%, over its best single law). R = 100: NMT +24%, K2 +9.7%.
// No R helps everywhere; nothing shipped.
import type { Point } from '../src/core/analysis';
import { domainSettings } from '../src/core/benchmark';
import { equal, loadTasks, record, rmsle, ruleScore, type CurveRecord } from './autoRecords';
import { shipped } from './autoShipped';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { corpusCurves } from './realCurvesData';

interface Job { task: string; index: number; points: Point[]; opts: Parameters<typeof record>[1]; fitMaxOf: (pts: Point[]) => number }
const jobs: Job[] = [];
const rnsl = benchmarkCurves(benchmarkRows());
for (const d of ['IC', 'NMT', 'LM', 'BB']) {
  rnsl.filter((g) => g[0].domain === d).forEach((g, index) => {
    const fitX = g.filter((r) => r.training).map((r) => r.x);
    jobs.push({ task: `RNSL ${d} Training`, index, points: g.map((r) => ({ x: r.x, y: r.y })), opts: { trainMask: g.map((r) => r.training), ...domainSettings(d) }, fitMaxOf: () => Math.max(...fitX) });
  });
}
const corpus = corpusCurves();
for (const frac of [0.5, 0.25]) {
  for (const set of [...new Set(corpus.map((c) => c.set))]) {
    corpus.filter((c) => c.set === set).forEach((c, index) => {
      const xs = [...new Set(c.points.map((p) => p.x))].sort((a, b) => a - b);
      const until = xs[Math.max(1, Math.floor(xs.length * frac)) - 1];
      jobs.push({ task: `${set} ${frac * 100}%`, index, points: c.points, opts: { fitUntil: until }, fitMaxOf: () => until });
    });
  }
}
const tasks = loadTasks();
const recOf = (task: string, i: number): CurveRecord => tasks.find((t) => `${t.set} ${t.split}` === task)!.recs[i];
const autoErr = (c: CurveRecord): number => ruleScore(c, equal(shipped)(c));

for (const R of [1000, 300, 100]) {
  const changed = new Map<string, { before: number; after: number; last: number }[]>();
  for (const j of jobs) {
    const top = j.fitMaxOf(j.points);
    const fitMin = Math.min(...j.points.filter((p) => p.x > 0 && p.x <= top).map((p) => p.x));
    if (!(top / fitMin > R)) continue;
    // the trimmed points are neither fitted nor scored: held-out points all lie past x_max(fit)
    const keep = j.points.map((p) => p.x >= top / R);
    const pts = j.points.filter((_, i) => keep[i]);
    const opts = j.opts && 'trainMask' in j.opts && j.opts.trainMask ? { ...j.opts, trainMask: j.opts.trainMask.filter((_, i) => keep[i]) } : j.opts;
    const before = recOf(j.task, j.index);
    const after = record(pts, opts);
    const list = changed.get(j.task) ?? [];
    list.push({ before: autoErr(before), after: autoErr(after), last: before.naive['last-value'] ? rmsle(before.naive['last-value']!, before.logY) : NaN });
    changed.set(j.task, list);
  }
  console.log(`\nR = ${R}: curves changed per task (auto held-out RMSLE before → after, last value)`);
  for (const [task, list] of changed) {
    const t = tasks.find((x) => `${x.set} ${x.split}` === task)!;
    console.log(`  ${task.padEnd(24)} ${String(list.length).padStart(3)} of ${t.recs.length}: ${list.map((v) => `${v.before.toFixed(4)}→${v.after.toFixed(4)} (last ${v.last.toFixed(4)})`).slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}`);
    const b = list.reduce((s, v) => s + v.before, 0) / list.length;
    const a = list.reduce((s, v) => s + v.after, 0) / list.length;
    console.log(`  ${''.padEnd(24)} mean over those: ${b.toFixed(5)} → ${a.toFixed(5)} (${((a / b - 1) * 100).toFixed(1)}%)`);
  }
}
