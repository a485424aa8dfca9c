// Should auto lean on a default law when its back-test has little evidence? On short prefixes auto
// loses to the naive E + A·x^−a (RNSL NMT 50%, LM 25%, BB 25% in `npm run bench realCurves`), each
// time averaging in laws (loglin, flat) whose back-test, on a few scored points, ranked them first.
// Each family below keeps the shipped rule where the back-test has evidence and otherwise uses a
// default D (M2, or E + A·x^−a fitted without weights, which BNSL-0 is), when:
//   few scored   the back-test's longest cut scored fewer than N points;
//   short curve  fewer than N points were back-tested;
//   within       D's back-test is within ratio r of the best one's (the gap is small for its noise);
//   paired       the per-cut differences between D's score and the best's are under m standard errors;
//   tied         (no default) laws within r of the best, or m of its per-cut standard errors, are
//                taken in the short-curve order (m2, m4, mix, …) rather than by score;
//   levels only  (no default) below N scored points, flat and loglin are not ranked;
//   reach        (needs the target: auto's choice would depend on where it predicts) the held-out
//                reach log(x_max held out / x_max fit) exceeds R, against the longest rehearsal's log 3.
// Each rule is scored leave-one-set-out: the rule (the shipped one on offer too) picked on the other
// sets' tasks (mean of auto ÷ min(best single, last value, E+A·x^−a)) is reported on the set left
// out. Tasks: bench/autoRecords.ts (RNSL Training, corpus 50% / 25%) and the RNSL prefixes of
// bench/realCurves.bench.ts (50% / 25%); sweeps of 2–6 sizes (bench/autoShort.bench.ts) and the
// prefixes 35% / 65% are checks no rule is picked on. Caches: AUTO_RULES_CACHE (autoRecords tasks),
// AUTO_SHORT_CACHE (RNSL prefixes, sweeps), AUTO_OFF_CACHE (35% / 65%: corpus and RNSL prefixes).
// FAMILY=<part of a name> runs those families only; RULE=<name> prints one rule on every task.
// Result (docs/estimates.md, *Measured and not shipped*): no rule fixes a losing cell held out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { MISSING_PENALTY } from '../src/core/backtest';
import { AUTO_CANDIDATES } from '../src/core/laws/index';
import { computeTasks, FALLBACK, loadTasks, reweighted, ruleScore, taskFigures, type Combiner, type CurveRecord, type Task } from './autoRecords';
import { augment, rnslPrefixTasks, scoredPoints, shippedAuto, sweepTasks } from './autoShortTasks';

const EA = 'E+A';
/** log predictions of the held-out points from weights over candidates (and 'E+A', the naive fit, or loglin2) */
function logPredOf(c: CurveRecord, w: Record<string, number>): number[] | null {
  const parts = Object.entries(w).filter(([id, v]) => v > 0 && (id === EA ? c.naive['E+A·x^-a'] : c.logPred[id]));
  if (parts.length === 0) return null;
  const tw = parts.reduce((s, [, v]) => s + v, 0);
  return c.logY.map((_, i) => parts.reduce((s, [id, v]) => s + v * (id === EA ? c.naive['E+A·x^-a']! : c.logPred[id])[i], 0) / tw);
}
const asCombiner = (f: (c: CurveRecord) => Record<string, number>): Combiner => (c) => {
  const w = f(c);
  const lp = logPredOf(c, w);
  return lp ? { logPred: lp } : shippedAuto(c);
};
const shipped = (c: CurveRecord): Record<string, number> => shippedAuto(c) as Record<string, number>;
/** the scores auto ranks by: cuts even below 50 back-tested points */
const scores = (c: CurveRecord): Record<string, number> => (c.btX.length < 50 ? reweighted(c, [1, 1, 1]) : c.score);
const has = (c: CurveRecord, d: string): boolean => (d === EA ? !!c.naive['E+A·x^-a'] : d in c.logPred);
const finiteIds = (s: Record<string, number>): string[] => Object.keys(s).filter((id) => Number.isFinite(s[id])).sort((a, b) => s[a] - s[b]);

/** D alone (or joining the shipped average) when `weak`, the shipped rule otherwise */
const lean = (d: string, weak: (c: CurveRecord) => boolean, join = false) => asCombiner((c) => {
  const s = shipped(c);
  if (finiteIds(scores(c)).length === 0 || !has(c, d) || !weak(c)) return s;
  return join ? { ...s, [d]: 1 } : { [d]: 1 };
});
/** D's back-test within ratio r of the best (D = E+A is not back-tested: M2's back-test stands for it) */
const withinRatio = (r: number) => (c: CurveRecord): boolean => {
  const s = scores(c);
  const best = finiteIds(s)[0];
  return best !== undefined && Number.isFinite(s.m2) && s.m2 <= r * s[best];
};
/** per-cut differences M2 − best (a missing cut charged as core/backtest.ts does) under m standard errors */
const pairedWithin = (m: number) => (c: CurveRecord): boolean => {
  const s = scores(c);
  const best = finiteIds(s)[0];
  if (best === undefined || !c.perCut.m2) return false;
  if (best === 'm2') return true;
  const ids = Object.keys(c.perCut);
  const nc = Math.max(...ids.map((id) => c.perCut[id].length));
  const d: number[] = [];
  for (let k = 0; k < nc; k++) {
    const worst = Math.max(...ids.map((id) => c.perCut[id][k] ?? -Infinity));
    if (!Number.isFinite(worst)) continue;
    const v = (id: string): number => c.perCut[id][k] ?? MISSING_PENALTY * worst;
    d.push(v('m2') - v(best));
  }
  if (d.length < 2) return true; // one cut: no spread to judge the gap by
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
  return mean <= m * (sd / Math.sqrt(d.length));
};
/** the shipped rule with flat and loglin not ranked when `weak` */
const levelsOnly = (weak: (c: CurveRecord) => boolean) => asCombiner((c) => {
  if (!weak(c)) return shipped(c);
  const s = scores(c);
  const r = finiteIds(s).filter((id) => id !== 'flat' && id !== 'loglin');
  return r.length > 0 ? Object.fromEntries(r.slice(0, 3).map((id) => [id, 1])) : shipped(c);
});

/**
 * Laws the back-test cannot tell apart from the best (score within ratio r of it, or under the best
 * law's own per-cut standard error times m) are taken in the fixed short-curve order
 * (SHORT_CURVE_FALLBACK: m2, m4, mix, bnsl-1, m3, loglin, flat) instead of by score; the top 3 so.
 */
const tiedInOrder = (tied: (c: CurveRecord, s: Record<string, number>, best: string) => (id: string) => boolean, weak: (c: CurveRecord) => boolean = () => true) =>
  asCombiner((c) => {
    const s = scores(c);
    const r = finiteIds(s);
    if (r.length < 2 || !weak(c)) return shipped(c);
    const isTied = tied(c, s, r[0]);
    const t = FALLBACK.filter((id) => r.includes(id) && isTied(id));
    const parts = [...t, ...r.filter((id) => !t.includes(id))].slice(0, 3);
    return Object.fromEntries(parts.map((id) => [id, 1]));
  });
const byRatio = (k: number) => (_c: CurveRecord, s: Record<string, number>, best: string) => (id: string): boolean => s[id] <= k * s[best];
const bySE = (m: number) => (c: CurveRecord, s: Record<string, number>, best: string) => {
  const v = c.perCut[best].filter((x): x is number => x !== null);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const se = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1) / v.length) : mean;
  return (id: string): boolean => s[id] <= s[best] + m * se;
};
const few = (n: number) => (c: CurveRecord): boolean => scoredPoints(c) < n;
const shortCurve = (n: number) => (c: CurveRecord): boolean => c.btX.length < n;
const farReach = (r: number) => (c: CurveRecord): boolean => Number.isFinite(c.reach) && c.reach > r;
const SHIPPED = 'shipped';
const grid = <T,>(name: string, values: readonly T[], make: (v: T) => Combiner): Record<string, Combiner> =>
  Object.fromEntries(values.map((v) => [`${name}${v}`, make(v)]));
const FAMILIES: Record<string, Record<string, Combiner>> = {
  'few scored → M2': grid('m2 if scored<', [2, 3, 4, 5, 6, 8, 10], (n) => lean('m2', few(n))),
  'few scored → E+A': grid('E+A if scored<', [2, 3, 4, 5, 6, 8, 10], (n) => lean(EA, few(n))),
  'few scored, M2 joins': grid('+m2 if scored<', [3, 5, 8, 10], (n) => lean('m2', few(n), true)),
  'few scored, E+A joins': grid('+E+A if scored<', [3, 5, 8, 10], (n) => lean(EA, few(n), true)),
  'short curve → M2': grid('m2 if n<', [6, 8, 10, 12, 16, 20], (n) => lean('m2', shortCurve(n))),
  'short curve → E+A': grid('E+A if n<', [6, 8, 10, 12, 16, 20], (n) => lean(EA, shortCurve(n))),
  'M2 within r of best → M2': grid('m2 if ≤', [1.1, 1.25, 1.5, 2, 3], (r) => lean('m2', withinRatio(r))),
  'M2 within r of best → E+A': grid('E+A if m2≤', [1.1, 1.25, 1.5, 2, 3], (r) => lean(EA, withinRatio(r))),
  'M2 within r, few scored → E+A': Object.fromEntries(
    [1.25, 1.5, 2, 3].flatMap((r) => [5, 10].map((n) => [`E+A if m2≤${r} & scored<${n}`, lean(EA, (c) => few(n)(c) && withinRatio(r)(c))])),
  ),
  'paired: M2 − best under m SE → M2': grid('m2 if paired<', [0, 0.5, 1, 2], (m) => lean('m2', pairedWithin(m))),
  'paired: M2 − best under m SE → E+A': grid('E+A if paired<', [0, 0.5, 1, 2], (m) => lean(EA, pairedWithin(m))),
  'tied (within r) → short-curve order': grid('order if ≤', [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.75, 1.8, 1.9, 2], (k) => tiedInOrder(byRatio(k))),
  'tied (within m SE) → short-curve order': grid('order if SE·', [0.5, 1, 2], (m) => tiedInOrder(bySE(m))),
  'tied, few scored → short-curve order': Object.fromEntries(
    [1.25, 1.5, 2].flatMap((k) => [5, 10].map((n) => [`order if ≤${k} & scored<${n}`, tiedInOrder(byRatio(k), few(n))])),
  ),
  'levels only when few scored': grid('levels if scored<', [3, 5, 8, 10, 20, 1e9], (n) => levelsOnly(few(n))),
  'reach → M2 (target-dependent)': grid('m2 if reach>', [1.2, 1.6, 2, 3], (r) => lean('m2', farReach(r))),
  'reach → E+A (target-dependent)': grid('E+A if reach>', [1.2, 1.6, 2, 3], (r) => lean(EA, farReach(r))),
  'reach → levels only (target-dependent)': grid('levels if reach>', [1.2, 1.6, 2, 3], (r) => levelsOnly(farReach(r))),
};

// ---- tasks ------------------------------------------------------------------------------------
const main: Task[] = [...loadTasks(), ...rnslPrefixTasks()].map((t) => ({ ...t, recs: t.recs.map(augment) }));
const sweeps: Task[] = sweepTasks().map((t) => ({ ...t, recs: t.recs.map(augment) }));
function offTasks(): Task[] {
  const file = process.env.AUTO_OFF_CACHE;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Task[];
  const out = [...computeTasks([0.35, 0.65], false), ...rnslPrefixTasks([0.35, 0.65], '')];
  if (file) writeFileSync(file, JSON.stringify(out));
  return out;
}
const off: Task[] = offTasks().map((t) => ({ ...t, recs: t.recs.map(augment) }));
const sets = [...new Set(main.map((t) => t.set))];

// ---- scoring ----------------------------------------------------------------------------------
type Figures = ReturnType<typeof taskFigures>;
const figs = new Map<string, Figures>();
const key = (t: Task): string => `${t.set}|${t.split}`;
function fig(t: Task, name: string, rule: Combiner): Figures {
  const k = `${key(t)}|${name}`;
  if (!figs.has(k)) figs.set(k, taskFigures(t, rule, false));
  return figs.get(k)!;
}
const ratio = (f: Figures): number => f.auto / Math.min(f.best, f.last, f.pl);
const lossOver = (ts: readonly Task[], name: string, rule: Combiner): number => {
  const v = ts.map((t) => ratio(fig(t, name, rule))).filter(Number.isFinite);
  return v.reduce((s, x) => s + x, 0) / v.length;
};
/** per task: the change in mean held-out RMSLE against the shipped rule, with its standard error over the curves (paired; the curves taskFigures averages) */
function change(t: Task, name: string, rule: Combiner): { pct: number; se: number } {
  const base = fig(t, SHIPPED, asCombiner(shipped));
  const ok = t.recs.filter((c) => AUTO_CANDIDATES.every((id) => id in c.logPred) && c.logY.length > 0 && c.naive['E+A·x^-a'] && c.naive['last-value']);
  const use = ok.length > 0 ? ok : t.recs.filter((c) => c.logY.length > 0);
  const d = use.map((c) => ruleScore(c, rule(c)) - ruleScore(c, shippedAuto(c)));
  const mean = d.reduce((s, x) => s + x, 0) / Math.max(1, d.length);
  const sd = d.length > 1 ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1)) : 0;
  return { pct: (100 * (fig(t, name, rule).auto - base.auto)) / base.auto, se: (100 * sd) / Math.sqrt(Math.max(1, d.length)) / base.auto };
}
const v5 = (x: number): string => (Number.isFinite(x) ? x.toFixed(5) : '—'.padEnd(7));

function report(family: string, rules: Record<string, Combiner>): void {
  const all: Record<string, Combiner> = { [SHIPPED]: asCombiner(shipped), ...rules };
  const names = Object.keys(all);
  const picks = new Map<string, string>();
  for (const set of sets) {
    const others = main.filter((t) => t.set !== set);
    picks.set(set, [...names].sort((a, b) => lossOver(others, a, all[a]) - lossOver(others, b, all[b]))[0]);
  }
  const loo = (ts: readonly Task[]): number => {
    const v = ts.map((t) => ratio(fig(t, picks.get(t.set)!, all[picks.get(t.set)!]))).filter(Number.isFinite);
    return v.reduce((s, x) => s + x, 0) / v.length;
  };
  const count = new Map<string, number>();
  for (const r of picks.values()) count.set(r, (count.get(r) ?? 0) + 1);
  console.log(`\n===== ${family} =====`);
  console.log(`folds picking: ${[...count].map(([r, n]) => `${r} ${n}/${sets.length}`).join('; ')}`);
  console.log(`all-sets ratio, each set scored by the rule the other sets picked: ${loo(main).toFixed(4)} (shipped ${lossOver(main, SHIPPED, all[SHIPPED]).toFixed(4)}); ` +
    `sweeps ${loo(sweeps).toFixed(4)} (${lossOver(sweeps, SHIPPED, all[SHIPPED]).toFixed(4)}); 35%/65% ${loo(off).toFixed(4)} (${lossOver(off, SHIPPED, all[SHIPPED]).toFixed(4)})`);
  console.log(`  every rule over all sets (not an honest figure): ${names.map((n) => `${n} ${lossOver(main, n, all[n]).toFixed(4)}`).join(', ')}`);
  const rows = (ts: readonly Task[], label: string): void => {
    for (const t of ts) {
      const r = picks.get(t.set)!;
      const [f, s] = [fig(t, r, all[r]), fig(t, SHIPPED, all[SHIPPED])];
      const ch = r === SHIPPED ? { pct: 0, se: 0 } : change(t, r, all[r]);
      const beats = f.auto <= f.pl && f.auto <= f.last ? '' : f.auto > f.pl ? ' loses to E+A' : ' loses to last';
      const moved = Math.abs(ch.pct) > 2 * ch.se && Math.abs(ch.pct) >= 1 ? (ch.pct > 0 ? ' WORSE' : ' better') : '';
      console.log(`  ${label.padEnd(6)} ${t.set.padEnd(13)} ${t.split.padEnd(9)} ${String(f.n).padStart(3)}  ${r.slice(0, 28).padEnd(28)} ${v5(f.auto)} ${v5(s.auto)} ${`${ch.pct >= 0 ? '+' : ''}${ch.pct.toFixed(1)}±${ch.se.toFixed(1)}%`.padStart(12)}  E+A ${v5(f.pl)} last ${v5(f.last)} best ${v5(f.best)} ${f.bestId}${beats}${moved}`);
    }
  };
  console.log(`  tasks   set           split     n   rule (picked on the other sets)  LOSO    shipped   change±se   `);
  rows(main, 'main');
  if (process.env.SHOW_CHECKS) {
    rows(sweeps, 'sweep');
    rows(off, 'off');
  } else {
    const moved = (ts: readonly Task[]): string => ts.map((t) => {
      const r = picks.get(t.set)!;
      if (r === SHIPPED) return '';
      const ch = change(t, r, all[r]);
      return Math.abs(ch.pct) > 2 * ch.se && Math.abs(ch.pct) >= 1 ? `${t.set} ${t.split} ${ch.pct > 0 ? '+' : ''}${ch.pct.toFixed(1)}%` : '';
    }).filter(Boolean).join(', ') || 'none';
    console.log(`  checks (SHOW_CHECKS=1 for rows): sweeps moved beyond 2 se: ${moved(sweeps)}; 35%/65% moved: ${moved(off)}`);
  }
}

console.log(`tasks: ${main.length} picked on (${sets.length} sets), ${sweeps.length} sweeps and ${off.length} at 35%/65% as checks`);
const only = process.env.FAMILY;
for (const [name, rules] of Object.entries(FAMILIES)) if (!only || name.includes(only)) report(name, rules);
// RULE=<name>: that rule's figures on every task, against the shipped rule (not a held-out figure)
const named = process.env.RULE ? Object.values(FAMILIES).map((f) => f[process.env.RULE!]).find(Boolean) : undefined;
if (named) {
  console.log(`\n${process.env.RULE} on every task (ratio = auto ÷ min(best single, last value, E+A)):`);
  for (const t of [...main, ...sweeps, ...off]) {
    const [f, s] = [fig(t, process.env.RULE!, named), fig(t, SHIPPED, asCombiner(shipped))];
    const ch = change(t, process.env.RULE!, named);
    console.log(`  ${t.set.padEnd(13)} ${t.split.padEnd(9)} ${v5(f.auto)} ${v5(s.auto)} ratio ${ratio(f).toFixed(3)} vs ${ratio(s).toFixed(3)}  ${ch.pct >= 0 ? '+' : ''}${ch.pct.toFixed(1)}±${ch.se.toFixed(1)}%`);
  }
}
