// The Forecast block's trust line in words (the panel, the status-bar tooltip and the CLI): "On this
// run's own history, a forecast from 50% of the logged steps (step 6,000 → 12,000, a 2× reach, as
// asked) missed the last logged loss by +0.6%." Pure, so every side shares it.
import { factorText, signedPercent } from '../units';

/** The fields of core/schedule/ownHistory's OwnHistory (and of the protocol's view of it). */
export interface OwnHistoryFacts {
  readonly askedReach: number;
  readonly fromStep?: number;
  readonly toStep?: number;
  readonly reach?: number;
  readonly missedBy?: number;
  readonly shorter?: boolean;
  readonly beforeDecay?: boolean;
  /** With `beforeDecay`: the share of the η drop still ahead that the rehearsal crossed. */
  readonly decaySeen?: number;
  readonly why?: string;
}

/**
 * A run logged to within this share of its schedule's end has ended it (the last log before the
 * last step): the Forecast block gives its last loss, and there is no forecast to back-test.
 */
export const ENDED_WITHIN = 0.005;

/** Whether a run logged to `lastStep` has ended its schedule, which ends at `endStep` (within ENDED_WITHIN). */
export function hasEnded(lastStep: number, endStep: number): boolean {
  return lastStep >= endStep * (1 - ENDED_WITHIN);
}

/** "18,800": a step as the block's lines write it ("step 18,800 → 36,848"). */
export const stepText = (s: number): string => Math.round(s).toLocaleString('en-US');

/**
 * The line. The share is of the steps the rehearsal reached (the last logged), so a forecast shown
 * over newer points still says where its own rehearsal started. The miss is the rehearsal's, signed
 * as it went; the bench finds its size a rough guide to the forecast's, and its sign none.
 */
export function ownHistoryText(o: OwnHistoryFacts): string {
  if (o.missedBy === undefined || o.fromStep === undefined || o.toStep === undefined || o.reach === undefined) return `On this run's own history: no back-test of the forecast (${o.why ?? 'nothing to rehearse on'}).`;
  const share = Math.round((100 * o.fromStep) / o.toStep);
  const reach = o.shorter ? `a ${factorText(o.reach)} reach, the most this log allows; ${factorText(o.askedReach)} is asked` : `a ${factorText(o.askedReach)} reach, as asked`;
  return `On this run's own history, a forecast from ${share}% of the logged steps (step ${stepText(o.fromStep)} → ${stepText(o.toStep)}, ${reach}) missed the last logged loss by ${signedPercent(o.missedBy)}${decayText(o)}.`;
}

/** A rehearsal over under half the decay ahead (core/schedule/decay's REHEARSED_DECAY): said, with the share it crossed when it crossed any. */
function decayText(o: OwnHistoryFacts): string {
  if (!o.beforeDecay) return '';
  const seen = Math.round(100 * (o.decaySeen ?? 0));
  return seen === 0 ? ', before any decay: the error of the decay still ahead is not in it' : `, over only ${seen}% of the LR decay still ahead: most of that decay's error is not in it`;
}
