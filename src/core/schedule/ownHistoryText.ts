// The Forecast block's trust line in words (the panel and the status-bar tooltip): "On this run's
// own history, from 50% of the logged steps (step 6,000 → 12,000, a 2× reach, as asked), the
// forecast of the last logged loss missed by +0.6% (too high)." Pure, so both sides share it.
import { formatPercent } from '../units';

/** The fields of core/schedule/ownHistory's OwnHistory (and of the protocol's view of it). */
export interface OwnHistoryFacts {
  readonly askedReach: number;
  readonly fromStep?: number;
  readonly toStep?: number;
  readonly reach?: number;
  readonly missedBy?: number;
  readonly shorter?: boolean;
  readonly beforeDecay?: boolean;
  readonly why?: string;
}

/**
 * A run logged to within this share of its schedule's end has ended it (the last log before the
 * last step): the Forecast block gives its last loss, and there is no forecast to back-test.
 */
export const ENDED_WITHIN = 0.005;

const times = (r: number): string => `${Number(r.toPrecision(2))}×`;
const step = (s: number): string => Math.round(s).toLocaleString('en-US');

/** The line, given the run's last logged step (the share of it the rehearsal started from). */
export function ownHistoryText(o: OwnHistoryFacts, lastStep: number): string {
  if (o.missedBy === undefined || o.fromStep === undefined || o.toStep === undefined || o.reach === undefined) return `On this run's own history: no back-test of the forecast (${o.why ?? 'nothing to rehearse on'}).`;
  const share = Math.round((100 * o.fromStep) / lastStep);
  const reach = o.shorter ? `a ${times(o.reach)} reach, the most this log allows; ${times(o.askedReach)} is asked` : `a ${times(o.askedReach)} reach, as asked`;
  const miss = o.missedBy === 0 ? '0%' : `${o.missedBy > 0 ? '+' : '−'}${formatPercent(Math.abs(o.missedBy))} (too ${o.missedBy > 0 ? 'high' : 'low'})`;
  const decay = o.beforeDecay ? ', before any decay: the error of the decay still ahead is not in it' : '';
  return `On this run's own history, from ${share}% of the logged steps (step ${step(o.fromStep)} → ${step(o.toStep)}, ${reach}), the forecast of the last logged loss missed by ${miss}${decay}.`;
}
