// One scalar series with step and wall-time x values in three parallel Float64Arrays that grow
// together (one capacity check per point, x1.5 growth to bound slack on multi-million-point runs),
// and can drop every point at or after a step in place (TensorBoard purge_step restarts).
import type { SeriesData, Split } from './model';

export class StepSeries {
  private step: Float64Array = new Float64Array(16);
  private time: Float64Array = new Float64Array(16);
  private y: Float64Array = new Float64Array(16);
  private n = 0;
  private maxStep = -Infinity;

  constructor(
    readonly key: string,
    readonly split: Split,
  ) {}

  get length(): number {
    return this.n;
  }

  push(step: number, time: number, y: number): void {
    const n = this.n;
    if (n === this.y.length) this.grow();
    this.step[n] = step;
    this.time[n] = time;
    this.y[n] = y;
    this.n = n + 1;
    if (step > this.maxStep) this.maxStep = step;
  }

  private grow(): void {
    const cap = Math.ceil(this.y.length * 1.5);
    const resize = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.step = resize(this.step);
    this.time = resize(this.time);
    this.y = resize(this.y);
  }

  /** Removes points with step >= `from`; returns how many. Order of the rest is kept. */
  purgeFrom(from: number): number {
    if (this.maxStep < from) return 0;
    const { step: s, time: t, y } = this;
    let k = 0;
    let max = -Infinity;
    for (let i = 0; i < this.n; i++) {
      if (s[i] >= from) continue;
      s[k] = s[i];
      t[k] = t[i];
      y[k] = y[i];
      if (s[k] > max) max = s[k];
      k++;
    }
    const dropped = this.n - k;
    this.n = k;
    this.maxStep = max;
    return dropped;
  }

  /** Views of the filled part; valid until the next push that grows the arrays. */
  data(): SeriesData {
    const n = this.n;
    return { key: this.key, split: this.split, x: { step: this.step.subarray(0, n), time: this.time.subarray(0, n) }, y: this.y.subarray(0, n) };
  }
}
