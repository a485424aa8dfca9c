// A line a progress bar redraws in place: each drawing follows a '\r'. A terminal shows only the
// last, but a drawing that says where the loop is (a step, an epoch, or tqdm's counter) is that
// position's point, read once per position.
import { xKindOf } from '../model/keys';
import { scanKeyNumbers } from './keyNumberScanner';
import { tqdmDrawing } from './tqdmBar';

/** Bars remembered by description; more (a description that changes every drawing) start over. */
const MAX_BARS = 64;

export class Redraws {
  /** The position of the last drawing read. */
  private last: number | undefined;
  /** Per bar description: the counts of its earlier bars, and its last count. A loop that draws a
   *  new bar each epoch (`for batch in tqdm(loader)`) restarts the counter; the step runs on. */
  private readonly bars = new Map<string, { before: number; n: number }>();

  /**
   * Scans a drawing (already cleaned) into keys/values; returns its position, or undefined. Of a
   * tqdm bar only its description and postfix are read, and its counter is the step ("Training:
   * 45%|…| 450/1000 [… loss=2.31]"; a new bar of the same description counts on), or under an "Epoch N" description the fraction of that epoch
   * done (Lightning's bar, whose counter restarts each epoch). Anything else is scanned whole; its
   * position is its step, else its epoch.
   */
  scan(clean: string, keys: string[], values: number[]): number | undefined {
    const emit = (k: string, v: number): void => {
      keys.push(k);
      values.push(v);
    };
    const bar = tqdmDrawing(clean);
    if (!bar) {
      scanKeyNumbers(clean, emit);
      return stepOf(keys, values) ?? position(keys, values, 'epoch');
    }
    if (bar.postfix === '') return undefined; // no metrics: a bare counter
    scanKeyNumbers(bar.head, emit);
    scanKeyNumbers(bar.postfix, emit);
    if (keys.length === 0) return undefined;
    const step = stepOf(keys, values);
    if (step !== undefined) return step;
    const epoch = keys.findIndex((k) => xKindOf(k) === 'epoch');
    if (epoch < 0) {
      const step = this.count(bar.head, bar.n);
      emit('step', step);
      return step;
    }
    if (bar.total) values[epoch]! += bar.n / bar.total;
    return values[epoch];
  }

  /** The step of count `n` of the bar described by `head`, past its earlier bars' counts. */
  private count(head: string, n: number): number {
    let bar = this.bars.get(head);
    if (!bar) {
      if (this.bars.size >= MAX_BARS) this.bars.clear();
      bar = { before: 0, n };
      this.bars.set(head, bar);
    }
    if (n < bar.n) bar.before += bar.n;
    bar.n = n;
    return bar.before + n;
  }

  /** Whether a drawing at `at` (scan's position) is new; it becomes the last. One with no position
   *  is new unless it ended with a '\r' (a terminal overdraws it). */
  isNew(at: number | undefined, drawing: boolean): boolean {
    if (at === undefined) return !drawing;
    if (at === this.last) return false;
    this.last = at;
    return true;
  }
}

export const stepOf = (keys: readonly string[], values: readonly number[]): number | undefined => position(keys, values, 'step');

function position(keys: readonly string[], values: readonly number[], kind: 'step' | 'epoch'): number | undefined {
  for (let i = 0; i < keys.length; i++) if (xKindOf(keys[i]!) === kind) return values[i];
  return undefined;
}
