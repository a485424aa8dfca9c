// Refits coalesced: at most one runs and at most one waits; nothing is cancelled. A log that grows
// faster than a fit finishes gets a fit of its newest data right after the current one, never a
// queue of fits of data that is already old. The panel now refits in two lanes that also
// supersede stale work (refitLanes.ts, supersede.ts); this one-lane scheduler is the previous
// behaviour the live benchmark measures them against. Pure (no vscode): the task is injected.

export class Coalescer {
  private running: Promise<void> | undefined;
  private pending = false;
  private disposed = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** True when a run is queued behind the one in flight. */
  get queued(): boolean {
    return this.pending;
  }

  /** Asks for a run: starts one now if idle, else marks one (only one) to follow the current run. */
  request(): void {
    if (this.disposed) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.loop();
  }

  /** Resolves when nothing runs and nothing waits. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.pending = false;
  }

  private async loop(): Promise<void> {
    do {
      this.pending = false;
      try {
        await this.task();
      } catch (err) {
        this.onError(err);
      }
    } while (this.pending && !this.disposed);
    this.running = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
