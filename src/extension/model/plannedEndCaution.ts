// A target past the step a run is planned to end at (its config's schedule, or the max_steps its
// log records): this run never gets there, and a run that did would have its own, longer schedule,
// so the laws' number there is no loss this run will show. Said beside the headline.
import { formatAmount } from '../../core/units';
import type { ForecastInput } from './forecastInput';

export function plannedEndCaution(input: ForecastInput | undefined, x: number): string | undefined {
  const stated = input?.configSchedule?.ok ? input.configSchedule.spec.total : undefined;
  const end = stated ?? input?.plannedSteps;
  const endX = end !== undefined ? input?.xOf?.(end) : undefined;
  if (end === undefined || endX === undefined || !(x > endX * 1.001)) return undefined;
  const where = stated !== undefined ? "its config's schedule" : 'the max_steps its log records';
  return `this run is planned to end at step ${formatAmount(end)} (${where}); the target is past that end, where a longer run would follow its own schedule (the Forecast block gives the loss at the end)`;
}
