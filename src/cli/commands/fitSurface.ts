// `scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K]`:
// fits a scaling-law surface (or another sweep law: Kaplan's, chinchilla-dc) to a CSV or JSONL sweep (one row
// per finished run), read by the one sweep reader (ingest/model/sweepTable.ts), and prints the parameters,
// their bootstrap intervals and the compute-optimal frontier. The `fit` command delegates here
// for the surface laws (isSurfaceLaw); this module can also be used on its own.
import { basename } from 'node:path';
import { bootstrapArg, UsageError, one, seedArg, type ParsedArgs } from '../args';
import { optimalAllocation, type Allocation } from '../../core/allocation';
import { getLaw } from '../../core/laws/index';
import { allocationIntervals, type SurfaceBootstrap } from '../../core/surfaceBootstrap';
import { fitSweepSurface, type FarRun } from '../../core/sweepSurface';
import type { Observations } from '../../core/types';
import { isManyLeftOutNote } from '../../ingest/model/sweepRowNotes';
import { printText } from '../textAnswer';
import { compactJson } from './surfaceOutput';
import { isoflopJson, type IsoflopJson } from './isoflopOutput';
import { outlierNote } from '../../core/outlierRuns';
import { implausibleScale } from '../../core/surfaceDesign';
import { beyondSweepNote, largestRunFlops, smallestRunFlops, sweepSpan, type SweepSpan } from '../../core/beyondSweep';
import { sweepBackTest, type SurfaceBackTest } from '../../core/surfaceBackTest';
import { compareSurfaceLaws, standInFor, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import { surfaceFitText } from './surfaceFitText';
import { readSurface, rowsAt, withRowsLeftOut, type SurfaceData } from './readSurface';

/** Laws this module fits, and the flags it reads (for the `fit` command's parser). */
export const SURFACE_LAW_IDS = ['chinchilla', 'chinchilla-dc', 'kaplan-nd', 'kaplan-ns', 'kaplan-n', 'kaplan-d', 'kaplan-c'] as const;
export const SURFACE_FIT_VALUED = ['law', 'n', 'd', 'c', 's', 'u', 'y', 'bootstrap', 'seed', 'group'] as const;
export const SURFACE_FIT_BOOLEANS = ['json', 'quick', 'keep-outliers'] as const;

export function isSurfaceLaw(id: string | undefined): boolean {
  return id !== undefined && (SURFACE_LAW_IDS as readonly string[]).includes(id.toLowerCase());
}

export const SURFACE_FIT_HELP = [
  'scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K] [--seed S] [--group COL] [--quick] [--keep-outliers] [--json]',
  '  Fit L(N, D) = E + A/N^α + B/D^β to a CSV or .jsonl sweep (one row or object per run: parameters, tokens or',
  '  compute, final loss), or to a folder of finished runs (a row per run that states its planned length and',
  '  reached it: its size from its name or config, its tokens and its loss at the end).',
  '  --c COL gives compute in FLOPs instead of tokens (D = C / 6N). --bootstrap K adds 95% intervals from K',
  '  resamples (of rows, or of --group runs); --json prints what `allocate --from` reads (with largestRunFlops,',
  '  the 6·N·D of the largest run fitted, so that it notes a budget over 10× that).',
  '  The fit runs BFGS from the 4,500-start grid of the Epoch replication; --quick uses every 10th start (of',
  '  kaplan-nd\'s 108-start grid too).',
  '  Rows whose loss is nan, inf or blank (diverged or crashed runs) are left out, named in a warning, and so are',
  '  rows whose N, D or loss is text, blank or not positive, and runs whose State or status column says crashed, failed,',
  '  killed or running (W&B, MLflow): the rows the panel\'s Plan fits. Every law here reads',
  '  its columns so (a row without the counts it fits is left out). Rows that repeat an earlier row\'s counts (seeds,',
  '  a row pasted twice) are fitted and named; more than a quarter of the rows left out is said first of the',
  '  warnings (on stderr, as every warning in text, and with --json). A run far above the fitted surface (log residual over 6 robust σ of the',
  '  other rows\' and over 10%: a diverged or failed run) is left out and the surface refitted without it, named',
  '  in a warning and in JSON "outliers"; --keep-outliers fits every row and only names them.',
  '  Other surface laws: --law chinchilla-dc (--u COL: unique tokens; else a unique_tokens or U column), kaplan-nd (--n, --d), kaplan-ns (--n, --s steps),',
  '  kaplan-n / kaplan-d / kaplan-c (one of --n, --d, --c; kaplan-c without a compute column takes C = 6·N·D).',
].join('\n');

/** Decade budgets from the sweep's smallest compute to 1000× its largest (at most 10 rows). */
export function frontierBudgets(obs: Observations): number[] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < obs.y.length; i++) {
    const c = 6 * obs.x[i] * (obs.x2?.[i] ?? NaN);
    if (Number.isFinite(c)) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
  }
  if (!(hi > 0)) return [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi)) + 3;
  const stride = Math.max(1, Math.ceil((last - first + 1) / 10));
  const out: number[] = [];
  for (let e = first; e <= last; e += stride) out.push(10 ** e);
  return out;
}

export interface SurfaceOutlier {
  /** The row's line in the table (absent for a folder's finished runs). */
  row?: number;
  /** The law's inputs there, as N, D. */
  at: Record<string, number>;
  loss: number;
  fitted: number;
}

function outlierRow(law: string, data: SurfaceData, run: FarRun): SurfaceOutlier {
  const { x, x2, x3, y } = data.obs;
  const i = run.index;
  const values = [x[i]!, x2?.[i], x3?.[i]];
  const at = Object.fromEntries(getLaw(law).inputs.map((name, k) => [name, values[k]!]));
  return { ...(data.lines ? { row: data.lines[i] } : {}), at, loss: y[i]!, fitted: run.fitted };
}

/** "left a run out of the surface fit as an outlier: row 16 (N = 4.1e8, D = 3e10), loss 10.8 against 2.62 from the surface through the other runs." */
function outlierRowNote(o: SurfaceOutlier, kept: boolean): string {
  const at = Object.entries(o.at).map(([name, v]) => `${name} = ${v.toPrecision(3)}`).join(', ');
  const run = o.row === undefined ? at : `row ${o.row} (${at})`;
  if (!kept) return outlierNote('the surface fit', run, o.loss, { value: o.fitted, from: 'the surface through the other runs' });
  return `a run far above the surface, kept in the fit (--keep-outliers): ${run}, loss ${o.loss.toPrecision(3)} against ${o.fitted.toPrecision(3)} from the surface.`;
}

export interface SurfaceFitJson {
  law: string;
  file: string;
  /** The column fitted as y ("val_bpb"; a folder's: the metric its runs logged): `allocate --from` says what a perplexity's or bits' surface means, as the fit does. */
  y?: string;
  points: number;
  params: Record<string, number>;
  objective: number;
  converged: boolean;
  reason: string;
  /** Rows far above the surface (core/outlierRuns.ts): left out of the fit unless --keep-outliers; `fitted` is the surface's loss there. */
  outliers: SurfaceOutlier[];
  warnings: string[];
  starts?: number;
  bootstrap?: {
    resamples: number;
    level: number;
    failed: number;
    gridRefits: number;
    params: SurfaceBootstrap['params'];
    allocations: SurfaceBootstrap['allocations'];
    /** Every successful refit as [E, A, B, alpha, beta]: what `allocate --from` turns into intervals at any budget. */
    draws: number[][];
  };
  /** Why --bootstrap K gave no refits: the fit gives no plan (`noPlan`). */
  bootstrapSkipped?: string;
  frontier?: Allocation[];
  /** Why the fit gives no compute-optimal frontier (core/surfaceDesign.ts); `allocate --from` refuses it. */
  noPlan?: string;
  /** An IsoFLOP sweep's Approach 2 (N_opt ∝ C^a from each budget's valley), at the frontier's budgets. */
  isoflop?: IsoflopJson;
  /** 6·N·D of the largest run the surface went through (chinchilla, chinchilla-dc): `allocate --from` says when a budget is over 10× it. */
  largestRunFlops?: number;
  /** 6·N·D of the smallest: `allocate --from` says when a budget is under a tenth of it. */
  smallestRunFlops?: number;
  /** The runs' range of N and of D: `allocate --from --n N --d D` says when either is over 10× outside it. */
  runsSpan?: SweepSpan;
  /** The surface refitted to the smaller runs and scored on the largest (core/surfaceBackTest.ts), or why not. */
  backTest?: SurfaceBackTest;
  /**
   * A chinchilla fit: each surface law back-tested on the same runs, Chinchilla's first, and the law
   * whose plan is shown beside Chinchilla's, or instead of it when its fit gives none
   * (core/surfaceLawComparison.ts); `backTest` is Chinchilla's. What `allocate --from` compares from.
   */
  lawBackTests?: SurfaceLawComparison;
}

export async function runSurfaceFit(args: ParsedArgs): Promise<number> {
  const out = await surfaceFitJson(args);
  const json = args.switches.has('json');
  // most of the file left out is said where a piped --json does not hide it, and first of the text's warnings
  if (json) {
    printText({ answer: '', warnings: out.warnings.filter(isManyLeftOutNote) });
    console.log(compactJson(out));
  } else printText(surfaceFitText(out));
  return 0;
}

/**
 * `fit --law chinchilla …` (or another surface law) as its JSON: what `allocate --from` plans from,
 * Chinchilla's with the other surface laws back-tested beside it, so that a saved fit compares them too.
 */
export async function surfaceFitJson(args: ParsedArgs): Promise<SurfaceFitJson> {
  const law = (one(args, 'law') ?? '').toLowerCase();
  if (!isSurfaceLaw(law)) throw new UsageError(`--law must be one of ${SURFACE_LAW_IDS.join(', ')} for a surface fit; got "${law}"`);
  if (args.positional.length !== 1) throw new UsageError('fit needs exactly one CSV or JSONL file, or a folder of finished runs');
  const path = args.positional[0];
  // 0 is none, as for a curve fit
  const resamples = bootstrapArg(args, 100000) || undefined;
  const seed = seedArg(args) ?? 1;
  if (resamples !== undefined && law !== 'chinchilla') throw new UsageError(`--bootstrap is available for --law chinchilla only`);
  const read = await readSurface(args, law, path);
  const swept = withRowsLeftOut(read, () => fitSweepSurface(law, read.obs, { seed, ...(resamples !== undefined ? { resamples } : {}), keepOutliers: args.switches.has('keep-outliers'), quick: args.switches.has('quick'), ...(read.groups ? { groups: read.groups } : {}) }));
  const { fit, surface, starts, noPlan } = swept;
  const keep = args.switches.has('keep-outliers') || swept.far.length === 0;
  const data = keep ? read : rowsAt(read, swept.kept);
  const outliers = swept.far.map((run) => outlierRow(law, read, run));

  const hasD = law === 'chinchilla' || law === 'chinchilla-dc';
  const budgets = hasD ? frontierBudgets(data.obs) : [];
  const canPlan = surface !== undefined && noPlan === undefined;
  const front = canPlan ? budgets.map((c) => optimalAllocation(surface!, c)) : undefined;
  const boot = swept.bootstrap;
  const bootAllocations = boot ? allocationIntervals(boot.draws, canPlan ? budgets : [], boot.level) : [];

  const out: SurfaceFitJson = {
    law,
    file: path,
    ...(read.y !== undefined ? { y: read.y } : {}),
    points: data.points,
    outliers,
    params: { ...fit.params },
    objective: fit.objective,
    converged: fit.converged,
    reason: fit.reason,
    warnings: [...data.reading, ...(data.note ? [data.note] : data.chosen.length ? [`columns not given, taken from the header: ${data.chosen.join(' ')}`] : []), ...fit.warnings],
    starts,
    bootstrap: boot && { resamples: boot.resamples, level: boot.level, failed: boot.failed, gridRefits: boot.gridRefits, params: boot.params, allocations: bootAllocations, draws: boot.draws.map((d) => [d.E, d.A, d.B, d.alpha, d.beta]) },
    ...(swept.bootstrapSkipped ? { bootstrapSkipped: swept.bootstrapSkipped } : {}),
    frontier: front,
    ...(noPlan ? { noPlan } : {}),
  };
  out.warnings.push(...outliers.map((o) => outlierRowNote(o, keep)));
  if (noPlan) out.warnings.push(noPlan);
  const scale = data.obs.x2 && hasD ? implausibleScale(data.obs.x, data.obs.x2, { n: one(args, 'n') ?? 'N', d: one(args, 'd') ?? 'D' }) : undefined;
  if (scale) out.warnings.push(scale);
  if (hasD && data.obs.x2) {
    out.largestRunFlops = largestRunFlops({ N: data.obs.x, D: data.obs.x2 });
    out.smallestRunFlops = smallestRunFlops({ N: data.obs.x, D: data.obs.x2 });
    // a frontier row far past the largest run (or under the smallest) is the surface carried there:
    // said in its own warnings, as `allocate --from` and the Plan say it of a budget
    const runs = { N: data.obs.x, D: data.obs.x2 };
    out.frontier = out.frontier?.map((a) => {
      const far = beyondSweepNote(a.flops, runs, basename(path));
      return far ? { ...a, warnings: [...a.warnings, far] } : a;
    });
    const span = sweepSpan({ N: data.obs.x, D: data.obs.x2 });
    if (span) out.runsSpan = span;
  }
  const backTestOpts = { seed, keepOutliers: args.switches.has('keep-outliers') };
  const standIn = law === 'chinchilla' ? standInFor(noPlan, data.obs) : undefined;
  if (law === 'chinchilla' && (!noPlan || standIn)) {
    out.lawBackTests = compareSurfaceLaws(data.obs, backTestOpts, standIn);
    if (!noPlan) out.backTest = out.lawBackTests.backTests[0]!.backTest;
  } else if (getLaw(law).inputs[1] === 'D' && !noPlan) out.backTest = sweepBackTest(law, data.obs, backTestOpts);
  if (law === 'chinchilla' && data.obs.x2) {
    const iso = isoflopJson({ N: data.obs.x, D: data.obs.x2, loss: data.obs.y }, budgets, resamples, seed);
    if (iso.json) out.isoflop = iso.json;
    if (iso.note) out.warnings.push(iso.note);
  }
  return out;
}

