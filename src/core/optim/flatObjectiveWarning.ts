import type { LmResult } from './lm';

/**
 * The warning for a run stopped at the iteration cap, on a flat objective (`LmResult.flat`) or on
 * one still falling (`LmResult.stillFalling`), naming the parameters that moved by `names` (one per
 * constraint, in order); undefined when the run did not stop at the cap, or, still falling, moved none.
 */
export function flatObjectiveWarning(run: LmResult, names: readonly string[]): string | undefined {
  const moved = run.flat ?? run.stillFalling;
  if (!moved) return undefined;
  const list = (ks: readonly number[]): string => ks.map((k) => names[k] ?? `#${k}`).join(', ');
  const parts: string[] = [];
  if (moved.drifting.length > 0) parts.push(`${run.flat ? 'still drifting along a flat valley' : 'still moving'}: ${list(moved.drifting)}`);
  if (moved.atBound.length > 0) parts.push(`at the limit of their allowed range: ${list(moved.atBound)}`);
  // a run still falling already says its reason in fitResult's 'stopped without converging'
  if (!run.flat) return parts.length ? `at the iteration cap, ${parts.join('; ')}` : undefined;
  return `the fit stopped improving at the iteration cap (${run.reason})${parts.length ? `; ${parts.join('; ')}` : ''}`;
}
