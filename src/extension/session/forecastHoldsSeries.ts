// A watch follows the val loss once it has points enough for the laws (4), but the schedule-aware
// forecast needs 6 (core/schedule/forecastPrefix.ts cleanPrefix). Switching at 4 took away a forecast the
// train loss had: an HF run watched from 10% lost its "2.979 at end" for two evals, the block
// reading "a forecast needs at least 6 logged losses (got 4)". While a forecast is asked for, the
// watch waits for the val loss to have the forecast's points too.
import type { SourceData } from '../../ingest/model/model';
import { MIN_FORECAST_LOSSES } from '../../core/schedule/forecast';

/** The most points series `key` has against steps in any run: finite step ≥ 1 and a positive loss. */
function stepPoints(source: SourceData, key: string): number {
  let most = 0;
  for (const run of source.runs) {
    const s = run.series.find((x) => x.key === key);
    const steps = s?.x.step;
    if (!s || !steps) continue;
    let n = 0;
    for (let i = 0; i < s.y.length; i++) if (steps[i]! >= 1 && s.y[i]! > 0 && Number.isFinite(s.y[i]!)) n++;
    most = Math.max(most, n);
  }
  return most;
}

/**
 * True when the watch should keep its series rather than follow `next` now: a forecast is asked
 * for the series shown, and `next` has steps but too few losses on them for one. A series with no
 * step axis never gets a forecast: it is followed at once.
 */
export function forecastHoldsSeries(source: SourceData, next: string, forecastAsked: boolean): boolean {
  if (!forecastAsked) return false;
  const n = stepPoints(source, next);
  return n > 0 && n < MIN_FORECAST_LOSSES;
}
