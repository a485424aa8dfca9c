// What the headline says beside a prediction: why one past the data is in doubt, a target outside
// the data, the curve's own back-test trust and one value's scatter, and a reach answer as it stands
// for the points shown now. Pure.
import type { CurveAnalysis, EstimatorReport, Point } from '../../core/analysis';
import { maxBy, minBy } from '../../core/arrayStats';
import { outsideTheRange } from '../../core/outsideTheData';
import { formatAmount, scatterText } from '../../core/units';
import { upturnWarningOf } from '../../core/accuracyFit';
import { twoPointCaution } from '../../core/fewPoints';
import type { PredictionView } from '../../shared/protocol';

/**
 * Why a prediction past the data is in doubt: only 2 fit points, the loss has turned up, the schedule bends it (the LR
 * has already decayed, or the target is past the run's planned end: `schedule`), or the points are
 * losses read mid-run (`across`).
 */
export function cautionOf(a: CurveAnalysis, x: number, schedule?: string, across?: string, diverged?: string, fall?: string, outside?: string): { caution?: string } {
  const beyond = a.fitPoints.length > 0 && x > maxBy(a.fitPoints, (p) => p.x);
  const why = [...(beyond ? [twoPointCaution(a.fitPoints.length), diverged, upturnWarningOf(a), fall, schedule, across] : []), outside].filter((w): w is string => !!w);
  return why.length > 0 ? { caution: why.join('; ') } : {};
}

/**
 * A target before the first point drawn (no law was fitted there) or thousands of times past the
 * last, said as the CLI says it: often a target typed in another unit.
 */
export function outsideOf(a: CurveAnalysis, x: number, xKind: string | undefined): string | undefined {
  const lists = [a.warmupPoints ?? [], a.fitPoints, a.heldOutPoints].filter((l) => l.length > 0);
  if (lists.length === 0) return undefined;
  const first = Math.min(...lists.map((l) => minBy(l, (p) => (p.x > 0 ? p.x : Infinity))));
  const last = Math.max(...lists.map((l) => maxBy(l, (p) => p.x)));
  return outsideTheRange([x], first, last, xKind)[0];
}

/** The prediction's back-test trust (`of`: what was fitted, when not the value shown), missing-interval reason and one value's scatter at x, as optional PredictionView fields. */
export function trustOf(report: EstimatorReport, x: number, level: number, smoothed: boolean, of?: string): Pick<PredictionView, 'trust' | 'intervalNote' | 'scatterNote'> {
  const p = report.predictions.find((q) => q.x === x);
  const t = p?.trust;
  const trust = t && Number.isFinite(t.factor) && Number.isFinite(t.missedBy) ? { factor: t.factor, missedBy: t.missedBy, ...(t.beyond && Number.isFinite(t.targetFactor) ? { beyond: true, targetFactor: t.targetFactor } : {}), ...(of ? { of } : {}) } : undefined;
  const scatterNote = p?.lo !== undefined ? scatterText(p.scatter, `${Math.round(level * 100)}%`, smoothed) : '';
  return { ...(trust ? { trust } : {}), ...(p?.intervalNote ? { intervalNote: p.intervalNote } : {}), ...(scatterNote ? { scatterNote } : {}) };
}

/**
 * A reach answer as it stands for the points now shown: a watched log that grew since it was
 * asked makes it an answer of older data, and one that got to the x it named leaves it behind.
 */
export function reachedNow(r: { readonly text: string; readonly dataEnd: number; readonly x: number }, points: readonly Point[]): string {
  const end = maxBy(points, (p) => p.x);
  if (!(end > r.dataEnd)) return r.text;
  if (end >= r.x) return `${r.text} (asked when the data ended at ${formatAmount(r.dataEnd)}; the data have reached that x since: ask again)`;
  return `${r.text} (asked when the data ended at ${formatAmount(r.dataEnd)}; the log has grown since to ${formatAmount(end)}: ask again for an answer from all of it)`;
}
