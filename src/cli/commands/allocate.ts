// `scaling-lens allocate --budget C [C…] [--from FIT.json|SWEEP | --preset …] [--json]`:
// the compute-optimal model size and token count for each budget on a fitted or published
// Chinchilla surface, plus the inverse questions (--loss: compute to reach a loss; --n: a fixed
// model size on the budget; --n --d: the loss at that size and token count, allocatePoint.ts).
import { basename } from 'node:path';
import { parseArgs, one, UsageError } from '../args';
import { pathKind, readFailure, readTextFile } from '../../ingest/files/fileKind';
import { isJsonLinesName } from '../../ingest/formats/jsonlSweep';
import type { Command } from '../command';
import { computeForLoss, fixedSizePlan, optimalAllocation, type Allocation, type FixedSizePlan } from '../../core/allocation';
import { chinchillaFromParams, type ChinchillaParams } from '../../core/laws/chinchilla';
import { PRESETS, presetIds, type SurfacePreset } from '../../core/presets';
import { ScalingLensError } from '../../core/types';
import { parseBudget, parseTarget, targetMultiple } from '../../core/units';
import { axisNoun, axisOfUnit } from '../../core/targetText';
import { bootstrapFailure } from '../../core/calibrate';
import { PLAN_RESAMPLES, allocationIntervals, type AllocationInterval, type Interval } from '../../core/surfaceBootstrap';
import { lossIntervalAt, pointPlan } from '../../core/pointLoss';
import { fixedSizeText, pointAmounts } from './allocatePoint';
import { MissingColumnError, shownColumns, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, surfaceFitJson, type SurfaceFitJson } from './fitSurface';
import { xKindOf } from '../../ingest/model/keys';
import { PLAN_FIT, planDraws } from '../../core/sweepSurface';
import { beyondLargestRunNote, beyondPresetNote } from '../../core/beyondSweep';
import { surfaceBackTestText, type SurfaceBackTest } from '../../core/surfaceBackTest';
import { betterLawPlan, isPlannedLaw, lawComparisonText, type LawBackTest, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import type { Params } from '../../core/types';
import { terminalSafe } from '../terminalText';
import { printText } from '../textAnswer';
import { allocationTable, bootstrapMeta, fmt, intervalText, table } from './surfaceOutput';
import { isoflopAllocation, type IsoflopAllocation } from '../../core/isoflop';
import { isoflopIntervals, type IsoflopAllocationInterval } from '../../core/isoflopBootstrap';
import { APPROACH_2, isoflopAllocationTable, isoflopOf } from './isoflopOutput';
import { inferenceAwarePlan, type InferenceAwarePlan } from '../../core/inferenceAllocation';
import { constrainedAllocation, constrainedIntervals, type ConstrainedAllocation, type ConstrainedInterval } from '../../core/constrainedAllocation';
import { MUENNIGHOFF } from '../../core/laws/dataConstrained';
import { standInRun } from './allocateStandIn';

export const ALLOCATE_VALUED = ['budget', 'from', 'preset', 'loss', 'n', 'd', 'level', 'unique', 'inference'];
export const ALLOCATE_BOOLEANS = ['json'];

interface Source {
  readonly label: string;
  readonly params: ChinchillaParams;
  /** From a bootstrapped fit: its refits and how many were asked for. */
  readonly bootstrap?: SurfaceDraws;
  /** From the fit of an IsoFLOP sweep: Approach 2's line, and its refits when bootstrapped. */
  readonly isoflop?: ReturnType<typeof isoflopOf>;
  /** A chinchilla-dc fit's decay constants R_D*, R_N*. */
  readonly decay?: { readonly RD: number; readonly RN: number };
  /** What the plan should be read with: the fit did not converge. */
  readonly warnings?: readonly string[];
  /** About the source, printed with the plans' notes: a saved fit without the laws' comparison. */
  readonly notes?: readonly string[];
  /** The sweep the surface was fitted to (here, or by the fit in the JSON): its file's name and its largest run's 6·N·D (a budget far past it is said). */
  readonly sweep?: { readonly file: string; readonly largestRunFlops: number };
  /** A published surface: a budget far past the runs it was fitted on is said, as for a sweep. */
  readonly preset?: SurfacePreset;
  /** The fit's compute back-test on the sweep's largest runs, when the fit has one. */
  readonly backTest?: SurfaceBackTest;
  /** A sweep fitted here: each surface law back-tested on the same runs. */
  readonly lawBackTests?: SurfaceLawComparison;
}

export interface SurfaceDraws {
  readonly draws: ChinchillaParams[];
  readonly resamples: number;
  readonly level: number;
}

/** The refits of `fit --law chinchilla --bootstrap K --json` (bootstrap.draws, each [E, A, B, alpha, beta]), if present. */
export function drawsFromJson(text: string): SurfaceDraws | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return drawsOf(parsed);
}

/** The refits in a parsed fit. */
function drawsOf(parsed: unknown): SurfaceDraws | undefined {
  const b = (parsed as { bootstrap?: { draws?: unknown; resamples?: unknown; level?: unknown } } | null)?.bootstrap;
  if (!b || !Array.isArray(b.draws)) return undefined;
  const draws = b.draws
    .filter((d): d is number[] => Array.isArray(d) && d.length === 5 && d.every((v) => typeof v === 'number' && Number.isFinite(v)))
    .map(([E, A, B, alpha, beta]) => ({ E, A, B, alpha, beta }));
  return { draws, ...bootstrapMeta(b, draws.length) };
}

/** The surface of a parsed `fit --law chinchilla --json` (or a bare {E, A, B, alpha, beta} object). */
function surfaceOf(parsed: unknown, path: string): ChinchillaParams {
  if (typeof parsed !== 'object' || parsed === null) throw new UsageError(`${path} does not hold a surface`);
  const rec = parsed as Record<string, unknown>;
  if (typeof rec.law === 'string' && rec.law !== 'chinchilla' && rec.law !== 'chinchilla-dc') {
    throw new UsageError(`${path} holds a "${rec.law}" fit; allocate needs a chinchilla surface`);
  }
  const params = (typeof rec.params === 'object' && rec.params !== null ? rec.params : rec) as Record<string, number>;
  try {
    return chinchillaFromParams(params);
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

/** R_D* and R_N* of a parsed `fit --law chinchilla-dc --json`, if that is what it holds. */
function decayOf(parsed: unknown): { RD: number; RN: number } | undefined {
  const p = (parsed as { params?: Record<string, unknown> } | null)?.params;
  const ok = (v: unknown): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v);
  return p && ok(p.RD) && ok(p.RN) ? { RD: p.RD, RN: p.RN } : undefined;
}

/** A fitted sweep whose Chinchilla fit gives no plan, and the law whose plan stands in for it (core/surfaceLawComparison.ts). */
export interface StandInSource {
  readonly label: string;
  readonly warnings: readonly string[];
  readonly sweep?: Source['sweep'];
  readonly lawBackTests: SurfaceLawComparison & { readonly better: NonNullable<SurfaceLawComparison['better']> };
  readonly chinchillaNoPlan: string;
  /** About the source: the bootstrap skipped for a fit that gives no plan. */
  readonly notes: readonly string[];
}

/** A fit file, read and parsed once: its surface, and whatever refits, profiles and decay constants it holds. */
async function source(from: string | undefined, preset: string | undefined): Promise<Source | StandInSource> {
  if (from !== undefined && preset !== undefined) throw new UsageError('give either --from (a fit or a sweep) or --preset, not both');
  if (from !== undefined) {
    let text: string | undefined;
    try {
      // a folder is a sweep of finished runs, never a fit's JSON; nor is a .jsonl, one run a line
      // (a one-run file parses as JSON)
      text = (await pathKind(from)) === 'folder' || isJsonLinesName(from) ? undefined : await readTextFile(from);
    } catch (err) {
      throw new UsageError(readFailure(from, err));
    }
    let parsed: unknown;
    let label = `fit in ${from}`;
    const warnings: string[] = [];
    let fittedHere: SurfaceFitJson | undefined;
    try {
      if (text === undefined) throw new Error('a folder or JSON lines');
      parsed = JSON.parse(text);
    } catch (err) {
      // a .json is a fit's, never a sweep table: a truncated one is not JSON, not "a header but no data rows"
      if (text !== undefined && /\.json$/i.test(from)) throw new UsageError(`--from ${from} is not JSON (${(err as Error).message}): write it with "scaling-lens fit SWEEP --law chinchilla --json > ${from}", or give the sweep itself`);
      // a sweep itself (a table of N, D and loss, or a folder of finished runs): fitted here, as `fit --law chinchilla --bootstrap` would
      const fit = await sweepFit(from);
      parsed = fittedHere = fit;
      label = `surface fitted to ${from} (${fit.points} runs, ${PLAN_RESAMPLES} bootstrap refits)`;
      warnings.push(...fit.warnings);
    }
    const sweep = sweepOf(parsed, from);
    const fit = parsed as { noPlan?: unknown; converged?: unknown; reason?: unknown; law?: unknown } | null;
    const lawBackTests = lawBackTestsOf(parsed);
    // the fit said its runs imply no split (one line of N and D, a degenerate limit): no plan from it,
    // but another law's that fitted, when there is one
    if (typeof fit?.noPlan === 'string') {
      const better = lawBackTests?.better;
      if (better?.chinchillaNoPlan === undefined) throw new UsageError(`${from}: ${fit.noPlan}`);
      // worded as the panel's label of the same sweep
      const all = fittedHere ? fittedHere.points + fittedHere.outliers.length : 0;
      const where = fittedHere ? `fitted to ${basename(from)} (${all === fittedHere.points ? `${all} runs` : `${fittedHere.points} of ${all} runs`})` : `from the fit in ${from}`;
      const skipped = fittedHere?.bootstrapSkipped;
      return { label: where, warnings: warnings.filter((w) => w !== fit.noPlan), ...(sweep ? { sweep } : {}), lawBackTests: { ...lawBackTests!, better }, chinchillaNoPlan: better.chinchillaNoPlan, notes: skipped ? [skipped] : [] };
    }
    // a chinchilla fit saved before `fit --json` held the laws' back-tests: planned all the same, and said
    const notes: string[] = [];
    if (!fittedHere && fit?.law === 'chinchilla' && !lawBackTests) notes.push(`${from} has no back-tests of the other surface laws (a fit saved before \`fit --json\` held them): no comparison with kaplan-nd; refit it with \`fit SWEEP --law chinchilla --json\` for one`);
    if (fit?.converged === false) warnings.push(`the fit in ${from} did not converge (${typeof fit.reason === 'string' ? fit.reason : 'no reason given'}): its plan may be far off`);
    const backTest = backTestOf(parsed);
    return { label, params: surfaceOf(parsed, from), bootstrap: drawsOf(parsed), isoflop: isoflopOf(parsed), decay: decayOf(parsed), warnings, notes, ...(sweep ? { sweep } : {}), ...(backTest ? { backTest } : {}), ...(lawBackTests ? { lawBackTests } : {}) };
  }
  const id = preset ?? 'chinchilla';
  const p = PRESETS[id];
  if (!p) throw new UsageError(`--preset must be one of ${presetIds().join(', ')}; got "${id}"`);
  return { label: p.label, params: p.params, preset: p };
}

/** The sweep a parsed fit was made on, when it says its largest run (a fit's JSON from before it did says nothing). */
function sweepOf(parsed: unknown, from: string): Source['sweep'] {
  const fit = parsed as { largestRunFlops?: unknown; file?: unknown } | null;
  const largest = fit?.largestRunFlops;
  if (typeof largest !== 'number' || !(largest > 0) || !Number.isFinite(largest)) return undefined;
  return { file: basename(typeof fit?.file === 'string' ? fit.file : from), largestRunFlops: largest };
}

/** A fit JSON's `backTest` (fit --law chinchilla --json), when it is one (backTestFrom). */
function backTestOf(parsed: unknown): SurfaceBackTest | undefined {
  return backTestFrom((parsed as { backTest?: unknown } | null)?.backTest);
}

/**
 * A fit JSON's `lawBackTests` (fit --law chinchilla --json), when it holds one: each law's back-test
 * as backTestFrom reads it, and a law with a plan and its finite parameters as the one to plan beside
 * or instead of Chinchilla's. A law's back-test that is not one leaves the comparison out.
 */
function lawBackTestsOf(parsed: unknown): SurfaceLawComparison | undefined {
  const c = (parsed as { lawBackTests?: { backTests?: unknown; better?: Record<string, unknown> } } | null)?.lawBackTests;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.backTests)) return undefined;
  const backTests = c.backTests.map((t: { law?: unknown; backTest?: unknown } | null) => ({ law: t?.law, backTest: backTestFrom(t?.backTest) }));
  if (!backTests.every((t): t is LawBackTest => typeof t.law === 'string' && t.backTest !== undefined)) return undefined;
  const b = c.better;
  const params = b?.params as Record<string, unknown> | undefined;
  const finite = params && Object.values(params).every((v) => typeof v === 'number' && Number.isFinite(v));
  const better = b && typeof b.law === 'string' && isPlannedLaw(b.law) && finite ? { law: b.law, params: params as Params, ...(typeof b.chinchillaNoPlan === 'string' ? { chinchillaNoPlan: b.chinchillaNoPlan } : {}) } : undefined;
  return { backTests, ...(better ? { better } : {}) };
}

/** A back-test as a fit's JSON holds it: a reason, or figures a back-test can give (whole run counts, the held-out runs past the fitted ones, errors ≥ 0). */
function backTestFrom(value: unknown): SurfaceBackTest | undefined {
  const bt = value as Record<string, unknown> | null | undefined;
  if (typeof bt !== 'object' || bt === null) return undefined;
  if (typeof bt.reason === 'string') return { reason: bt.reason };
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  const [fitRuns, fitFlops, heldRuns, heldFlops, meanAbsError, worstError] = (['fitRuns', 'fitFlops', 'heldRuns', 'heldFlops', 'meanAbsError', 'worstError'] as const).map((k) => num(bt[k]));
  const runs = (n: number): boolean => Number.isInteger(n) && n > 0;
  if (!(runs(fitRuns!) && runs(heldRuns!) && fitFlops! > 0 && heldFlops! > fitFlops! && meanAbsError! >= 0 && Math.abs(worstError!) >= meanAbsError!)) return undefined;
  const f = bt.frontier as Record<string, unknown> | undefined;
  const frontier = f && runs(num(f.runs)) && num(f.surface) >= 0 && num(f.baseline) >= 0 ? { frontier: { runs: num(f.runs), surface: num(f.surface), baseline: num(f.baseline) } } : {};
  return { fitRuns: fitRuns!, fitFlops: fitFlops!, heldRuns: heldRuns!, heldFlops: heldFlops!, meanAbsError: meanAbsError!, worstError: worstError!, ...frontier };
}

/** The Chinchilla surface of a sweep file or folder, fitted as the panel's Plan fits it (PLAN_FIT); a file that holds no sweep says why. */
async function sweepFit(path: string): Promise<SurfaceFitJson> {
  const { resamples, seed, keepOutliers } = PLAN_FIT;
  const argv = [path, '--law', 'chinchilla', '--bootstrap', String(resamples), '--seed', String(seed), ...(keepOutliers ? ['--keep-outliers'] : [])];
  try {
    return await surfaceFitJson(parseArgs(argv, SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS));
  } catch (err) {
    if (err instanceof MissingColumnError) throw new UsageError(`--from ${path} ${tableKind(err.columns)}, not a sweep: it has no column of ${err.what}. ${FROM_NEEDS}`);
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`--from ${path}: not a fit's JSON, and no sweep of N, D and loss to fit a surface to (${why})`);
  }
}

/** What `allocate --from` plans from, said whenever it cannot read the file it was given. */
const FROM_NEEDS = 'allocate --from needs a sweep (a row per finished run: its parameters N, its tokens D or compute C, and its final loss) or the JSON of `fit SWEEP --law chinchilla --json`.';

/** "holds loss by step (columns step, loss): a learning curve": what a table that is not a sweep holds, from its columns. */
function tableKind(columns: readonly string[]): string {
  const x = columns.find((c) => ['step', 'epoch', 'tokens', 'samples'].includes(xKindOf(c) ?? ''));
  const shown = `columns ${shownColumns(columns)}`;
  return x === undefined ? `(${shown}) is a table` : `holds loss by ${x} (${shown}): a learning curve`;
}

/** What each amount counts, so that a unit that says otherwise (`--n 1e9 tokens`) is refused. */
const AMOUNT_AXIS: Record<string, string> = { n: 'params', d: 'tokens', unique: 'tokens', inference: 'tokens' };

function amount(text: string, flag: string): number {
  // a multiple (10x) is of a fit's data, which allocate has none of
  const amountHint = 'give an amount such as 7e9 or 70B';
  if (flag !== 'budget' && targetMultiple(text) !== undefined) throw new UsageError(`--${flag}: "${text}" is a multiple, but allocate has no data to multiply: ${amountHint}`);
  if (flag !== 'budget' && !/\d/.test(text)) throw new UsageError(`--${flag}: "${text}" is not an amount: ${amountHint}`);
  try {
    if (flag === 'budget') return parseBudget(text);
    const { value, unit } = parseTarget(text);
    const said = axisOfUnit(unit);
    if (said !== undefined && said !== AMOUNT_AXIS[flag]) throw new UsageError(`--${flag}: "${text}" counts ${axisNoun(said) ?? said}, not ${axisNoun(AMOUNT_AXIS[flag])}`);
    return value;
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`--${flag}: ${err.message}`);
    throw err;
  }
}

/**
 * Each surface law back-tested on the same runs, their line as the panel's Plan gives it, and the
 * plan at each budget (and the compute --loss takes) on the law clearly better than Chinchilla's, or
 * on the law that fits where Chinchilla's fit gives no plan (`chinchillaNoPlan`), its surface fitted
 * to the whole sweep (no intervals).
 */
export interface LawBackTestsJson {
  laws: LawBackTest[];
  text?: string;
  better?: { law: string; params: Params; chinchillaNoPlan?: string; allocations: Allocation[]; forLoss?: Allocation & { targetLoss: number } };
}

export interface AllocateJson {
  source: string;
  /** About the source: a fit that did not converge. */
  warnings?: string[];
  surface: ChinchillaParams;
  allocations: Allocation[];
  forLoss?: Allocation & { targetLoss: number };
  /** With --n N: N on each budget, or with --n N --d D one plan, N on D tokens (its budget 6·N·D), against the optimal split of the same budget. */
  fixedSize?: FixedSizePlan[];
  /** From a bootstrapped fit: an interval on each fixedSize plan's loss, at `level`. */
  fixedSizeIntervals?: Interval[];
  /** From a bootstrapped fit: intervals on N_opt, D_opt, tokens/param and L* per budget, at `level`. */
  allocationIntervals?: AllocationInterval[];
  level?: number;
  /** Why a bootstrapped fit gave no intervals. */
  intervalNote?: string;
  /** About the plans: a budget (or the compute --loss takes) far past the sweep the surface was fitted to, as the panel's Plan says it; a saved fit without the laws' comparison. */
  notes?: string[];
  /** How far the surface held on its sweep's largest runs (core/surfaceBackTest.ts), from a fitted sweep. */
  backTest?: SurfaceBackTest;
  /**
   * From a sweep fitted here, or a fit's JSON that holds them (`lawBackTests`): the surface laws'
   * back-tests and the clearly better law's plan (LawBackTestsJson).
   */
  backTests?: LawBackTestsJson;
  /** With --unique U: the best split when only U unique tokens exist (repeating them is worth less). */
  constrained?: {
    uniqueTokens: number;
    RD: number;
    RN: number;
    /** Where R_D*, R_N* come from: the chinchilla-dc fit, or Muennighoff et al.'s published values. */
    decaySource: string;
    allocations: ConstrainedAllocation[];
    /** Per budget, over the fit's bootstrap refits with R_D*, R_N* held (absent where too few refits gave a split). */
    intervals?: (ConstrainedInterval | undefined)[];
  };
  /** With --loss L --inference I: the cheapest N and D to reach L when the model then serves I tokens. */
  inference?: InferenceAwarePlan;
  /** The fit's IsoFLOP profiles (Approach 2) at the same budgets, with intervals from their refits. */
  isoflop?: { a: number; allocations: IsoflopAllocation[]; intervals?: IsoflopAllocationInterval[]; level?: number; intervalNote?: string };
}

export const command: Command = {
  help: [
    'scaling-lens allocate --budget C [C…] | --n N --d D [--from FIT.json|SWEEP | --preset chinchilla|epoch|epoch-huber] [--loss L [--inference I]] [--n N] [--unique U] [--level L] [--json]',
    '  Compute-optimal model size N_opt, tokens D_opt, tokens per parameter and the loss L* for each',
    '  budget C in FLOPs (C ≈ 6ND), on a fitted surface (the JSON printed by "fit --law chinchilla --json",',
    '  or the sweep itself, a table of N, D and loss or a folder of finished runs, fitted first with',
    `  ${PLAN_RESAMPLES} bootstrap refits) or a published one (default: chinchilla). --loss L: the compute needed to reach loss L.`,
    '  A budget over 10× the compute of the sweep\'s largest run is noted (JSON "notes"), as the panel\'s Plan does: for a sweep',
    '  fitted here, for a fit\'s JSON that states largestRunFlops (fits from before it did give no note), and for a',
    '  preset past the largest run it was fitted on (1.3e22 FLOPs).',
    '  From a sweep fitted here (or a fit\'s JSON that holds them), each N–D surface law (chinchilla, kaplan-nd) is',
    '  back-tested on its largest runs (JSON "backTests"); a law whose error is under half Chinchilla\'s on 3 or more',
    '  runs gets its plan printed beside (kaplan-nd\'s closed form, no intervals), as the panel\'s Plan shows it. Where',
    '  Chinchilla\'s fit gives no plan (a degenerate limit) and kaplan-nd fits, kaplan-nd\'s plan is printed instead.',
    '  --n N: train a model of N parameters on each budget instead, compared with the optimal split.',
    '  --n N --d D (no --budget): the loss of N parameters trained on D tokens, its budget 6·N·D split',
    '  optimally beside it (with an interval on the loss from a fit\'s refits).',
    '  Amounts accept suffixes: 5.76e23, 70B, 1.4T. A fit made with --bootstrap K gives intervals on',
    '  N_opt, D_opt and L* from its refits (--level L, default the fit\'s level, 0.95). A fit of an IsoFLOP',
    '  sweep also holds its IsoFLOP profiles (Approach 2): their N_opt and D_opt are printed beside.',
    '  --unique U: only U unique tokens exist (Muennighoff et al. 2023): the best N, D and epochs over U',
    '  when repeated tokens and excess parameters are worth less (R_D*, R_N* from a chinchilla-dc fit, else',
    '  the published 15.4 and 5.3), and the loss the limit costs.',
    '  --loss L --inference I: the model will then serve I tokens: the N and D that reach L at the least',
    '  training plus inference compute (Sardana et al. 2024), against the compute-optimal plan for L.',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, ALLOCATE_VALUED, ALLOCATE_BOOLEANS, { path: false });
    const nText = one(args, 'n');
    const dText = one(args, 'd');
    const point = dText === undefined ? undefined : pointAmounts(nText, dText, args.flags.has('budget'), amount);
    const budgets = point ? [point.flops] : (args.flags.get('budget') ?? []).map((b) => amount(b, 'budget'));
    if (nText !== undefined && budgets.length === 0) throw new UsageError('--n needs --budget (or --d D: the budget is then 6·N·D) to know how much compute the model gets');
    const lossText = one(args, 'loss');
    if (budgets.length === 0 && lossText === undefined) throw new UsageError('allocate needs --budget C [C…] (FLOPs), --n N --d D or --loss L');
    const found = await source(one(args, 'from'), one(args, 'preset'));
    if ('chinchillaNoPlan' in found) return standInRun(args, found, budgets, lossText);
    const src = found;
    const out: AllocateJson = { source: src.label, ...(src.warnings?.length ? { warnings: [...src.warnings] } : {}), surface: src.params, allocations: budgets.map((c) => optimalAllocation(src.params, c)) };
    const levelText = one(args, 'level');
    const level = levelText === undefined ? src.bootstrap?.level ?? 0.95 : Number(levelText);
    if (!(level > 0 && level < 1)) throw new UsageError(`--level must be between 0 and 1, got "${levelText}"`);
    const draws = src.bootstrap && budgets.length > 0 ? planDraws(src.bootstrap.draws, src.bootstrap.resamples) : undefined;
    if (draws) {
      if (draws.failure) out.intervalNote = draws.failure;
      else {
        out.allocationIntervals = allocationIntervals(draws.usable, budgets, level, src.params);
        out.level = level;
      }
    } else if (levelText !== undefined) throw new UsageError('--level needs --from a fit made with --bootstrap K (a preset has no refits)');
    const uniqueText = one(args, 'unique');
    if (uniqueText !== undefined) {
      if (budgets.length === 0) throw new UsageError('--unique needs --budget: the compute to split when only that much unique data exists');
      const U = amount(uniqueText, 'unique');
      const decay = src.decay ?? { RD: MUENNIGHOFF.RDstar, RN: MUENNIGHOFF.RNstar };
      const decaySource = src.decay ? 'the chinchilla-dc fit' : 'published, Muennighoff et al. 2023';
      const dc = { ...src.params, ...decay };
      out.constrained = { uniqueTokens: U, ...decay, decaySource, allocations: budgets.map((c) => constrainedAllocation(dc, c, U)) };
      if (out.allocationIntervals && draws) out.constrained.intervals = out.constrained.allocations.map((at) => constrainedIntervals(draws.usable, decay, at, level));
    }
    const iso = src.isoflop;
    if (iso && budgets.length > 0) {
      out.isoflop = { a: iso.a, allocations: budgets.map((c) => isoflopAllocation(iso, c)) };
      const failure = iso.draws.length ? bootstrapFailure(iso.draws.length, iso.resamples) : undefined;
      if (failure) out.isoflop.intervalNote = failure;
      else if (iso.draws.length) {
        out.isoflop.intervals = isoflopIntervals(iso.draws, iso, budgets, level);
        out.isoflop.level = level;
      }
    }
    const inferenceText = one(args, 'inference');
    if (inferenceText !== undefined && lossText === undefined) throw new UsageError('--inference needs --loss: the plan is the cheapest way to reach that loss and then serve the tokens');
    if (lossText !== undefined) {
      const target = Number(lossText);
      if (!Number.isFinite(target)) throw new UsageError(`--loss must be a number, got "${lossText}"`);
      out.forLoss = { ...computeForLoss(src.params, target), targetLoss: target };
      // --loss 1e300: the solver stops at 1 FLOP and printed a model of 0.57 parameters on 0.29 tokens
      if (out.forLoss.N < 1 || out.forLoss.D < 1) throw new UsageError(`--loss ${lossText} is above the surface's loss at one parameter on one token: any run reaches it`);
      if (inferenceText !== undefined) out.inference = inferenceAwarePlan(src.params, target, amount(inferenceText, 'inference'));
      // a finite amount whose serving compute is not (--inference 1e300) printed "Infinity to serve … 0.0% saved"
      if (out.inference && !Number.isFinite(out.inference.totalFlops)) throw new UsageError(`--inference ${inferenceText}: serving that many tokens (2·N FLOPs each) is past any finite number of FLOPs`);
    }
    if (point) out.fixedSize = [pointPlan(src.params, point.N, point.D)];
    else if (nText !== undefined) {
      const N = amount(nText, 'n');
      out.fixedSize = budgets.map((c) => fixedSizePlan(src.params, N, c));
      // --n 1e30 --budget 1e21 trained N on 1.7e-10 tokens and printed its loss (2.5e5): no run at all
      const starved = out.fixedSize.find((p) => p.plan.D < 1);
      if (starved) throw new UsageError(`--n ${nText} on ${fmt(starved.plan.flops)} FLOPs leaves D = ${fmt(starved.plan.D)} tokens (6·N·D = C), under one: give a smaller --n or a larger --budget`);
    }
    if (out.fixedSize && out.allocationIntervals && draws) out.fixedSizeIntervals = out.fixedSize.map(({ plan }) => lossIntervalAt(draws.usable, src.params, plan.N, plan.D, level));
    const planned = [...budgets, ...(out.forLoss ? [out.forLoss.flops] : [])];
    const notes = [...(src.notes ?? []), ...sweepNotes(src, planned)];
    if (notes.length > 0) out.notes = notes;
    if (src.backTest) out.backTest = src.backTest;
    if (src.lawBackTests) out.backTests = backTestsJson(src.lawBackTests, planned);
    if (args.switches.has('json')) {
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }
    const s = src.params;
    const lines = [`surface: ${src.label}`, `  L = ${fmt(s.E)} + ${fmt(s.A)}/N^${fmt(s.alpha)} + ${fmt(s.B)}/D^${fmt(s.beta)}`, ...(src.backTest ? [`  ${terminalSafe(surfaceBackTestText(src.backTest, Math.max(...planned)))}`] : []), ...(out.backTests?.text ? [`  ${out.backTests.text}`] : []), ''];
    if (out.allocations.length) lines.push(allocationTable(out.allocations, out.allocationIntervals, level));
    const better = out.backTests?.better;
    if (better?.allocations.length) lines.push('', `${better.law}'s plan, its surface fitted to the whole sweep (no intervals):`, allocationTable(better.allocations));
    if (out.intervalNote) lines.push(out.intervalNote);
    if (out.constrained) lines.push('', constrainedText(out.constrained, level));
    if (out.isoflop) {
      lines.push('', `${APPROACH_2}, from the same sweep: N_opt ∝ C^${fmt(out.isoflop.a)}`);
      lines.push(isoflopAllocationTable(out.isoflop.allocations, out.isoflop.intervals, level));
      if (out.isoflop.intervalNote) lines.push(out.isoflop.intervalNote);
    }
    if (out.forLoss) {
      const f = out.forLoss;
      lines.push('', `to reach loss ${fmt(f.targetLoss)}: ${fmt(f.flops)} FLOPs, N ${fmt(f.N)}, D ${fmt(f.D)} (${fmt(f.tokensPerParam)} tokens/param)`);
    }
    if (out.inference) {
      const p = out.inference;
      lines.push(
        `then serving ${fmt(p.inferenceTokens)} tokens (2N FLOPs each), the cheapest in all: N ${fmt(p.N)}, D ${fmt(p.D)} (${fmt(p.tokensPerParam)} tokens/param), ` +
          `${fmt(p.trainingFlops)} FLOPs to train + ${fmt(p.inferenceFlops)} to serve = ${fmt(p.totalFlops)}; the plan above, serving the same, would total ${fmt(p.chinchillaTotal)}: ${(100 * p.saving).toFixed(1)}% saved`,
      );
    }
    (out.fixedSize ?? []).forEach((p, k) => lines.push('', fixedSizeText(p, out.fixedSizeIntervals?.[k], level, point !== undefined)));
    const warnings = new Set([...(out.warnings ?? []), ...[...out.allocations, ...(out.forLoss ? [out.forLoss] : []), ...(out.fixedSize ?? []).map((p) => p.plan), ...(out.constrained?.allocations ?? []), ...(out.inference ? [out.inference] : [])].flatMap((a) => a.warnings)]);
    // one blank line between parts, whichever parts there are
    printText({ answer: lines.join('\n').replace(/\n{3,}/g, '\n\n'), warnings, notes: out.notes });
    return 0;
  },
};

/** The laws' back-tests as JSON: their line, and the clearly better law's plan at each of `budgets` (those where it gives one). */
export function backTestsJson(c: SurfaceLawComparison, budgets: readonly number[]): NonNullable<AllocateJson['backTests']> {
  const text = lawComparisonText(c);
  const allocations = budgets.flatMap((b) => betterLawPlan(c, b) ?? []);
  return { laws: [...c.backTests], ...(text ? { text } : {}), ...(c.better ? { better: { ...c.better, allocations } } : {}) };
}

/** What the panel's Plan says of each budget far past the sweep or the preset's runs the surface was fitted to (none for a fit's JSON that does not say its largest run). */
export function sweepNotes({ sweep, preset }: Pick<Source, 'sweep' | 'preset'>, budgets: readonly number[]): string[] {
  const note = (c: number): string | undefined => (sweep ? beyondLargestRunNote(c, sweep.largestRunFlops, sweep.file) : preset ? beyondPresetNote(c, preset) : undefined);
  return [...new Set(budgets)].map(note).filter((n): n is string => n !== undefined);
}

function constrainedText(c: NonNullable<AllocateJson['constrained']>, level: number): string {
  const lv = `${Number((level * 100).toPrecision(3))}%`;
  const head = `with ${fmt(c.uniqueTokens)} unique tokens (repeats decay with R_D* ${fmt(c.RD)}, excess parameters with R_N* ${fmt(c.RN)}: ${c.decaySource}):`;
  const header = ['budget (FLOPs)', 'N_opt (params)', 'D_opt (tokens)', 'epochs', 'L*', 'unlimited data: N, D, L*', ...(c.intervals ? [`N ${lv} CI`, `epochs ${lv} CI`, `L* ${lv} CI`] : [])];
  const rows = c.allocations.map((a, k) => {
    const u = a.unconstrained;
    const iv = c.intervals?.[k];
    return [fmt(a.flops), fmt(a.N), fmt(a.D), fmt(a.epochs), fmt(a.loss), `${fmt(u.N)}, ${fmt(u.D)}, ${fmt(u.loss)} (+${fmt(a.excessLoss)})`, ...(iv ? [intervalText(iv.N), intervalText(iv.epochs), intervalText(iv.loss)] : [])];
  });
  return [head, table(header, rows)].join('\n');
}
