// The session's words that other modules share: a relative target, the pending-interval line, and
// the no-series warning.
import { targetMultiple } from '../../core/units';
import { FORMAT_FLAG_HINT } from '../../ingest/text/sniff';

/** What the headline says while a first fit's intervals are still being computed. */
export const INTERVALS_PENDING = 'The interval follows: each law is refitted on resampled points.';

/** "10x", "2.5 x", "loss at 10x data?": a target relative to the largest observed x of each curve. */
export function isRelativeTarget(text: string): boolean {
  return targetMultiple(text) !== undefined;
}

/** A reader's note as the editor says it: the CLI's --format hint left out (the editor has no such option). */
export function inEditorWords(message: string): string {
  return message.replace(FORMAT_FLAG_HINT, '');
}

export const NO_SERIES = 'No numeric series with an x axis was found in this source.';
