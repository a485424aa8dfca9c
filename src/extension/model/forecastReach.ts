// "When does the loss reach 2.9?" on a run whose schedule is known: the schedule-aware forecast's
// answer, which leads the panel there, before the laws' (which carry the loss on past the
// schedule's end as if the LR never decayed). Pure.
import { lossReach, type LossReach } from '../../core/reach';
import { formatAskedLoss } from '../../core/units';
import type { ForecastInput } from './forecastInput';
import type { ForecastLanded } from './forecastState';

export interface ForecastReach extends LossReach {
  /** Where the schedule ends on the chart's x axis, and the forecast's loss there. */
  readonly end: number;
  readonly final: number;
}

/** The forecast's reach of `loss` for the input's curve, when a determined forecast of it has landed. */
export function forecastReach(landed: ForecastLanded | undefined, input: ForecastInput | undefined, loss: number, dataEnd: number): ForecastReach | undefined {
  const fc = landed?.outcome.base;
  const xOf = input?.xOf;
  if (!fc || !xOf || fc.undetermined || fc.curve.length < 2 || landed.curveId !== input.curveId) return undefined;
  const curve = fc.curve.map((p) => ({ x: xOf(p.step), y: p.y, lo: p.lo, hi: p.hi })).filter((p) => Number.isFinite(p.x) && p.x > 0);
  if (curve.length < 2) return undefined;
  const end = xOf(fc.final.step);
  return { ...lossReach(curve, loss, dataEnd), end, final: fc.final.y };
}

/** The forecast's answer in words: where past the data it gets there, or that the schedule ends first. */
export function forecastReachText(r: ForecastReach, yName: string, level: string, at: (x: number) => string): string | undefined {
  if (r.x !== undefined && r.x > r.dataEnd) {
    const band = r.lo !== undefined ? ` (${level}: ${at(r.lo)} – ${r.hi !== undefined ? at(r.hi) : 'not by the end'})` : '';
    return `${yName} = ${formatAskedLoss(r.loss)} at x ≈ ${at(r.x)} by the schedule-aware forecast, before the schedule ends at ${at(r.end)}${band}`;
  }
  if (r.x === undefined && !r.beforeData) {
    const edge = r.lo !== undefined ? `, though the ${level} band's near edge gets there at x ≈ ${at(r.lo)}` : '';
    return `${yName} = ${formatAskedLoss(r.loss)}: not reached by the end of the schedule (x = ${at(r.end)}), where the schedule-aware forecast ends at ${Number(r.final.toPrecision(4))}${edge}`;
  }
  return undefined;
}
