// Early warning for a watched run: the probability that it ends below a target loss, in the
// status bar, and ONE notification when it drops under the threshold — never repeated noisily. A
// fired warning re-arms only after the probability has recovered above threshold + hysteresis, or
// when the question changes (another target, another schedule). Pure state machine.

import { hasEnded } from '../../core/schedule/ownHistoryText';
import type { ForecastView } from '../../shared/protocol';
import { statusNumber } from './statusText';
import { formatAmount, probabilityIs, probabilityPercent } from '../../core/units';

export const HYSTERESIS = 0.1;

export interface WarningState {
  /** A drop under the threshold will notify. */
  readonly armed: boolean;
  /** What the probability is about (target and schedule); a new key re-arms. */
  readonly key: string | undefined;
}

export const INITIAL_WARNING: WarningState = { armed: true, key: undefined };

export interface WarningStep {
  readonly state: WarningState;
  /** Show the notification now. */
  readonly notify: boolean;
}

/**
 * One new probability. `key` names the question (e.g. target loss and schedule label): when it
 * changes the machine re-arms before looking at the probability.
 */
export function stepWarning(prev: WarningState, probability: number, threshold: number, key: string): WarningStep {
  const state: WarningState = prev.key === key ? prev : { armed: true, key };
  if (!Number.isFinite(probability)) return { state, notify: false };
  if (state.armed && probability < threshold) return { state: { armed: false, key }, notify: true };
  if (!state.armed && probability > threshold + HYSTERESIS) return { state: { armed: true, key }, notify: false };
  return { state, notify: false };
}

// the target as the item writes its forecast beside it: a reference's 3.258 is not rounded to 3.26
const lossText = statusNumber;

/** "P(end < 3.2) 64%": what the status-bar item adds to the watch's text. */
export function probabilityText(target: number, probability: number): string {
  return `P(end < ${lossText(target)}) ${probabilityPercent(probability)}`;
}

/** The status-bar tooltip's paragraph on the probability: what it is about and when it warns. */
export function probabilityTooltip(target: number, probability: number, finalStep: number, threshold: number, targetFrom?: string): string {
  const what = targetFrom ? `the final loss of ${targetFrom}` : 'the target loss (scalingLens.targetLoss)';
  return `${probabilityText(target, probability)}: the probability that this run's loss at the end of its schedule (step ${formatAmount(finalStep)}) is below ${lossText(target)}, ${what}. Scaling Lens warns once when it drops under ${probabilityPercent(threshold)} (scalingLens.warnBelowProbability).`;
}

/** The one notification's words. */
export function warningMessage(file: string, target: number, probability: number, threshold: number, targetFrom?: string): string {
  const what = targetFrom ? `the final loss of ${targetFrom} (${lossText(target)})` : `the target loss ${lossText(target)}`;
  return `Scaling Lens: ${file} is now unlikely to end below ${what} — P ${probabilityIs(probabilityPercent(probability))}, under the warning threshold of ${probabilityPercent(threshold)}.`;
}

export interface WarningFacts {
  /** "P(end < 3.2) 64%" for the status bar. */
  readonly text: string;
  readonly loss: number;
  readonly probability: number;
  /** The question: the target and the schedule (a new prior or more points ask the same one). */
  readonly key: string;
  /** The result is of the latest points (a stale one was already counted when it was new). */
  readonly counts: boolean;
  /** Step of the forecast's final loss (the schedule's end). */
  readonly finalStep: number;
}

/**
 * What the early warning reads from a panel's forecast; undefined without a target or a result, and
 * for a run logged to its schedule's end (within ENDED_WITHIN): its final loss is logged, not likely.
 */
export function warningFacts(fc: ForecastView | undefined): WarningFacts | undefined {
  const r = fc?.result?.reaches;
  // P(final < target) of an undetermined end is mostly the band's width: no warning from it
  if (!fc || !r || fc.result!.undetermined) return undefined;
  if (hasEnded(fc.result!.lastValue.step, fc.result!.final.step)) return undefined;
  return { text: probabilityText(r.loss, r.probability), loss: r.loss, probability: r.probability, key: JSON.stringify([r.loss, fc.spec ?? null]), counts: !fc.stale, finalStep: fc.result!.final.step };
}
