import type { LmResult } from './lm';

/**
 * The warning for a run stopped on a flat objective (`LmResult.flat`), naming its parameters by
 * `names` (one per constraint, in order); undefined when the run did not stop that way.
 */
export function flatObjectiveWarning(run: LmResult, names: readonly string[]): string | undefined {
  if (!run.flat) return undefined;
  const list = (ks: readonly number[]): string => ks.map((k) => names[k] ?? `#${k}`).join(', ');
  const parts: string[] = [];
  if (run.flat.drifting.length > 0) parts.push(`still drifting along a flat valley: ${list(run.flat.drifting)}`);
  if (run.flat.atBound.length > 0) parts.push(`at the limit of their allowed range: ${list(run.flat.atBound)}`);
  return `the fit stopped improving at the iteration cap (${run.reason})${parts.length ? `; ${parts.join('; ')}` : ''}`;
}
