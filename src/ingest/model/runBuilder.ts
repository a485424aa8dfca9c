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

export class SeriesBuilder {
  /** x arrays by index into X_KINDS (step, epoch, tokens, samples, flops, params, time, index). */
  private readonly slots: (GrowableFloat64 | undefined)[] = new Array(X_KINDS.length).fill(undefined);
  private readonly y = new GrowableFloat64(16);
  private mask: Uint8Array | undefined;

  constructor(
    readonly key: string,
    readonly split: Split,
  ) {}

  get length(): number {
    return this.y.length;
  }

  push(y: number, x: XValues, fit?: boolean): void {
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

export class RunBuilder {
  private readonly series = new Map<string, SeriesBuilder>();
  meta: Record<string, string | number> | undefined;

  constructor(
    public name: string,
    readonly origin: string,
    readonly format: FormatId,
  ) {}

  get seriesCount(): number {
    return this.series.size;
  }

  /** The builder for `key`, created on first use; `split` defaults to the key's prefix. */
  get(key: string, split?: Split): SeriesBuilder {
    let s = this.series.get(key);
    if (!s) {
      s = new SeriesBuilder(key, split ?? splitOf(key));
      this.series.set(key, s);
    }
    return s;
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
    const run: RunData = { name: this.name, origin: this.origin, format: this.format, series };
    return this.meta ? { ...run, meta: { ...this.meta } } : run;
  }
}
