// An IsoFLOP sweep's headline: Approach 2 on the sweep's own rows (the exponent of N_opt ∝ C^a with
// its bootstrap interval, and each budget's lowest point), what the panel leads with while the
// sweep's curves are all shown and no one curve's prediction is the answer. The same fit and
// resamples as the Plan view's IsoFLOP part, on every row of the sweep (the plan's leaves out runs
// far above its surface first). Pure.
import { PLAN_FIT } from '../../core/sweepSurface';
import { ScalingLensError } from '../../core/types';
import type { SourceData } from '../../ingest/model/model';
import { isSizeSweep } from '../../ingest/model/sizeSweep';
import type { SweepHeadline } from '../../shared/protocol';
import { isoflopBudgetRows, isoflopPlanInputs } from './isoflopPlan';
import { surfaceData } from './surface';

/** Sweeps of up to this many rows get the exponent's interval in the headline (about 0.1 s). */
const RESAMPLED_ROWS = 200;

// the panel asks on every render; a source is a new object on each snapshot of a watched file
const cache = new WeakMap<SourceData, Map<string, SweepHeadline | null>>();

/** The headline of series `y` of an IsoFLOP sweep; undefined when the source is no IsoFLOP design. */
export function sweepHeadline(source: SourceData, y: string): SweepHeadline | undefined {
  let byY = cache.get(source);
  if (!byY) cache.set(source, (byY = new Map()));
  let headline = byY.get(y);
  if (headline === undefined) {
    headline = compute(source, y) ?? null;
    byY.set(y, headline);
  }
  return headline ?? undefined;
}

function compute(source: SourceData, y: string): SweepHeadline | undefined {
  // the file's own rows, not the panel's sweep across sized runs (losses read mid-schedule)
  const data = surfaceData({ ...source, runs: source.runs.filter((r) => !isSizeSweep(r)) }, y);
  if (!data) return undefined;
  // the headline is drawn on the extension host as the panel opens: a large sweep's resamples
  // (2.5 s at 1,000 rows, 23 s at 10,000) are left to the Plan, which fits on request
  const rows = data.loss.length;
  const resamples = rows <= RESAMPLED_ROWS ? PLAN_FIT.resamples! : 0;
  let p;
  try {
    p = isoflopPlanInputs(data, resamples, PLAN_FIT.seed!);
  } catch (err) {
    // an IsoFLOP design whose valleys place no line: the headline says why, not nothing
    if (err instanceof ScalingLensError) return { rows: [], notes: [err.message] };
    throw err;
  }
  if (!p) return undefined;
  return {
    exponent: p.fit.a,
    ...(p.exponentInterval ? { exponentInterval: p.exponentInterval, ...(p.level !== undefined ? { level: p.level } : {}) } : {}),
    rows: isoflopBudgetRows(p.fit),
    notes: [...p.fit.warnings, ...(p.intervalNote ? [p.intervalNote] : []), ...(resamples === 0 ? [`no interval on the exponent here for a sweep of ${rows} rows (resampling it would hold up the panel): Plan from this sweep gives it`] : [])],
  };
}
