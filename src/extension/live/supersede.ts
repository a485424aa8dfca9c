// One lane of refits where newer data supersede stale work: a request while a run is in flight
// cancels that run (its data are already old) and runs once more on the newest data, instead of
// queueing behind it. So that a log growing faster than a fit finishes still gets fits, a run past
// half of the last finished run's duration is left to finish (one follow-up waits), the very
// first run is never cancelled by growth, and neither is the run that followed one growth cancelled:
// a log appended every second, faster than half a fit, cancelled every run for 100 s and no fit
// landed. A forced request (the user changed what is fitted)
// cancels in any case. However many requests arrive, at most one run follows the one in flight,
// on the newest state. Pure (no vscode): the task and the clock are injected.
import type { CancelToken } from '../session';

/** A cancellation source without vscode (the fit client reads only the CancelToken side). */
export class CancelSource {
  private readonly listeners = new Set<() => void>();
  private readonly state = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      this.listeners.add(listener);
      return { dispose: () => void this.listeners.delete(listener) };
    },
  };

  get token(): CancelToken {
    return this.state;
  }

  cancel(): void {
    if (this.state.isCancellationRequested) return;
    this.state.isCancellationRequested = true;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }
}

export interface SupersedeOptions {
  readonly onError?: (err: unknown) => void;
  /** What a run started now would fit: a request for the state already in flight changes nothing. */
  readonly keyOf?: () => string | undefined;
  /**
   * false: newer data never cancel a run in flight, they wait for it (one follow-up). For work that
   * cannot stop early and is short anyway (the forecast job); a forced request still cancels.
   */
  readonly supersedeGrowth?: boolean;
  /** Milliseconds clock (tests pass a fake one). */
  readonly now?: () => number;
}

export class Superseding {
  private running: Promise<void> | undefined;
  private current: { readonly cts: CancelSource; readonly started: number; readonly key: string | undefined; growth?: boolean } | undefined;
  private pending = false;
  private disposed = false;
  private lastMs: number | undefined;
  /** The last run ended cancelled by growth: the next is left to finish (growth alone never starves the lane). */
  private growthCancelled = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  /** Runs cancelled because newer work superseded them (the benchmark and tests read it). */
  superseded = 0;

  constructor(
    /** One run; resolving `false` says there was nothing to do (its time does not count as a run's). */
    private readonly task: (token: CancelToken) => Promise<boolean | void>,
    private readonly opts: SupersedeOptions = {},
  ) {
    this.now = opts.now ?? (() => performance.now());
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get queued(): boolean {
    return this.pending;
  }

  /** Duration of the last run that finished (not cancelled), in ms. */
  get lastDurationMs(): number | undefined {
    return this.lastMs;
  }

  /**
   * Asks for a run on the newest state. Idle: starts now. In flight: one run follows it, and the
   * one in flight is cancelled when `force`, or when it is young (under half the last run's time).
   */
  request(opts: { readonly force?: boolean } = {}): void {
    if (this.disposed) return;
    const cur = this.current && !this.current.cts.token.isCancellationRequested ? this.current : undefined;
    if (cur && this.opts.keyOf && cur.key !== undefined && cur.key === this.opts.keyOf()) return;
    this.pending = true;
    if (!this.running) {
      this.running = this.loop();
      return;
    }
    if (!cur) return;
    const young = this.opts.supersedeGrowth !== false && !this.growthCancelled && this.lastMs !== undefined && this.now() - cur.started < this.lastMs / 2;
    if (opts.force || young) {
      this.superseded++;
      if (!opts.force) cur.growth = true;
      cur.cts.cancel();
    }
  }

  /** Cancels the run in flight and the one waiting (the user's Cancel). */
  cancel(): void {
    this.pending = false;
    this.current?.cts.cancel();
  }

  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private async loop(): Promise<void> {
    do {
      this.pending = false;
      const cts = new CancelSource();
      const started = this.now();
      const run: NonNullable<Superseding['current']> = { cts, started, key: this.opts.keyOf?.() };
      this.current = run;
      try {
        const ran = await this.task(cts.token);
        if (ran !== false && !cts.token.isCancellationRequested) this.lastMs = this.now() - started;
      } catch (err) {
        // a superseded or cancelled run ends however its task ends; only real failures are reported
        if (!cts.token.isCancellationRequested && !(err instanceof Error && err.name === 'CancelledError')) this.opts.onError?.(err);
      }
      this.growthCancelled = run.growth === true;
      this.current = undefined;
    } while (this.pending && !this.disposed);
    this.running = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
