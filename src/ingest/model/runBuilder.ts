// Accumulates points into per-series typed arrays. A series' x kinds are the union of those its
// points carried; a point missing a kind gets NaN there, so every x array stays aligned with y.
import { GrowableFloat64 } from './growable';
import type { FormatId, RunData, SeriesData, Split, XKind } from './model';
import { splitOf } from './keys';

export type XValues = Partial<Record<XKind, number>>;

/** A reusable x record with every kind present (undefined): one object shape on hot paths. */
export function emptyXValues(): XValues {
  return { step: undefined, epoch: undefined, tokens: undefined, samples: undefined, flops: undefined, params: undefined, time: undefined, index: undefined };
}

const X_KINDS: readonly XKind[] = ['step', 'epoch', 'tokens', 'samples', 'flops', 'params', 'time', 'index'];

/** A resume: the counter went back to `at` from `from`, dropping `dropped` earlier points. */
interface Resume {
  readonly at: number;
  readonly from: number;
  readonly dropped: number;
  readonly counter: 'step' | 'epoch';
}

export class SeriesBuilder {
  /** x arrays by index into X_KINDS (step, epoch, tokens, samples, flops, params, time, index). */
  private readonly slots: (GrowableFloat64 | undefined)[] = new Array(X_KINDS.length).fill(undefined);
  private readonly y = new GrowableFloat64(16);
  private mask: Uint8Array | undefined;
  /** The first and the last step pushed, and the epoch of the last. */
  private firstStep: number | undefined;
  private lastStep = -Infinity;
  private lastEpoch: number | undefined;
  /** Of a series logged by epochs alone (no step yet): its first epoch. */
  private firstEpoch: number | undefined;
  /** The index of the last record (RecordAccumulator) that held this series. */
  lastRecord = -1;
  /** A resumed run's restarts (resume()) and the earlier points they dropped. */
  readonly resumes: Resume[] = [];

  /** `appendLog`: points arrive in the order the run logged them (a log, not a table in any row
   *  order), so a step that goes back is a resume. */
  constructor(
    readonly key: string,
    readonly split: Split,
    private readonly appendLog = false,
  ) {}

  get length(): number {
    return this.y.length;
  }

  /** The last y pushed, or NaN. */
  get lastY(): number {
    return this.y.last();
  }

  push(y: number, x: XValues, fit?: boolean): void {
    const step = x.step;
    if (step !== undefined) {
      if (this.appendLog && step < this.lastStep && step > this.firstStep! && !(x.epoch !== undefined && this.lastEpoch !== undefined && x.epoch > this.lastEpoch)) this.resume(step);
      this.firstStep ??= step;
      this.lastStep = step;
      this.lastEpoch = x.epoch;
    } else if (this.appendLog && x.epoch !== undefined && this.firstStep === undefined) {
      // logged by epochs alone (Keras's CSVLogger(append=True), its stdout): the epoch is the counter
      const epoch = x.epoch;
      if (this.firstEpoch !== undefined && epoch < this.lastEpoch! && epoch > this.firstEpoch) this.resume(epoch, 'epoch');
      this.firstEpoch ??= epoch;
      this.lastEpoch = epoch;
    }
    const n = this.y.length;
    const slots = this.slots;
    // unrolled named reads keep this monomorphic: it runs once per point of every series; a kind
    // neither given nor kept (most of the eight) costs one test
    let v = x.step;
    if (v !== undefined || slots[0] !== undefined) this.put(0, v, n);
    v = x.epoch;
    if (v !== undefined || slots[1] !== undefined) this.put(1, v, n);
    v = x.tokens;
    if (v !== undefined || slots[2] !== undefined) this.put(2, v, n);
    v = x.samples;
    if (v !== undefined || slots[3] !== undefined) this.put(3, v, n);
    v = x.flops;
    if (v !== undefined || slots[4] !== undefined) this.put(4, v, n);
    v = x.params;
    if (v !== undefined || slots[5] !== undefined) this.put(5, v, n);
    v = x.time;
    if (v !== undefined || slots[6] !== undefined) this.put(6, v, n);
    v = x.index;
    if (v !== undefined || slots[7] !== undefined) this.put(7, v, n);
    this.y.push(y);
    if (fit !== undefined || this.mask) {
      if (!this.mask) this.mask = new Uint8Array(Math.max(16, n + 1)).fill(1, 0, n);
      if (this.mask.length <= n) {
        const m = new Uint8Array(this.mask.length * 2);
        m.set(this.mask);
        this.mask = m;
      }
      this.mask[n] = fit === false ? 0 : 1;
    }
  }

  /** The run went back to `step` (RunBuilder.resumeFrom): this series' points from there on are the earlier run's. */
  resumeFrom(step: number): void {
    if (this.firstStep !== undefined && step > this.firstStep && step <= this.lastStep) this.resume(step);
  }

  /**
   * In a log, the step went back, to past the first, at no later epoch: a run resumed from a
   * checkpoint and appending to the same log. Its points at `step` and after supersede the earlier
   * run's, which are dropped (as TensorBoard drops them at a restart). A step back to the first is
   * another run in the same log, a step back into a later epoch a counter that restarts each epoch,
   * and a table's rows may be in any order: none of them drops anything.
   */
  private resume(at: number, counter: 'step' | 'epoch' = 'step'): void {
    const counts = this.slots[counter === 'step' ? 0 : 1]!;
    let k = this.y.length;
    while (k > 0 && counts.at(k - 1) >= at) k--;
    const dropped = this.y.length - k;
    if (this.resumes.length < 100) this.resumes.push({ at, from: counter === 'step' ? this.lastStep : this.lastEpoch!, dropped, counter });
    this.truncate(k);
  }

  /** Drops the last point: a running value that the next one supersedes. */
  dropLast(): void {
    if (this.y.length > 0) this.truncate(this.y.length - 1);
  }

  /** Keeps the first k points. */
  private truncate(k: number): void {
    for (const arr of this.slots) arr?.truncate(k);
    this.y.truncate(k);
  }

  /** Sets x of kind `kind` on the point at `index`: an x read after the point (OLMo-core prints
   *  its tokens below the loss of the same step). Out of range: nothing. */
  setX(kind: XKind, index: number, v: number): void {
    const n = this.y.length;
    if (index < 0 || index >= n) return;
    const k = X_KINDS.indexOf(kind);
    let arr = this.slots[k];
    if (arr === undefined) {
      arr = new GrowableFloat64(Math.max(16, n));
      for (let i = 0; i < n; i++) arr.push(NaN);
      this.slots[k] = arr;
    }
    arr.set(index, v);
  }

  private put(k: number, v: number | undefined, n: number): void {
    let arr = this.slots[k];
    if (v === undefined) {
      if (arr !== undefined) arr.push(NaN);
      return;
    }
    if (arr === undefined) {
      arr = new GrowableFloat64(Math.max(16, n + 1));
      for (let i = 0; i < n; i++) arr.push(NaN);
      this.slots[k] = arr;
    }
    arr.push(v);
  }

  data(): SeriesData {
    const x: Partial<Record<XKind, Float64Array>> = {};
    X_KINDS.forEach((kind, k) => {
      const arr = this.slots[k];
      if (arr) x[kind] = arr.view();
    });
    const out: SeriesData = { key: this.key, split: this.split, x, y: this.y.view() };
    return this.mask ? { ...out, fitMask: this.mask.subarray(0, this.y.length) } : out;
  }
}

/** Longest series key kept: a 10,000-character column name would break every message and view. */
export const MAX_KEY_CHARS = 200;
/** Most series one run keeps: a log with a counter in its key names must not exhaust memory. */
export const MAX_SERIES = 10_000;

/** `key` cut to MAX_KEY_CHARS (ending in '…') when longer. */
export function boundedKey(key: string): string {
  return key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS - 1)}…` : key;
}

/** The restarts of a resumed run, said once for all its series. */
function resumedNote(resumes: readonly Resume[], series: number): string {
  const at = [...new Map(resumes.map((r) => [`${r.counter}${r.at}`, r])).values()];
  const dropped = resumes.reduce((sum, r) => sum + r.dropped, 0);
  const counter = at.every((r) => r.counter === 'epoch') ? 'epoch' : 'step';
  const where = at.slice(0, 3).map((r) => `to ${r.counter} ${r.at} after ${r.counter} ${r.from}`).join(', ') + (at.length > 3 ? `, and ${at.length - 3} more` : '');
  return `the run was resumed (its ${counter} went back ${where}): the ${dropped} point(s) the earlier run had logged from that ${counter} on (over ${series} series) were dropped, the resumed run's kept`;
}

/** Where the points of keys past MAX_SERIES go: nowhere. */
class DiscardedSeries extends SeriesBuilder {
  override push(): void {}
}

export class RunBuilder {
  private readonly series = new Map<string, SeriesBuilder>();
  meta: Record<string, string | number> | undefined;
  private cutKeys = 0;
  private droppedKeys: Set<string> | undefined;
  private droppedMore = 0;
  private discard: DiscardedSeries | undefined;

  /** `appendLog`: a log written as the run went (text, JSONL, MLflow), see SeriesBuilder. */
  constructor(
    public name: string,
    readonly origin: string,
    readonly format: FormatId,
    private readonly appendLog = false,
  ) {}

  /** The run was resumed at `step` (a table whose rows are a resumed loop's log, see StepOrder): every series drops its earlier points from there. */
  resumeFrom(step: number): void {
    for (const s of this.series.values()) s.resumeFrom(step);
  }

  get seriesCount(): number {
    return this.series.size;
  }

  /** The builder for `key`, created on first use; `split` defaults to the key's prefix. */
  get(key: string, split?: Split): SeriesBuilder {
    let s = this.series.get(key);
    if (s) return s;
    if (key.length > MAX_KEY_CHARS) {
      const cut = boundedKey(key);
      s = this.series.get(cut);
      if (s) return s;
      this.cutKeys++;
      key = cut;
    }
    if (this.series.size >= MAX_SERIES) {
      // count distinct dropped keys up to a bound, then just count calls (memory stays flat)
      const d = (this.droppedKeys ??= new Set());
      if (d.size < 1000) d.add(key);
      else if (!d.has(key)) this.droppedMore++;
      return (this.discard ??= new DiscardedSeries('', 'other'));
    }
    s = new SeriesBuilder(key, split ?? splitOf(key), this.appendLog);
    this.series.set(key, s);
    return s;
  }

  /** What was cut or left out, as warnings for the file this run came from. */
  notes(): string[] {
    const out: string[] = [];
    if (this.cutKeys > 0) out.push(`${this.cutKeys} key(s) longer than ${MAX_KEY_CHARS} characters cut to ${MAX_KEY_CHARS} (ending in "…")`);
    const resumed = [...this.series.values()].filter((v) => v.resumes.length > 0);
    if (resumed.length > 0) out.push(resumedNote(resumed.flatMap((v) => v.resumes), resumed.length));
    if (this.droppedKeys) out.push(`more than ${MAX_SERIES} distinct series keys: ${this.droppedKeys.size >= 1000 ? 'at least ' : ''}${this.droppedKeys.size + this.droppedMore} more key(s) ignored`);
    return out;
  }

  add(key: string, y: number, x: XValues, fit?: boolean): void {
    this.get(key).push(y, x, fit);
  }

  setMeta(key: string, value: string | number): void {
    (this.meta ??= {})[key] = value;
  }

  data(): RunData {
    const series: SeriesData[] = [];
    for (const s of this.series.values()) if (s.length > 0) series.push(s.data());
    const notes = this.notes();
    const run: RunData = { name: this.name, origin: this.origin, format: this.format, series, ...(notes.length ? { notes } : {}) };
    return this.meta ? { ...run, meta: { ...this.meta } } : run;
  }
}
