// What the panel's Plan takes from a sweep fitted by core/sweepSurface.ts (the fit the CLI's
// `allocate --from SWEEP` makes too): the surface, its label, the runs left out, the bootstrap
// intervals and the IsoFLOP profiles of the runs kept. Pure; the command reads the file and fits.
import { chinchillaFromParams, type ChinchillaParams } from '../../core/laws/chinchilla';
import { beyondPresetNote, beyondSweepNote } from '../../core/beyondSweep';
import type { SurfacePreset } from '../../core/presets';
import { ScalingLensError } from '../../core/types';
import { outlierNote } from '../../core/outlierRuns';
import { allocationIntervals } from '../../core/surfaceBootstrap';
import { implausibleScale } from '../../core/surfaceDesign';
import { planDraws, PLAN_FIT, type SweepFit } from '../../core/sweepSurface';
import { surfaceBackTestText } from '../../core/surfaceBackTest';
import { insteadLabel, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import type { Params } from '../../core/types';
import { surfaceMetricNote } from '../../core/yMetric';
import type { PlanIntervals } from '../../shared/protocol';
import type { SourceData } from '../../ingest/model/model';
import type { SurfaceData } from '../fitWorker';
import { isoflopPlanInputs, type IsoflopPlanInputs } from './isoflopPlan';

export interface PlanSurface {
  readonly params: ChinchillaParams;
  readonly id: string;
  readonly label: string;
  /** From a fitted sweep: bootstrap intervals on N_opt, D_opt and L* at given budgets. */
  readonly intervals?: (budgets: readonly number[]) => PlanIntervals[];
  /** A sweep of several sizes per budget: its IsoFLOP profiles (Approach 2). */
  readonly isoflop?: IsoflopPlanInputs;
  /** The surface's bootstrap refits, for the data-constrained split's intervals and the loss at a size and token count, at `level`. */
  readonly draws?: readonly ChinchillaParams[];
  readonly level?: number;
  /** Rows the sweep's reader left out or named (diverged, unfinished, repeated), then runs left out of the fit as far above the surface through the others. */
  readonly notes?: readonly string[];
  /** A fitted sweep's runs the surface went through (how far a budget is past them is said). */
  readonly runs?: { readonly file: string; readonly N: readonly number[]; readonly D: readonly number[] };
  /** A published surface: how far a budget is past the runs it was fitted on is said. */
  readonly preset?: SurfacePreset;
  /** Each surface law's back-test on the sweep's largest runs (Chinchilla's is said beside a plan by planTrust), and the one clearly better than Chinchilla's (core/surfaceLawComparison.ts). */
  readonly backTests?: SurfaceLawComparison;
  /**
   * Chinchilla's fit gives no plan (`params` are its fit's, not planned from): the law that fitted the
   * sweep, whose plan the Plan shows in its place (backTests.better, its chinchillaNoPlan set).
   */
  readonly standIn?: { readonly law: string; readonly params: Params };
  /** The sweep's y when it is no loss in nats (bits, a perplexity): the plan's L* is in it. */
  readonly lossName?: string;
}

/**
 * What the sweep table's reader said of its rows (the rows left out as diverged or unfinished, rows
 * repeated, a header's unit): `allocate --from` prints them as warnings, and the plan shows them,
 * so that "26 of 27 runs" of a 30-row file is explained where it is read.
 */
export function sweepReaderNotes(source: SourceData): string[] {
  return source.format === 'sweep' ? source.runs.flatMap((r) => r.notes ?? []) : [];
}

/**
 * The plan's surface from `swept`, the sweep `all` of `file` (its base name) fitted with PLAN_FIT;
 * `readerNotes` (sweepReaderNotes) lead its notes; `backTests`, each surface law's on the sweep's
 * largest runs, say how far to trust it and whether another law does clearly better; `diagnostics` are for the log (why there are no intervals, an IsoFLOP sweep that
 * gave none). Throws with why when the fit gives no plan.
 */
export function sweepPlanSurface(id: string, file: string, all: SurfaceData, swept: SweepFit, readerNotes: readonly string[] = [], backTests?: SurfaceLawComparison): { surface: PlanSurface; diagnostics: string[] } {
  // and, once, a unique-tokens column some runs leave blank (chinchilla-dc not compared), and what a
  // perplexity's or bits' surface means, as `fit` and `allocate --from` say it
  const metric = surfaceMetricNote(all.y, 'chinchilla');
  const leading = [...readerNotes, ...(all.uncompared ? [all.uncompared] : []), ...(metric ? [metric] : [])];
  const lossName = metric && all.y ? { lossName: all.y.trim() } : {};
  const better = backTests?.better;
  // the sweep's own answer, not a missing column: no "use a sweep with N, D and loss columns" after it
  if (swept.noPlan && better?.chinchillaNoPlan === undefined) throw new ScalingLensError('bad-argument', `${file}: ${swept.noPlan}`);
  const kept = { N: swept.kept.map((i) => all.N[i]!), D: swept.kept.map((i) => all.D[i]!), loss: swept.kept.map((i) => all.loss[i]!) };
  const runs = kept.loss.length === all.loss.length ? `${all.loss.length} runs` : `${kept.loss.length} of ${all.loss.length} runs`;
  if (better?.chinchillaNoPlan !== undefined) {
    const surface: PlanSurface = { params: chinchillaFromParams(swept.fit.params), id, label: insteadLabel(better.law, `fitted to ${file} (${runs})`), ...(leading.length ? { notes: leading } : {}), runs: { file, N: kept.N, D: kept.D }, backTests: backTests!, standIn: { law: better.law, params: better.params }, ...lossName };
    return { surface, diagnostics: swept.bootstrapSkipped ? [swept.bootstrapSkipped] : [] };
  }
  const far = swept.far.map(({ index: i, fitted }) => outlierNote('the surface fit', `N = ${all.N[i]!.toPrecision(3)}, D = ${all.D[i]!.toPrecision(3)}`, all.loss[i]!, { value: fitted, from: 'the surface through the other runs' }));
  const notes = [...leading, ...far];
  const scale = implausibleScale(kept.N, kept.D);
  if (scale) notes.push(scale);
  const params = chinchillaFromParams(swept.fit.params);
  const diagnostics: string[] = [];
  let isoflop: IsoflopPlanInputs | undefined;
  try {
    isoflop = isoflopPlanInputs(kept, PLAN_FIT.resamples!, PLAN_FIT.seed!);
  } catch (err) {
    diagnostics.push(`IsoFLOP profiles: ${err instanceof Error ? err.message : String(err)}`);
  }
  const label = `fitted on ${file} (${runs})`;
  const surface: PlanSurface = { params, id, label, ...(isoflop ? { isoflop } : {}), ...(notes.length ? { notes } : {}), runs: { file, N: kept.N, D: kept.D }, ...(backTests ? { backTests } : {}), ...lossName };
  const boot = swept.bootstrap;
  if (!boot) return { surface, diagnostics };
  const { usable, failure } = planDraws(boot.draws, boot.resamples);
  if (failure) return { surface, diagnostics: [...diagnostics, `plan intervals: ${failure}`] };
  const intervals = (budgets: readonly number[]): PlanIntervals[] =>
    allocationIntervals(usable, budgets, boot.level, params).map((i) => ({ N: [i.N.lo, i.N.hi], D: [i.D.lo, i.D.hi], loss: [i.loss.lo, i.loss.hi] }));
  // the brackets under each value say nothing of what they are otherwise (the CLI heads its columns "N 95% CI")
  const bracketed = `${label}; in brackets, ${Math.round(boot.level * 100)}% intervals from ${boot.resamples} bootstrap refits of the runs`;
  return { surface: { ...surface, label: bracketed, intervals, draws: usable, level: boot.level }, diagnostics };
}

/** The compute back-test's line beside the plan at `budget`, which says when the budget is further out than the back-test reached. */
export function planTrust(surface: PlanSurface, budget: number): string | undefined {
  const law = surface.standIn?.law ?? 'chinchilla';
  const own = surface.backTests?.backTests.find((t) => t.law === law)?.backTest;
  return own ? `${surface.standIn ? `${law}: ` : ''}${surfaceBackTestText(own, budget)}` : undefined;
}

/** What the plan at `budget` says beside it: the runs left out, and a budget far past the sweep or the preset's runs (core/beyondSweep.ts). */
export function planNotes(surface: PlanSurface, budget: number): string[] {
  const beyond = surface.runs ? beyondSweepNote(budget, surface.runs, surface.runs.file) : surface.preset ? beyondPresetNote(budget, surface.preset) : undefined;
  return [...(surface.notes ?? []), ...(beyond ? [beyond] : [])];
}
