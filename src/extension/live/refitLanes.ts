// A panel's refits in two lanes: the schedule-aware forecast (one job, about a second) and the
// regular law fits (every estimator with its back-tests and bootstrap: seconds to tens of seconds
// on a long log). Each lane posts when it lands, so the headline forecast of a grown log is not
// held back by the law fits. Newer data supersede a law fit in flight (supersede.ts) and are
// forecast right after the forecast in flight; a burst of appends is one follow-up in each lane,
// never a queue. The host runs the lanes on separate workers. Pure (no vscode): the session and
// the hooks are injected.
import type { LensSession } from '../session';
import { Superseding } from './supersede';

export interface LaneHooks {
  /** The forecast of the current data landed: post the panel and the status bar now. */
  readonly forecastLanded: () => void;
  /** The law fits of the current data landed. */
  readonly lawsLanded: () => Promise<void> | void;
  /** A first fit's point estimates landed, its intervals still to come (LensSession.refitLaws). */
  readonly pointFitsLanded?: () => void;
  readonly onError?: (err: unknown) => void;
}

export class RefitLanes {
  readonly forecast: Superseding;
  readonly laws: Superseding;

  /** `session` is read on every run (a panel can be given a new session). */
  constructor(
    private readonly session: () => LensSession,
    hooks: LaneHooks,
    now?: () => number,
  ) {
    const common = { ...(hooks.onError ? { onError: hooks.onError } : {}), ...(now ? { now } : {}) };
    this.forecast = new Superseding(
      async (token) => {
        const s = this.session();
        if (!s.forecastNeedsRefit()) return false;
        await s.refitForecast(token);
        if (!token.isCancellationRequested) hooks.forecastLanded();
        return true;
      },
      // the forecast job cannot stop half-way (the worker would be restarted, and a cold worker
      // forecasts in 3.4 s what a warm one does in 1 s): newer data wait for it, one follow-up
      { ...common, keyOf: () => this.session().forecastKey(), supersedeGrowth: false },
    );
    this.laws = new Superseding(
      async (token) => {
        const s = this.session();
        if (!s.lawsNeedRefit()) return false;
        await s.refitLaws(token, () => {
          if (!token.isCancellationRequested) hooks.pointFitsLanded?.();
        });
        if (!token.isCancellationRequested) await hooks.lawsLanded();
        return true;
      },
      { ...common, keyOf: () => this.session().lawsKey() },
    );
  }

  /**
   * Asks each lane whose result is out of date for a run on the newest state. `force` (the user
   * changed what is fitted) cancels stale work in flight at once; without it (a log grew) work
   * past half its expected time finishes first. Returns the lanes that have work to do.
   */
  request(opts: { readonly force?: boolean } = {}): Superseding[] {
    const s = this.session();
    const lanes: Superseding[] = [];
    if (s.forecastNeedsRefit()) lanes.push(this.forecast);
    if (s.lawsNeedRefit()) lanes.push(this.laws);
    for (const lane of lanes) lane.request(opts);
    return lanes;
  }

  /** Resolves when neither lane runs nor waits. */
  async whenIdle(): Promise<void> {
    while (this.busy) await Promise.all([this.forecast.whenIdle(), this.laws.whenIdle()]);
  }

  get busy(): boolean {
    return this.forecast.busy || this.laws.busy;
  }

  /** The user's Cancel: both lanes stop; what is shown stays (marked stale). */
  cancel(): void {
    this.forecast.cancel();
    this.laws.cancel();
  }

  dispose(): void {
    this.forecast.dispose();
    this.laws.dispose();
  }
}
