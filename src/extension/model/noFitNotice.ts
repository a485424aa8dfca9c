// A curve that no law could be fitted to (a constant loss, too few distinct x): the panel showed its
// points and no headline, the reason only in red in every row of the table further down. Said on
// top instead, once, with the reason the laws share. Pure.
import type { AnalyzedCurve } from '../panel/viewModel';

/** Why the curves shown have no prediction, when every law failed on one of them; undefined else. */
export function noFitNotice(curves: readonly AnalyzedCurve[]): string | undefined {
  const said: string[] = [];
  for (const c of curves) {
    const laws = c.analysis.estimators;
    // no estimators yet: a fit on its way, not a failed one
    if (c.analysis.auto !== null || laws.length === 0 || !laws.every((e) => e.error !== undefined)) continue;
    const reasons = new Set(laws.map((e) => e.error!.replace(/^cannot fit: /, '')));
    const why = reasons.size === 1 ? `: ${[...reasons][0]}` : ` (each law's reason is in the table)`;
    said.push(`${c.label}: no law could be fitted, so there is no prediction${why}.`);
  }
  return said.length > 0 ? said.join(' ') : undefined;
}
