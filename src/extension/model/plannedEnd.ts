// A target past the step a run is planned to end at (the schedule set on the panel, its config's
// schedule, or the planned length its log or config records): this run never gets there, and a run that did would have its own, longer
// schedule, so the laws' number there is no loss this run will show. Said beside the headline, and
// drawn on the chart.
import { formatAmount, targetNumberText } from '../../core/units';
import type { ForecastInput } from './forecastInput';
import { COLOR_MUTED, type Marker } from '../../shared/protocol';

/** The step a run is planned to end at, that step on the chart's x axis, and who says so. */
export interface PlannedEnd {
  readonly step: number;
  readonly x: number;
  readonly where: string;
}

/** Within this share of the planned end an x is at it (a log's last step; a target typed to six digits). */
const AT_END = 1e-3;

/** Whether `x` is at the planned end `endX` (within AT_END of it). */
export function atPlannedEnd(x: number, endX: number): boolean {
  return Math.abs(x / endX - 1) < AT_END;
}

/** Whether `x` lies past the planned end `endX` (beyond AT_END of it). */
export function pastPlannedEndX(x: number, endX: number): boolean {
  return x > endX * (1 + AT_END);
}

/**
 * The step the run is planned to end at, where on the chart's x axis that is, and who says so:
 * `setTotal`, the total of the schedule set on the panel (the user's word, so it comes first), else
 * the config's schedule, else the planned length the log or config records.
 */
export function plannedEnd(input: ForecastInput | undefined, setTotal?: number): PlannedEnd | undefined {
  const typed = setTotal !== undefined && Number.isFinite(setTotal) && setTotal > 0 ? setTotal : undefined;
  const stated = input?.configSchedule?.ok ? input.configSchedule.spec.total : undefined;
  const step = typed ?? stated ?? input?.plannedSteps;
  const x = step !== undefined ? input?.xOf?.(step) : undefined;
  if (step === undefined || x === undefined || !Number.isFinite(x) || !(x > 0)) return undefined;
  const where = typed !== undefined ? 'the schedule set for it' : stated !== undefined ? "its config's schedule" : 'the planned length its log or config records';
  return { step, x, where };
}

/**
 * A target `x` past the planned end: the caution to say, and the end as a target the panel can move
 * to. It points at the Forecast block only when that shows a forecast (`forecastShown`).
 */
export function pastPlannedEnd(input: ForecastInput | undefined, x: number, setTotal?: number, forecastShown = false): { caution: string; endTarget: string } | undefined {
  const end = plannedEnd(input, setTotal);
  if (!end || !pastPlannedEndX(x, end.x)) return undefined;
  return {
    caution: `this run is planned to end at step ${formatAmount(end.step)} (${end.where}); the target is past that end, where a longer run would follow its own schedule${forecastShown ? ' (the Forecast block gives the loss at the end)' : ''}`,
    // six digits: within AT_END, so the caution goes once it is taken
    endTarget: targetNumberText(end.x, 6),
  };
}

/** A line on the chart where the run is planned to end (drawn when the chart reaches it). */
export function plannedEndMarker(input: ForecastInput | undefined, setTotal?: number): Marker | undefined {
  const end = plannedEnd(input, setTotal);
  return end && { kind: 'end', label: `planned end (step ${formatAmount(end.step)})`, x: end.x, color: COLOR_MUTED };
}
