// A line a progress bar redraws in place: each drawing follows a '\r'. A terminal shows only the
// last, but a drawing that says where the loop is (a step, an epoch, or tqdm's counter) is that
// position's point, read once per position.
import { xKindOf } from '../model/keys';
import type { KeyInfo } from '../model/recordRows';
import { scanKeyNumbers } from './keyNumberScanner';
import { epochStepHead, tqdmDrawing, type TqdmDrawing } from './tqdmBar';

/** Bars remembered by description; more (a description that changes every drawing) start over. */
const MAX_BARS = 64;

/** A bar by its description: the counts of its earlier bars, its last count, and whether the
 *  description names an epoch (a bar per epoch). */
interface Bar {
  before: number;
  n: number;
  readonly perEpoch: boolean;
}

/** Where the running loop is, and the planned length its bar gives (a bar over the whole run). */
interface Loop {
  readonly step: number;
  readonly total: number | undefined;
}

export class Redraws {
  /** The position of the last drawing read. */
  private last: number | undefined;
  /** Bars by description: a loop that draws a new bar each epoch (`for batch in tqdm(loader)`)
   *  restarts the counter; the step runs on. */
  private readonly bars = new Map<string, Bar>();
  /** The running loop: the last drawing of the longest unfinished bar (an evaluation's bar, drawn
   *  meanwhile, is shorter). Lines printed under it without a step are at its count. */
  private loop: Loop | undefined;
  private loopTotal = 0;
  /** Whether a line was placed in the running loop: its bar is the run's, not a data pass's. */
  private placed = false;
  /** The last loop that had lines placed in it and whose bar reached its end, at that end: the HF
   *  Trainer logs its last step's points after its bar drew that step. */
  private ended: Loop | undefined;
  private endedTotal = 0;

  /**
   * Scans a drawing (already cleaned) into keys/values; returns its position, or undefined. Of a
   * tqdm bar only its description and postfix are read, and its counter is the step ("Training:
   * 45%|…| 450/1000 [… loss=2.31]"; a new bar of the same description counts on), or under an
   * "Epoch N" description the fraction of that epoch done (Lightning's bar, whose counter restarts
   * each epoch). Anything else is scanned whole; its position is its step, else its epoch.
   */
  scan(clean: string, keys: string[], values: number[]): number | undefined {
    const bar = tqdmDrawing(clean);
    if (bar) return this.scanBar(bar, keys, values);
    scanKeyNumbers(clean, keys, values);
    return stepOf(keys, values) ?? position(keys, values, 'epoch');
  }

  /** scan() of a drawing already known to be tqdm's. */
  scanBar(bar: TqdmDrawing, keys: string[], values: number[]): number | undefined {
    const emit = pushTo(keys, values);
    // a description that states the epoch and step names one bar per epoch, whatever its metrics say
    const described = bar.postfix === '' ? epochStepHead(bar.head) : undefined;
    this.track(described ? `Epoch ${described.epoch}:` : bar.head, bar.n, bar.total);
    if (bar.postfix === '') {
      // no postfix: a bare counter, unless the description states the step and the metrics
      if (!described) return undefined;
      scanKeyNumbers(described.metrics, keys, values);
      if (keys.length === 0) return undefined;
      emit('epoch', described.epoch);
      emit('step', described.step);
      return described.step;
    }
    scanKeyNumbers(bar.head, keys, values);
    scanKeyNumbers(bar.postfix, keys, values);
    if (keys.length === 0) return undefined;
    const step = stepOf(keys, values);
    if (step !== undefined) return step;
    const epoch = keys.findIndex((k) => xKindOf(k) === 'epoch');
    if (epoch < 0) {
      const counted = this.counted(bar.head, bar.n).before + bar.n;
      emit('step', counted);
      return counted;
    }
    if (bar.total) values[epoch]! += bar.n / bar.total;
    return values[epoch];
  }

  /** The bar described by `head` at count `n`: a lower count than its last is a new bar, which
   *  counts on past the earlier ones (`before`). */
  private counted(head: string, n: number): Bar {
    let bar = this.bars.get(head);
    if (!bar) {
      if (this.bars.size >= MAX_BARS) this.bars.clear();
      bar = { before: 0, n, perEpoch: namesEpoch(head) };
      this.bars.set(head, bar);
    }
    if (n < bar.n) bar.before += bar.n;
    bar.n = n;
    return bar;
  }

  /** A drawing of a bar: where the running loop is (placeInLoop), a finished bar ends it. */
  track(head: string, n: number, total: number | undefined): void {
    if (total === undefined || (this.loop && total < this.loopTotal)) return;
    // a shorter bar after the run's loop ended is its final evaluation's
    if (!this.loop && this.ended && total < this.endedTotal) return;
    const bar = this.counted(head, n);
    this.loopTotal = total;
    if (!this.loop) this.placed = false;
    // a finished bar (a dataset map, a data-loading pass) ends the loop; its total is the run's
    // planned length only for a bar over the whole run, not one per epoch ("Epoch 2: …", or a
    // counter that has restarted)
    const plan = bar.before === 0 && !bar.perEpoch;
    if (n >= total && this.loop && this.placed) {
      this.ended = { step: bar.before + n, total: undefined };
      this.endedTotal = total;
    }
    this.loop = n < total ? { step: bar.before + n, total: plan ? total : undefined } : undefined;
  }

  /**
   * A line printed while a loop runs, without a step of its own (the HF Trainer's `{'loss': …,
   * 'epoch': 0.25}` between the redraws of its bar, a custom loop's tqdm.write): its step is the
   * loop's count, and the bar's total the planned length.
   */
  placeInLoop(keys: string[], values: number[]): void {
    const loop = this.loopOf(keys.length, (i) => keys[i]!);
    if (!loop) return;
    keys.push('step');
    values.push(loop.step);
    if (loop.total !== undefined) {
      keys.push('step_total');
      values.push(loop.total);
    }
  }

  /**
   * placeInLoop over the byte scanner's pairs (`count` infos and values, KeyInfo from `infoOf`):
   * their new count.
   */
  placeInfosInLoop(infos: KeyInfo[], values: number[], count: number, infoOf: (key: string) => KeyInfo): number {
    const loop = this.loopOf(count, (i) => infos[i]!.key);
    if (!loop) return count;
    infos[count] = infoOf('step');
    values[count++] = loop.step;
    if (loop.total === undefined) return count;
    infos[count] = infoOf('step_total');
    values[count++] = loop.total;
    return count;
  }

  /** The running loop a record of `count` pairs (`keyAt` gives their keys) is placed in, or none;
   *  after the loop ended, its last step for a logged point. */
  private loopOf(count: number, keyAt: (i: number) => string): Loop | undefined {
    // one number alone is a message ("Saving model checkpoint to …/checkpoint-500"), not a record
    if ((!this.loop && !this.ended) || count < 2) return undefined;
    for (let i = 0; i < count; i++) if (namesStep(keyAt(i))) return undefined;
    if (this.loop) {
      this.placed = true;
      return this.loop;
    }
    return isLoggedPoint(count, keyAt) ? this.ended : undefined;
  }

  /** Whether a loop runs or has ended: its lines need placeInLoop. */
  get looping(): boolean {
    return this.loop !== undefined || this.ended !== undefined;
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

/** A sink that appends each pair to keys/values. */
const pushTo =
  (keys: string[], values: number[]) =>
  (k: string, v: number): void => {
    keys.push(k);
    values.push(v);
  };

/** A key that is, or ends in, a step word ("global_step", "validation at step"). */
function namesStep(key: string): boolean {
  return xKindOf(key.slice(key.lastIndexOf(' ') + 1)) === 'step';
}

/**
 * The HF Trainer's logged points, `{'loss': …, 'epoch': 1.0}` and `{'eval_loss': …, 'epoch': 1.0}`,
 * which its trainer_state.json puts at the step logged; not its closing summary, `{'train_runtime':
 * …, 'train_loss': …, 'epoch': 1.0}`, which is over the whole run.
 */
function isLoggedPoint(count: number, keyAt: (i: number) => string): boolean {
  let epoch = false;
  let metric = false;
  for (let i = 0; i < count; i++) {
    const key = keyAt(i);
    if (xKindOf(key) === 'epoch') epoch = true;
    else if (key === 'loss' || key.startsWith('eval_')) metric = true;
  }
  return epoch && metric;
}

function namesEpoch(head: string): boolean {
  const keys: string[] = [];
  scanKeyNumbers(head, keys, []);
  return keys.some((k) => xKindOf(k) === 'epoch');
}

/** The value of the first of `count` keys (`keyAt`) that is an x of `kind`, or undefined. */
export function positionIn(count: number, keyAt: (i: number) => string, valueAt: (i: number) => number, kind: 'step' | 'epoch'): number | undefined {
  for (let i = 0; i < count; i++) if (xKindOf(keyAt(i)) === kind) return valueAt(i);
  return undefined;
}

const position = (keys: readonly string[], values: readonly number[], kind: 'step' | 'epoch'): number | undefined =>
  positionIn(keys.length, (i) => keys[i]!, (i) => values[i]!, kind);

export const stepOf = (keys: readonly string[], values: readonly number[]): number | undefined => position(keys, values, 'step');
