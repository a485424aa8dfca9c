// How a run over many curves went, for the last line of text and the exit status.
import type { CurveFitJson } from './curveFitJson';

/** "28 fitted, 2 failed (1 too few points, 1 constant y)": the last line of a run over many curves. */
export function outcomeSummary(results: readonly CurveFitJson[]): string {
  const bad = results.filter((r) => r.error !== undefined);
  const kinds = new Map<string, number>();
  for (const r of bad) kinds.set(failureKind(r.error!), (kinds.get(failureKind(r.error!)) ?? 0) + 1);
  const why = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${n} ${k}`).join(', ');
  return `${results.length - bad.length} fitted, ${bad.length} failed${bad.length > 0 ? ` (${why})` : ''}`;
}

function failureKind(error: string): string {
  // the specific causes first: "could not choose a law (… y is constant …)" is about the data
  if (/constant/i.test(error)) return 'constant y';
  if (/no rows with numbers/i.test(error)) return 'no numbers';
  // a curve left without points by non-positive values is a wrong column or sign, not bad numbers
  if (/must be positive|non-positive|≤ 0/i.test(error)) return 'non-positive values';
  if (/not a finite|non-finite|missing or infinite/i.test(error)) return 'non-finite values';
  if (/needs at least \d+ points|too few|could not choose a law/i.test(error)) return 'too few points';
  return 'fit failed';
}

/** Exit status of a run over curves: 0 when at least one fitted, 1 when none did. */
export function outcomeStatus(results: readonly CurveFitJson[]): number {
  return results.some((r) => r.error === undefined) ? 0 : 1;
}
