// Which N–D surface law a sweep's own largest runs back the Plan's Chinchilla surface against: every
// law that can be fitted to the sweep back-tested on one cut (core/surfaceBackTest.ts), and, when
// one does clearly better, its plan at the budget beside Chinchilla's. On OPT's checkpoints
// kaplan-nd's surface back-tests 1.6–12× better than Chinchilla's (bench/surfaceBackTest.bench.ts);
// a user planning on such a sweep is told. Pure.
import type { Allocation } from './allocation';
import { kaplanComputeForLoss, kaplanFrontier, kaplanOptimalAllocation } from './kaplanAllocation';
import { largestRunFlops } from './beyondSweep';
import { fitSweepSurface, type SweepFitOptions } from './sweepSurface';
import { BACKTEST_FIT, sweepBackTests, type SurfaceBackTest, type SurfaceBackTestResult } from './surfaceBackTest';
import { formatPercent } from './units';
import { oneLineDesign } from './surfaceDesign';
import type { Observations, Params } from './types';

/**
 * "Clearly better" than Chinchilla: a mean back-test error under this share of Chinchilla's, on at
 * least CLEARLY_BETTER_HELD_RUNS held-out runs. Stated bounds, not tuned on any bench: half is a
 * factor of 2, past the scatter of one cut's errors, and 3 runs are more than an anecdote.
 */
export const CLEARLY_BETTER_ERROR_SHARE = 0.5;
export const CLEARLY_BETTER_HELD_RUNS = 3;

/** A surface law's plans: its split of a budget, its frontier of budgets, the least compute to reach a loss. */
export interface SurfacePlanner {
  readonly optimal: (params: Params, flops: number) => Allocation;
  readonly frontier: (params: Params, fromFlops: number, toFlops: number, n: number) => Allocation[];
  readonly forLoss: (params: Params, loss: number) => Allocation;
}

/** The laws whose plans have a closed form here: a clearly better law among these gets its plan shown, or stands in for Chinchilla's. */
export const SURFACE_PLANNERS: Readonly<Record<string, SurfacePlanner>> = {
  'kaplan-nd': { optimal: kaplanOptimalAllocation, frontier: kaplanFrontier, forLoss: kaplanComputeForLoss },
};

/** Whether `law` has a plan at a budget here (betterLawPlan gives one). */
export function isPlannedLaw(law: string): boolean {
  return SURFACE_PLANNERS[law] !== undefined;
}

/** How each law is named in the line. */
const LAW_NAMES: Record<string, string> = { chinchilla: 'Chinchilla' };

export interface LawBackTest {
  readonly law: string;
  readonly backTest: SurfaceBackTest;
}

export interface SurfaceLawComparison {
  /** Each law's back-test on the same cut, Chinchilla's first. */
  readonly backTests: readonly LawBackTest[];
  /**
   * The law that back-tests clearly better than Chinchilla, and its surface fitted to the whole sweep
   * (for its plan), when it has a plan; or, when Chinchilla's fit gives no plan (`chinchillaNoPlan`,
   * its reason), the law whose plan is shown instead.
   */
  readonly better?: { readonly law: string; readonly params: Params; readonly chinchillaNoPlan?: string };
}

/** The N–D surface laws a sweep can be fitted with: chinchilla, kaplan-nd, and chinchilla-dc when unique tokens are given (x3). */
export function comparedLaws(obs: Observations): string[] {
  return ['chinchilla', 'kaplan-nd', ...(obs.x3 ? ['chinchilla-dc'] : [])];
}

const givesUnique = (u: number): boolean => u > 0 && Number.isFinite(u);

/** Whether every run gives its unique tokens (chinchilla-dc is then fitted and compared); false for no runs. */
export function everyRunGivesUnique(unique: ArrayLike<number>): boolean {
  return unique.length > 0 && Array.from(unique).every(givesUnique);
}

/** "chinchilla-dc not compared: 3 of 12 runs give no unique tokens", when some runs give them and some do not (none: nothing to say). */
export function uncomparedDataConstrainedNote(unique: ArrayLike<number>): string | undefined {
  const without = Array.from(unique).filter((u) => !givesUnique(u)).length;
  return without > 0 && without < unique.length ? `chinchilla-dc not compared: ${without} of ${unique.length} runs give no unique tokens` : undefined;
}

const resultOf = (t: LawBackTest): (SurfaceBackTestResult & { law: string }) | undefined => ('reason' in t.backTest ? undefined : { ...t.backTest, law: t.law });

/** The law whose back-test is clearly better than Chinchilla's (the lowest error among those), if any. */
export function clearlyBetterLaw(backTests: readonly LawBackTest[]): string | undefined {
  const chinchilla = backTests.find((t) => t.law === 'chinchilla');
  const base = chinchilla && resultOf(chinchilla);
  if (!base || base.heldRuns < CLEARLY_BETTER_HELD_RUNS) return undefined;
  const better = backTests.flatMap((t) => resultOf(t) ?? []).filter((r) => r.law !== 'chinchilla' && r.meanAbsError < CLEARLY_BETTER_ERROR_SHARE * base.meanAbsError);
  return better.sort((a, b) => a.meanAbsError - b.meanAbsError)[0]?.law;
}

/**
 * The laws with a plan whose plan may stand in for Chinchilla's when its fit gives none: those
 * back-tested first, the lowest error first, then those whose back-test gave a reason.
 */
function standIns(backTests: readonly LawBackTest[]): string[] {
  const planned = backTests.filter((t) => t.law !== 'chinchilla' && isPlannedLaw(t.law));
  const error = (t: LawBackTest): number => resultOf(t)?.meanAbsError ?? Infinity;
  return [...planned].sort((a, b) => error(a) - error(b)).map((t) => t.law);
}

/** `law` fitted to all of `obs`, as the back-test fits it, when it converges to a surface with a finite plan. */
function fittedForPlan(law: string, obs: Observations, opts: Pick<SweepFitOptions, 'seed' | 'keepOutliers' | 'isCancelled'>): Params | undefined {
  try {
    // from BACKTEST_FIT's tenth of the starts, as the back-test: on OPT's checkpoints cut at 1e21…3e22
    // FLOPs its plan at 1e24 is the full grid's to 4e-9, and the full grid takes 30 s on 20,000 rows
    const { fit } = fitSweepSurface(law, obs, { ...opts, ...BACKTEST_FIT, seed: opts.seed ?? 1 });
    if (!fit.converged) return undefined;
    const a = SURFACE_PLANNERS[law]!.optimal(fit.params, largestRunFlops({ N: obs.x, D: obs.x2! }));
    return [a.N, a.D, a.loss].every(Number.isFinite) ? fit.params : undefined;
  } catch {
    // the law refits to the smaller runs but not to them all: its back-test stands, without a plan
    return undefined;
  }
}

/**
 * Every compared law back-tested on `obs` (the runs the Chinchilla surface kept) as sweepBackTest
 * does; a clearly better law with a plan is fitted to all of `obs`, as the back-test fits it. With
 * `chinchillaNoPlan` (why Chinchilla's fit of `obs` gives no plan: a degenerate limit, say), the
 * law with a plan that fits `obs`, the best back-tested first, is the one planned instead.
 */
export function compareSurfaceLaws(obs: Observations, opts: Pick<SweepFitOptions, 'seed' | 'keepOutliers' | 'isCancelled'> = {}, chinchillaNoPlan?: string): SurfaceLawComparison {
  const laws = comparedLaws(obs);
  const backTests = sweepBackTests(laws, obs, opts).map((backTest, k) => ({ law: laws[k]!, backTest }));
  if (chinchillaNoPlan !== undefined) {
    for (const law of standIns(backTests)) {
      const params = fittedForPlan(law, obs, opts);
      if (params) return { backTests, better: { law, params, chinchillaNoPlan } };
    }
    return { backTests };
  }
  const law = clearlyBetterLaw(backTests);
  if (law === undefined || !isPlannedLaw(law)) return { backTests };
  const params = fittedForPlan(law, obs, opts);
  return params ? { backTests, better: { law, params } } : { backTests };
}

/** The better law's plan by `which` of its planner's (its split at a budget, or the least compute to reach a loss) at `value`; undefined when its surface gives none (a non-finite split). */
function betterLawBy(c: SurfaceLawComparison, which: 'optimal' | 'forLoss', value: number): Allocation | undefined {
  const b = c.better;
  const planner = b && SURFACE_PLANNERS[b.law];
  if (!b || !planner) return undefined;
  try {
    const a = planner[which](b.params, value);
    return [a.flops, a.N, a.D, a.loss].every(Number.isFinite) ? a : undefined;
  } catch {
    return undefined;
  }
}

/** The better law's compute-optimal plan at `flops`, if there is one; undefined when its surface gives none (a non-finite split). */
export function betterLawPlan(c: SurfaceLawComparison, flops: number): Allocation | undefined {
  return betterLawBy(c, 'optimal', flops);
}

/** The better law's least compute to reach `loss`, and its plan there; undefined when its surface gives none. */
export function betterLawForLoss(c: SurfaceLawComparison, loss: number): Allocation | undefined {
  return betterLawBy(c, 'forLoss', loss);
}

const lawName = (law: string): string => LAW_NAMES[law] ?? law;

const backTestedLine = (results: readonly (SurfaceBackTestResult & { law: string })[]): string =>
  `Back-tested on the ${results[0]!.heldRuns} largest runs: ${results.map((r) => `${lawName(r.law)} ${formatPercent(r.meanAbsError)}`).join(', ')} mean error.`;

/**
 * The laws' back-tests alone, "Back-tested on the 5 largest runs: Chinchilla 5.4%, kaplan-nd 1.2%
 * mean error.", with the law whose plan `allocate --from` shows beside (or instead of) Chinchilla's
 * named: what `fit` says, which plans nothing itself. Undefined when no law back-tests.
 */
export function backTestedText(c: SurfaceLawComparison): string | undefined {
  const results = c.backTests.flatMap((t) => resultOf(t) ?? []);
  const b = c.better;
  const plan = b ? ` ${b.chinchillaNoPlan !== undefined ? `Chinchilla's fit gives no plan; ${lawName(b.law)}'s does` : `${lawName(b.law)}'s error is under half Chinchilla's`}: allocate --from shows its plan.` : '';
  return results.length ? `${backTestedLine(results)}${plan}` : b ? plan.trim() : undefined;
}

/** "Chinchilla's fit gives no compute-optimal plan: the best fit is a degenerate limit …. kaplan-nd's plan is shown instead, …" */
function insteadText(law: string, chinchillaNoPlan: string): string {
  const why = chinchillaNoPlan.replace(/^no compute-optimal plan: /, '').replace(/\.$/, '');
  return `Chinchilla's fit gives no compute-optimal plan: ${why}. ${lawName(law)}'s plan is shown instead, from its surface fitted to the whole sweep (no intervals for it).`;
}

/** The label of a plan on `law` in place of Chinchilla's: "kaplan-nd's surface fitted to opt.csv (116 runs), in place of Chinchilla's, whose fit gives no plan". */
export function insteadLabel(law: string, where: string): string {
  return `${lawName(law)}'s surface ${where}, in place of Chinchilla's, whose fit gives no plan`;
}

/**
 * "Back-tested on the 5 largest runs: Chinchilla 5.4%, kaplan-nd 1.2% mean error." and, when one is
 * clearly better, what the plan shows of it. Undefined when fewer than two laws back-test. One
 * wording for the CLI and the panel.
 */
export function lawComparisonText(c: SurfaceLawComparison): string | undefined {
  const results = c.backTests.flatMap((t) => resultOf(t) ?? []);
  const instead = c.better?.chinchillaNoPlan;
  if (instead !== undefined) return [insteadText(c.better!.law, instead), ...(results.length ? [backTestedLine(results)] : [])].join(' ');
  if (results.length < 2) return undefined;
  const line = backTestedLine(results);
  const better = clearlyBetterLaw(c.backTests);
  if (better === undefined) return line;
  const bound = `under ${CLEARLY_BETTER_ERROR_SHARE === 0.5 ? 'half' : `${CLEARLY_BETTER_ERROR_SHARE}×`} Chinchilla's`;
  const plan = c.better ? `its plan, from its surface fitted to the whole sweep, is shown beside Chinchilla's (no intervals for it)` : `it gives no plan here`;
  return `${line} ${lawName(better)}'s error is ${bound}: ${plan}.`;
}

/**
 * Chinchilla's no-plan reason when another law's plan may stand in for it: a fit's failure (a
 * degenerate limit, an exponent not positive), not a design whose runs lie on one line, which no
 * law can split compute off.
 */
export function standInFor(noPlan: string | undefined, obs: Observations): string | undefined {
  return noPlan !== undefined && obs.x2 && oneLineDesign(obs.x, obs.x2) === undefined ? noPlan : undefined;
}
