// Exploration for issue 11's loose end: κ(0.8) under-covers the real-curve corpus. Reads a cache
// written by `npm run bench coverage -- --cache FILE` and compares, leave-one-set-out (κ and floor
// never fitted on the set reported), the shipped pooling (each curve weight 1) with each set
// weighted equally (each curve 1/curves-in-its-set), so the 92 RNSL curves do not set κ for all.
// Usage: npx tsx bench/coverageWeighting.ts FILE
import { readFileSync } from 'node:fs';
import { coverage, kappaFor, LEVELS, type Floor, type ScoredCurve } from './coverageScore';

const scored: Record<'auto' | 'm4', ScoredCurve[]> = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const METHODS = ['auto', 'm4'] as const;
const sets = [...new Set(scored.auto.map((c) => c.curve.set))];
const GRID: Floor[] = [0, 0.3, 0.5, 0.7, 1, 1.5].flatMap((share) => [0, 0.002, 0.004, 0.008].map((rate) => ({ rate, share })));
type Weighting = 'curve' | 'set';

function kappaWithout(leave: readonly string[], level: number, floor: Floor, wt: Weighting): number {
  const cs = METHODS.flatMap((m) => scored[m].filter((c) => !leave.includes(c.curve.set) && c.points.some((p) => p.sigma !== undefined)).map((c) => ({ c, m })));
  const count = (m: string, set: string): number => cs.filter((u) => u.m === m && u.c.curve.set === set).length;
  const weight = new Map(cs.map((u) => [u.c, wt === 'set' ? 1 / count(u.m, u.c.curve.set) : 1]));
  return kappaFor(cs.map((u) => u.c), floor, level, (c) => weight.get(c) ?? 0);
}
const inSet = (s: string): ScoredCurve[] => METHODS.flatMap((m) => scored[m].filter((c) => c.curve.set === s));
function looWorst(among: readonly string[], floor: Floor, wt: Weighting): number {
  let worst = 0;
  for (const s of among) {
    const leave = [...sets.filter((x) => !among.includes(x)), s];
    for (const l of LEVELS) worst = Math.max(worst, Math.abs(coverage(inSet(s), { kappa: kappaWithout(leave, l, floor, wt), floor, level: l }).coverage - l));
  }
  return worst;
}
function bestFloor(among: readonly string[], wt: Weighting): Floor {
  let best = GRID[0];
  let score = Infinity;
  for (const g of GRID) {
    const w = looWorst(among, g, wt);
    if (w < score - 1e-12) [best, score] = [g, w];
  }
  return best;
}
for (const wt of ['curve', 'set'] as const) {
  console.log(`\nweighting: each ${wt} equal`);
  const all = bestFloor(sets, wt);
  console.log(`  to ship: floor rate ${all.rate} share ${all.share}; κ ${[0.5, 0.8, 0.9, 0.95, 0.99].map((l) => `${l}: ${kappaWithout([], l, all, wt).toFixed(3)}`).join(', ')}`);
  for (const s of sets) {
    const floor = bestFloor(sets.filter((x) => x !== s), wt);
    const cells = LEVELS.map((l) => {
      const k = kappaWithout([s], l, floor, wt);
      const per = METHODS.map((m) => {
        const c = coverage(scored[m].filter((x) => x.curve.set === s), { kappa: k, floor, level: l });
        return `${m} ${c.coverage.toFixed(3)} (w ${c.width.toFixed(3)})`;
      });
      return `@${l} κ ${k.toFixed(3)}: ${per.join(', ')}`;
    });
    console.log(`  ${s.padEnd(14)} floor ${floor.rate}/${floor.share}  ${cells.join('  |  ')}`);
  }
}
