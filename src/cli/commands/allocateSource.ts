// What `allocate` plans from: a fit's JSON, a sweep fitted here as the panel's Plan fits it, or a
// published surface; and what is said of budgets far past the runs behind it.
import { basename } from 'node:path';
import { parseArgs, UsageError } from '../args';
import { pathKind, readFailure, readTextFile } from '../../ingest/files/fileKind';
import { isJsonLinesName } from '../../ingest/formats/jsonlSweep';
import type { ChinchillaParams } from '../../core/laws/chinchilla';
import { PRESETS, presetIds, type SurfacePreset } from '../../core/presets';
import { PLAN_RESAMPLES } from '../../core/surfaceBootstrap';
import { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, surfaceFitJson, type SurfaceFitJson } from './fitSurface';
import { surfaceMetricNote } from '../../core/yMetric';
import { MissingColumnError, shownColumns } from './sweepLawColumns';
import { xKindOf } from '../../ingest/model/keys';
import { PLAN_FIT } from '../../core/sweepSurface';
import { belowSmallestRunNote, beyondLargestRunNote, beyondPresetNote } from '../../core/beyondSweep';
import type { SurfaceBackTest } from '../../core/surfaceBackTest';
import type { SurfaceLawComparison } from '../../core/surfaceLawComparison';
import { isoflopOf } from './isoflopOutput';
import { backTestOf, decayOf, drawsOf, lawBackTestsOf, surfaceOf, sweepOf, type SurfaceDraws, type SweepOrigin } from './fitJsonFields';

export interface Source {
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
  readonly sweep?: SweepOrigin;
  /** A published surface: a budget far past the runs it was fitted on is said, as for a sweep. */
  readonly preset?: SurfacePreset;
  /** The fit's compute back-test on the sweep's largest runs, when the fit has one. */
  readonly backTest?: SurfaceBackTest;
  /** A sweep fitted here: each surface law back-tested on the same runs. */
  readonly lawBackTests?: SurfaceLawComparison;
}

/** A fitted sweep whose Chinchilla fit gives no plan, and the law whose plan stands in for it (core/surfaceLawComparison.ts). */
export interface StandInSource {
  readonly label: string;
  readonly warnings: readonly string[];
  readonly sweep?: SweepOrigin;
  readonly lawBackTests: SurfaceLawComparison & { readonly better: NonNullable<SurfaceLawComparison['better']> };
  readonly chinchillaNoPlan: string;
  /** About the source: the bootstrap skipped for a fit that gives no plan. */
  readonly notes: readonly string[];
}

/** What --from or --preset names, read and parsed once; a fit file: its surface, and whatever refits, profiles and decay constants it holds. */
export async function planSource(from: string | undefined, preset: string | undefined): Promise<Source | StandInSource> {
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
    const fit = parsed as { noPlan?: unknown; converged?: unknown; reason?: unknown; law?: unknown; y?: unknown } | null;
    // the y column a saved fit records: a perplexity's or bits' surface is said as `fit` said it (a sweep
    // fitted here has said it in its warnings already; a fit saved before it recorded y says nothing)
    if (!fittedHere && typeof fit?.y === 'string') {
      const note = surfaceMetricNote(fit.y, typeof fit.law === 'string' ? fit.law : 'chinchilla');
      if (note) warnings.push(note);
    }
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

/** What the panel's Plan says of each budget far past the sweep or the preset's runs the surface was fitted to (none for a fit's JSON that does not say its largest run). */
export function sweepNotes({ sweep, preset }: Pick<Source, 'sweep' | 'preset'>, budgets: readonly number[]): string[] {
  const below = (c: number, s: SweepOrigin): string | undefined => (s.smallestRunFlops !== undefined ? belowSmallestRunNote(c, s.smallestRunFlops, `the smallest run in ${s.file}`) : undefined);
  const note = (c: number): string | undefined => (sweep ? beyondLargestRunNote(c, sweep.largestRunFlops, sweep.file) ?? below(c, sweep) : preset ? beyondPresetNote(c, preset) : undefined);
  return [...new Set(budgets)].map(note).filter((n): n is string => n !== undefined);
}
