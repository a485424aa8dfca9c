// Approach 2 (IsoFLOP profiles) against Approach 3 (the fitted Chinchilla surface) on synthetic
// IsoFLOP sweeps whose true compute-optimal split is known: 5 budgets 6e18…6e20, 7 sizes each over
// a factor of 20, not centred on the optimum (shifted by up to ×1.35), 1% log-normal noise. Two
// truths: the published Chinchilla surface (Approach 3's own form) and the Kaplan et al. joint law
// L = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (not of that form). Scored at 10× and 100× the largest
// budget: median |ln(N_opt / truth)| and how often each one's 95% interval holds the truth; then
// how often each one's 95% and 80% intervals on N_opt (D_opt = C/6N_opt: the same coverage) hold
// the truth at each budget of the sweep and at 10×/100×, with their mean width ln(hi/lo), at 1%
// noise and (profiles only) at 0.3%. Nothing here was tuned; the figures are what each method gives.
// Beside the profiles' rows: ways of carrying the shape shift's own noise into the intervals,
// measured and not shipped (bench/isoflopShapeVariants.ts; their weights chosen on seeds 101–130).
//   npm run bench isoflop [-- --sweeps 30] [-- --first-seed 1] [-- --profiles-only]
import { optimalAllocation } from '../src/core/allocation';
import { chinchillaLoss, fitChinchilla, type ChinchillaParams } from '../src/core/laws/chinchilla';
import { fitIsoflop, isoflopAllocation } from '../src/core/isoflop';
import { bootstrapIsoflop, isoflopIntervals, type IsoflopDraw } from '../src/core/isoflopBootstrap';
import { mulberry32, normal } from '../src/core/random';
import { allocationIntervals, bootstrapChinchilla } from '../src/core/surfaceBootstrap';
import { bruteForceOptimalN } from '../test/unit/surfaces/synthetic';
import { variantIntervals, VARIANT_LABELS, type ShapeVariant } from './isoflopShapeVariants';
import { shapeShift } from '../src/core/isoflopShape';

const sweepsAt = process.argv.indexOf('--sweeps');
const SWEEPS = sweepsAt > 0 ? Number(process.argv[sweepsAt + 1]) : 30;
/** Seeds FIRST…FIRST+SWEEPS−1: the report's are 1…30, a constant is chosen on others (--first-seed 101). */
const firstAt = process.argv.indexOf('--first-seed');
const FIRST = firstAt > 0 ? Number(process.argv[firstAt + 1]) : 1;
const BUDGETS = [6e18, 2e19, 6e19, 2e20, 6e20];
const TARGETS = [6e21, 6e22];
const RESAMPLES = 100;
const SHIFT = !process.argv.includes('--no-shape');
/** Approach 2 alone, no outlier rule (~2 s CPU per 30 sweeps instead of ~20): for many seeds, e.g. --first-seed 201 --sweeps 300. */
const PROFILES_ONLY = process.argv.includes('--profiles-only');

const CHINCHILLA: ChinchillaParams = { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.33917, beta: 0.28491 };
/** Kaplan et al. (2020) joint law, refit values of the reference notes (α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13). */
const kaplan = (N: number, D: number): number => Math.pow(Math.pow(6.4e13 / N, 0.076 / 0.103) + 1.8e13 / D, 0.103);

interface Truth {
  readonly name: string;
  readonly loss: (N: number, D: number) => number;
}

const TRUTHS: Truth[] = [
  { name: 'Chinchilla surface', loss: (N, D) => chinchillaLoss(CHINCHILLA, N, D) },
  { name: 'Kaplan joint law', loss: kaplan },
];

/** The true N_opt(C): golden-section search of L(N, C/6N) over ln N (each valley is unimodal). */
const trueOptimum = (t: Truth, C: number): number => bruteForceOptimalN(t.loss, C, 1e3, C / 6 / 1e3);

function sweep(t: Truth, seed: number, noise = 0.01) {
  const u = mulberry32(seed);
  const z = normal(u);
  const N: number[] = [];
  const D: number[] = [];
  const loss: number[] = [];
  for (const C of BUDGETS) {
    const centre = trueOptimum(t, C) * Math.exp(0.6 * (u() - 0.5));
    for (let j = 0; j < 7; j++) {
      const n = centre * Math.exp(Math.log(20) * (j / 6 - 0.5));
      N.push(n);
      D.push(C / (6 * n));
      loss.push(t.loss(n, C / (6 * n)) * Math.exp(noise * z()));
    }
  }
  return { N, D, loss };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

// Coverage at every budget, inside the sweep and beyond it: a line's intervals can be right far out,
// where the slope's spread dominates, and too narrow inside, where only the vertices' own scatter shows.
const EVERY = [...BUDGETS, ...TARGETS];
const LEVELS = [0.95, 0.8];

interface Tally {
  cover: number[][];
  width: number[][];
}
const tally = (): Tally => ({ cover: LEVELS.map(() => EVERY.map(() => 0)), width: LEVELS.map(() => EVERY.map(() => 0)) });

function score(t: Tally, ivs: readonly (readonly { N: { lo: number; hi: number } }[])[], truths: readonly number[]): void {
  LEVELS.forEach((_, l) => {
    EVERY.forEach((_, k) => {
      const { lo, hi } = ivs[l]![k]!.N;
      if (lo <= truths[k]! && truths[k]! <= hi) t.cover[l]![k]!++;
      t.width[l]![k]! += Math.log(hi / lo);
    });
  });
}

function report(label: string, t: Tally): void {
  LEVELS.forEach((level, l) => {
    const cells = EVERY.map((_, k) => `${(t.cover[l]![k]! / SWEEPS).toFixed(2)} (${(t.width[l]![k]! / SWEEPS).toFixed(3)})`);
    console.log(`${label.padEnd(40)}${String(level).padEnd(6)}${cells.map((c) => c.padEnd(14)).join('')}`);
  });
}

/** The 1%-noise tallies at every budget, scored in the first pass's refits. */
const atOnePercent = new Map<string, { a2: Tally; a3: Tally; variants: Map<ShapeVariant, Tally> }>();

// The shape-shift variants not shipped (bench/isoflopShapeVariants.ts), scored on the same resamples.
const VARIANTS = Object.keys(VARIANT_LABELS) as ShapeVariant[];
function scoreVariants(tallies: Map<ShapeVariant, Tally>, data: ReturnType<typeof sweep>, iso: ReturnType<typeof fitIsoflop>, draws: readonly IsoflopDraw[], truths: readonly number[]): void {
  const gap = shapeShift(data, iso);
  for (const v of VARIANTS) {
    if (!tallies.has(v)) tallies.set(v, tally());
    score(tallies.get(v)!, LEVELS.map((level) => variantIntervals(v, draws, iso, gap, EVERY, level)), truths);
  }
}

for (const truth of TRUTHS) {
  const err = { a2: TARGETS.map(() => [] as number[]), a3: TARGETS.map(() => [] as number[]) };
  const cover = { a2: TARGETS.map(() => 0), a3: TARGETS.map(() => 0) };
  let secondsA2 = 0;
  let secondsA3 = 0;
  const every = { a2: tally(), a3: tally(), variants: new Map<ShapeVariant, Tally>() };
  atOnePercent.set(truth.name, every);
  const truthsEvery = EVERY.map((C) => trueOptimum(truth, C));
  for (let seed = FIRST; seed < FIRST + SWEEPS; seed++) {
    const data = sweep(truth, seed);
    const t0 = performance.now();
    const iso = fitIsoflop(data);
    const boot2 = bootstrapIsoflop(data, iso, { resamples: RESAMPLES, seed });
    const iv2 = isoflopIntervals(boot2.draws, iso, TARGETS, 0.95, SHIFT ? boot2.shapeShift : 0);
    const t1 = performance.now();
    secondsA2 += (t1 - t0) / 1e3;
    score(every.a2, LEVELS.map((level) => isoflopIntervals(boot2.draws, iso, EVERY, level, SHIFT ? boot2.shapeShift : 0)), truthsEvery);
    scoreVariants(every.variants, data, iso, boot2.draws, truthsEvery);
    TARGETS.forEach((C, k) => {
      const n = trueOptimum(truth, C);
      err.a2[k]!.push(Math.abs(Math.log(isoflopAllocation(iso, C).N / n)));
      if (iv2[k]!.N.lo <= n && n <= iv2[k]!.N.hi) cover.a2[k]!++;
    });
    if (PROFILES_ONLY) continue;
    const obs = { x: Float64Array.from(data.N), x2: Float64Array.from(data.D), y: Float64Array.from(data.loss) };
    const surface = fitChinchilla(obs).surface;
    const boot3 = bootstrapChinchilla(obs, surface, { resamples: RESAMPLES, seed });
    const iv3 = allocationIntervals(boot3.draws, TARGETS, 0.95, surface);
    secondsA3 += (performance.now() - t1) / 1e3;
    score(every.a3, LEVELS.map((level) => allocationIntervals(boot3.draws, EVERY, level, surface)), truthsEvery);
    TARGETS.forEach((C, k) => {
      const n = trueOptimum(truth, C);
      err.a3[k]!.push(Math.abs(Math.log(optimalAllocation(surface, C).N / n)));
      if (iv3[k]!.N.lo <= n && n <= iv3[k]!.N.hi) cover.a3[k]!++;
    });
  }
  console.log(`\n${truth.name}: ${SWEEPS} sweeps, N_opt at 10× / 100× the largest budget`);
  console.log('method                      median |ln N/N*|     95% interval covers   seconds');
  for (const [key, label, secs] of [['a2', 'Approach 2 (IsoFLOP)', secondsA2], ['a3', 'Approach 3 (surface)', secondsA3]] as const) {
    if (PROFILES_ONLY && key === 'a3') continue;
    const e = err[key].map((v) => median(v).toFixed(3)).join(' / ');
    const c = cover[key].map((v) => (v / SWEEPS).toFixed(2)).join(' / ');
    console.log(`${label.padEnd(28)}${e.padEnd(21)}${c.padEnd(22)}${secs.toFixed(1)}`);
  }
}

for (const truth of TRUTHS) {
  const truths = EVERY.map((C) => trueOptimum(truth, C));
  console.log(`\n${truth.name}: ${SWEEPS} sweeps (seeds ${FIRST}…${FIRST + SWEEPS - 1}), N_opt covered (mean width ln hi/lo) at ${EVERY.map((C) => C.toExponential(0)).join(' ')}`);
  const every = atOnePercent.get(truth.name)!;
  report('Approach 2 (profiles), noise 0.01', every.a2);
  for (const v of VARIANTS) report(`  ${VARIANT_LABELS[v]}`, every.variants.get(v)!);
  if (!PROFILES_ONLY) report('Approach 3 (surface), noise 0.01', every.a3);
  const a2 = tally();
  const variants = new Map<ShapeVariant, Tally>();
  for (let seed = FIRST; seed < FIRST + SWEEPS; seed++) {
    const data = sweep(truth, seed, 0.003);
    const iso = fitIsoflop(data);
    const boot2 = bootstrapIsoflop(data, iso, { resamples: RESAMPLES, seed });
    score(a2, LEVELS.map((level) => isoflopIntervals(boot2.draws, iso, EVERY, level, SHIFT ? boot2.shapeShift : 0)), truths);
    scoreVariants(variants, data, iso, boot2.draws, truths);
  }
  report('Approach 2 (profiles), noise 0.003', a2);
  for (const v of VARIANTS) report(`  ${VARIANT_LABELS[v]}`, variants.get(v)!);
}

// A run far above its valley (diverged, or a broken eval) left out or kept: how often the rule flags
// a clean sweep's runs, how often it finds one made 15% or 50% too high, and what N_opt at 100× the
// largest budget misses by with and without it (Chinchilla truth, 7 sizes per budget).
if (!PROFILES_ONLY) {
  const truth = TRUTHS[0]!;
  const target = TARGETS[1]!;
  const n = trueOptimum(truth, target);
  for (const noise of [0.005, 0.01, 0.02]) {
    let flaggedClean = 0;
    const found = { 1.15: 0, 1.5: 0 };
    const miss = { kept: [] as number[], left: [] as number[] };
    for (let seed = 1; seed <= SWEEPS * 4; seed++) {
      const clean = sweep(truth, seed, noise);
      flaggedClean += fitIsoflop(clean).budgets.filter((b) => b.outliers?.length).length;
      for (const factor of [1.15, 1.5] as const) {
        const u = mulberry32(1000 + seed);
        const bad = Math.floor(u() * clean.loss.length);
        const loss = clean.loss.map((y, i) => (i === bad ? y * factor : y));
        const left = fitIsoflop({ ...clean, loss });
        if (left.budgets.some((b) => b.outliers?.includes(bad))) found[factor]++;
        if (factor === 1.5) {
          miss.left.push(Math.abs(Math.log(isoflopAllocation(left, target).N / n)));
          miss.kept.push(Math.abs(Math.log(isoflopAllocation(fitIsoflop({ ...clean, loss }, { keepOutliers: true }), target).N / n)));
        }
      }
    }
    const sweeps = SWEEPS * 4;
    console.log(
      `\noutliers, noise ${noise}: flags ${(flaggedClean / (sweeps * BUDGETS.length)).toFixed(3)} of clean valleys; finds a run 15% too high in ${(found[1.15] / sweeps).toFixed(2)} of sweeps, 50% too high in ${(found[1.5] / sweeps).toFixed(2)};` +
        ` with one 50% too high, median |ln N/N*| at 100×: ${median(miss.left).toFixed(3)} left out vs ${median(miss.kept).toFixed(3)} kept`,
    );
  }
}
