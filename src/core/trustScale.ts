// The trust line's miss carried out to a target past every rehearsal. Quoted alone there, the
// farthest rehearsal's miss read too small: on the real curves and the RNSL benchmark the actual
// miss at such targets was a median 1.7× the figure quoted, within 2× of it in 53% of cases; scaled
// by the ratio of log distances (the back-test's miss growing in proportion to log(x / x_max_fit),
// as core/calibrate.ts's error rate assumes) it was 0.77× and 78% (bench/trustLine.ts). Pure.

/**
 * missedBy × log(targetFactor) / log(factor) when the target lies beyond the rehearsals (`beyond`
 * with its own factor), else undefined: "10× is further than the laws' back-tests reach (scaled by
 * log distance, about 2.5% there)" for a 3× rehearsal that missed by 1.2%.
 */
export function missAtTarget(t: { readonly factor: number; readonly missedBy: number; readonly beyond?: boolean; readonly targetFactor?: number }): number | undefined {
  if (!t.beyond || t.targetFactor === undefined) return undefined;
  const rehearsed = Math.log(t.factor);
  const target = Math.log(t.targetFactor);
  if (!(rehearsed > 0) || !(target > rehearsed)) return undefined;
  const v = (t.missedBy * target) / rehearsed;
  return Number.isFinite(v) ? v : undefined;
}
