// Pieces of `fit` and `predict`'s text: a curve's name, the interval's level, the spikes left out,
// and which warnings are said once for the whole source.
import type { CurveFitJson } from './curveFitJson';
import type { LoadedCurves } from './sourceCurves';
import { fmt } from './numberText';

/** In text, what was said of the whole source is said once, not under each of its curves. */
export function sharedWarnings(loaded: LoadedCurves, results: readonly CurveFitJson[]): ReadonlySet<string> {
  return new Set(results.length > 1 ? loaded.warnings : []);
}

export function describe(group: Record<string, string>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** "95%" for 0.95, "80%" for 0.8. */
export function levelText(level: number | undefined): string {
  return `${Number(((level ?? 0.95) * 100).toPrecision(3))}%`;
}

/**
 * "left 3 loss spikes out of the fit (x = 2100, 5800, 9500)" ("3 loss spikes down-weighted by the
 * Huber loss, left out of BNSL (x = …)" when they stayed in the fit), '' without spikes; at most 8 x values are listed.
 */
export function outlierText(outliers: readonly { x: number }[], downWeighted = false): string {
  if (outliers.length === 0) return '';
  const xs = outliers.slice(0, 8).map((p) => fmt(p.x)).join(', ');
  const more = outliers.length > 8 ? `, … ${outliers.length - 8} more` : '';
  const n = `${outliers.length} loss spike${outliers.length === 1 ? '' : 's'}`;
  return downWeighted ? `${n} down-weighted by the Huber loss, left out of BNSL (x = ${xs}${more})` : `left ${n} out of the fit (x = ${xs}${more})`;
}
