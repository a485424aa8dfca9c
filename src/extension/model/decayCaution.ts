// A run whose learning rate has already decayed a long way: its recent fall is partly the decay's,
// which ends with the schedule, but the laws carry that slope on past the data. Said beside the
// headline, so an extrapolation from a finished cosine or WSD run is read with that in mind.
import { formatPercent } from '../../core/units';
import type { ForecastInput } from './forecastInput';

/** Below this share of its peak, the LR counts as decayed enough to bend the loss. */
const DECAYED = 0.5;

/** The caution, pointing at the Forecast block only when it shows a forecast (`forecastShown`): not at one that failed or waits for a schedule. */
export function decayCaution(input: ForecastInput | undefined, forecastShown = false): string | undefined {
  const lr = input?.lr?.lr;
  if (!lr || lr.length < 2) return undefined;
  let peak = 0;
  let last = NaN;
  for (let i = 0; i < lr.length; i++) {
    const v = lr[i]!;
    if (!Number.isFinite(v)) continue;
    if (v > peak) peak = v;
    last = v;
  }
  if (!(peak > 0) || !(last < DECAYED * peak)) return undefined;
  return `the learning rate (${input!.lr!.key}) has decayed to ${formatPercent(last / peak)} of its peak by the last step: part of the recent fall is the decay's, which stops when the schedule ends, and the laws here carry it on${forecastShown ? ' (the Forecast block follows the schedule)' : ''}`;
}
