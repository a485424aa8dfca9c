// How far a plan's budget lies past the sweep its surface was fitted on: one note for the panel's
// Plan and `allocate --from SWEEP` (or `--preset`: past the runs the published surface was fitted on). Pure.
import { extent } from './arrayStats';
import { exponentText, formatAmount } from './units';
import type { SurfacePreset } from './presets';

/** How far past a sweep's largest run a plan may go before it says so (an order of magnitude). */
export const BEYOND_SWEEP_FACTOR = 10;

/** A sweep's runs by parameter count and token count, in the same order. */
export interface SweepRuns {
  readonly N: ArrayLike<number>;
  readonly D: ArrayLike<number>;
}

/** The compute of a sweep's largest run, 6·N·D; 0 for no runs. */
export function largestRunFlops(runs: SweepRuns): number {
  let largest = 0;
  for (let i = 0; i < runs.N.length; i++) largest = Math.max(largest, 6 * runs.N[i]! * runs.D[i]!);
  return largest;
}

/** The compute of a sweep's smallest run, 6·N·D; Infinity for no runs. */
export function smallestRunFlops(runs: SweepRuns): number {
  let smallest = Infinity;
  for (let i = 0; i < runs.N.length; i++) smallest = Math.min(smallest, 6 * runs.N[i]! * runs.D[i]!);
  return smallest;
}

/** beyondLargestRunNote for a sweep's runs, or belowSmallestRunNote for a budget far under them. */
export function beyondSweepNote(budget: number, runs: SweepRuns, file: string): string | undefined {
  return beyondLargestRunNote(budget, largestRunFlops(runs), file) ?? belowSmallestRunNote(budget, smallestRunFlops(runs), `the smallest run in ${file}`);
}

/**
 * A budget well under the sweep's smallest run (`smallest`, 6·N·D) is as far from what was measured
 * as one well past its largest, and its split is the surface carried down there: said, as above.
 * Undefined within a decade of it, and for a smallest run that is not a positive compute (a fit's
 * JSON that does not say it). `what`: "the smallest run in sweep.csv"; `from`: where a preset's runs
 * are stated. FLOPs in e-notation, as the plan's table writes them ("1e14", not "100T").
 */
export function belowSmallestRunNote(budget: number, smallest: number, what: string, from?: string): string | undefined {
  if (!(smallest > 0) || !Number.isFinite(smallest) || !(budget * BEYOND_SWEEP_FACTOR < smallest)) return undefined;
  const runs = from === undefined ? `6·N·D ≈ ${exponentText(smallest)} FLOPs` : `≈ ${exponentText(smallest)} FLOPs, ${from}`;
  return `${exponentText(budget)} FLOPs is ${timesText(smallest / budget)}× below the compute of ${what} (${runs}): this split is the surface carried that far down, where none of its runs lie.`;
}

/**
 * A budget well past the sweep's largest run (`largest`, its compute as 6·N·D): how far, said
 * beside the plan, since the split there is the fitted surface carried that far and its intervals
 * count the sweep's noise only, not a law that bends on the way. Undefined within a decade of the
 * sweep, and for a largest run that is not a positive compute (a fit that does not say it).
 */
export function beyondLargestRunNote(budget: number, largest: number, file: string): string | undefined {
  const times = timesPast(budget, largest);
  if (times === undefined) return undefined;
  return `${formatAmount(budget)} FLOPs is ${times}× the compute of the largest run in ${file} (6·N·D ≈ ${formatAmount(largest)} FLOPs): this split is the fitted surface extrapolated that far, and its intervals count the sweep's noise, not a change of the law on the way.`;
}

/** The same note for a published surface (core/presets.ts), past the largest run it was fitted on. */
export function beyondPresetNote(budget: number, preset: SurfacePreset): string | undefined {
  const [smallest, largest] = preset.fittedOn.flops;
  const times = timesPast(budget, largest);
  if (times === undefined) return belowSmallestRunNote(budget, smallest, `the smallest run the ${preset.id} preset was fitted on`, preset.fittedOn.from);
  return `${formatAmount(budget)} FLOPs is ${times}× the compute of the largest run the ${preset.id} preset was fitted on (≈ ${formatAmount(largest)} FLOPs, ${preset.fittedOn.from}): this split is the published surface extrapolated that far, and nothing in it says whether the law changes on the way.`;
}

/** "7,692", "7.69e27": how many times `largest` the budget is, when over BEYOND_SWEEP_FACTOR times; else undefined. */
function timesPast(budget: number, largest: number): string | undefined {
  if (!(largest > 0) || !Number.isFinite(largest) || !(budget > BEYOND_SWEEP_FACTOR * largest)) return undefined;
  return timesText(budget / largest);
}

/** "104", "1,667", "2.5e7": how many times past the largest run, one wording for the note and the compute back-test's line. */
export function timesText(factor: number): string {
  return factor < 1e6 ? Math.round(factor).toLocaleString('en-US') : formatAmount(factor);
}

/** The range of model sizes and of token counts a sweep's runs cover. */
export interface SweepSpan {
  readonly N: readonly [number, number];
  readonly D: readonly [number, number];
}

/** The smallest and largest N and D of a sweep's runs; undefined for no runs. */
export function sweepSpan(runs: SweepRuns): SweepSpan | undefined {
  if (runs.N.length === 0) return undefined;
  return { N: extent(runs.N), D: extent(runs.D) };
}

/**
 * A model size or token count asked for ("loss of 100M on 10T tokens") far outside the sweep's: its
 * budget 6·N·D may lie within a decade of the runs while D is 140× any run's, the surface's D term
 * carried that far, which the note on the budget alone does not say. Undefined within a decade of
 * both ranges.
 */
export function pointBeyondSweepNote(N: number, D: number, span: SweepSpan, file: string): string | undefined {
  const far = (v: number, [lo, hi]: readonly [number, number], what: string, most: string, least: string, unit: string): string | undefined => {
    if (v > BEYOND_SWEEP_FACTOR * hi) return `${what} = ${formatAmount(v)}${unit} is ${timesText(v / hi)}× ${most} in ${file} (${formatAmount(hi)})`;
    if (v * BEYOND_SWEEP_FACTOR < lo) return `${what} = ${formatAmount(v)}${unit} is ${timesText(lo / v)}× below ${least} in ${file} (${formatAmount(lo)})`;
    return undefined;
  };
  const parts = [far(N, span.N, 'N', 'the largest model', 'the smallest model', ''), far(D, span.D, 'D', 'the most tokens of any run', 'the fewest tokens of any run', ' tokens')].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return undefined;
  return `${parts.join('; ')}: the loss there is the fitted surface carried that far${parts.length === 2 ? ' along both' : ` along ${parts[0]!.startsWith('N') ? 'N' : 'D'}`}, and its interval counts the sweep's noise, not a change of the law on the way.`;
}
