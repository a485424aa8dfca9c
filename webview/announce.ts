// What a screen reader is told as the panel updates. The visible headline is rebuilt on every
// message from the host — a watched run sends two per poll, the points (the old number marked
// "(previous fit)") and then the refit — so as a live region it would read the same prediction
// again at every poll. A hidden polite live region beside it takes the prediction's sentence
// only when a fresh fit changes it.
import type { PanelData } from '../src/shared/protocol';
import { predictionSentence } from './chartDescription';

/** The headline's prediction as a sentence when it is from a fit of the newest points; undefined while a refit is due. */
export function predictionNews(data: PanelData): string | undefined {
  return data.prediction && data.stale === undefined ? predictionSentence(data.prediction, data.columns?.selectedY ?? 'y') : undefined;
}

export class Announcer {
  private last: string | undefined;

  constructor(private readonly region: HTMLElement) {}

  /** `text` is announced when it differs from what was last announced; undefined (no fresh number yet) keeps quiet. */
  say(text: string | undefined): void {
    if (text === undefined || text === this.last) return;
    this.last = text;
    this.region.textContent = text;
  }
}
