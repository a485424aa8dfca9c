// auto averages its three best back-tests; M4 whose α has gone to 0 is M2 (same curve), so picking
// both gives that one form two votes of three. This scores skipping a candidate whose forecast
// (its log predictions past the fit points) is within τ of one already picked, taking the next.
// Usage: AUTO_RULES_CACHE=FILE npx tsx bench/autoDistinct.ts (AUTO_RULES_FRACS=0.35,0.65,0.8 with
// another cache file: every rule's figure at those prefixes, where none was chosen)
// Measured (one run): leave-one-set-out over RNSL and the corpus at 50%/25%, auto ÷ min(best single,
// last value, E+A·x^−a) is 1.0010 at τ = 0.0005 against 1.0096 shipped, but 1.0179 at τ = 0.0002 and
// 1.0214 at 0.001 (τ relative to the best back-test: 1.018–1.087), the same 5 misses: the gain
// is at one τ and gone at its neighbours, so it is noise. At 35/65/80% the τ = 0.0005 rule is better on 5
// of 15 set × prefix cells, worse on 4, the same on 6. Not shipped.
import { equal, looReport, loadTasks, ranked, taskFigures, topK, type Combiner, type CurveRecord, type Rule } from './autoRecords';
import { shipped, shippedScore } from './autoShipped';

const near = (c: CurveRecord, a: string, b: string, tau: number): boolean => {
  const p = c.logPred[a];
  const q = c.logPred[b];
  if (!p || !q || p.length === 0) return false;
  return p.every((v, i) => Math.abs(v - q[i]) < tau);
};

const distinct = (tauOf: (bestScore: number) => number): Rule => (c) => {
  const s = shippedScore(c);
  const order = ranked({ ...c, score: s });
  if (order.length === 0) return topK(3)(c);
  const tau = tauOf(s[order[0]]);
  const out: string[] = [];
  for (const id of order) {
    if (out.length === 3) break;
    if (!out.some((o) => near(c, o, id, tau))) out.push(id);
  }
  const best = s[order[0]];
  return !out.includes('flat') && s.flat <= 1.25 * best ? [...out, 'flat'] : out;
};

const rules: Record<string, Combiner> = { shipped: equal(shipped) };
for (const tau of [0.0002, 0.0005, 0.001]) rules[`distinct ${tau}`] = equal(distinct(() => tau));
for (const f of [0.05, 0.1, 0.2, 0.4]) rules[`distinct ${f}·best`] = equal(distinct((b) => f * b));
const tasks = loadTasks();
if (process.env.AUTO_RULES_FRACS) {
  // fixed rules on prefixes none was chosen on
  for (const t of tasks.filter((x) => !x.set.startsWith('RNSL'))) {
    const line = Object.entries(rules).map(([k, r]) => `${k} ${taskFigures(t, r).auto.toFixed(5)}`).join(' | ');
    const f = taskFigures(t, rules.shipped);
    console.log(`${t.set.padEnd(13)} ${t.split.padEnd(4)} best ${f.bestId} ${f.best.toFixed(5)} last ${f.last.toFixed(5)} E+A ${f.pl.toFixed(5)} || ${line}`);
  }
} else looReport(tasks, rules);
