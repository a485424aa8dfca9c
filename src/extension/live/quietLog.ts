// A watched log that stops changing (the run finished, stalled or crashed) looks, on the status bar,
// exactly like one still being written: the same numbers, for hours. This notes when the log last
// changed and, once it has been quiet for much longer than it usually goes between changes, says
// for how long. Pure: the watch passes the clock.

/** A log is never called quiet sooner than this (a run that logs every few seconds, paused by a checkpoint save). */
export const QUIET_MIN_MS = 120_000;
/** Quiet: this many times the log's usual interval between changes. */
const QUIET_INTERVALS = 10;
/** Recent intervals kept for the usual one (a run's pace changes: eval phases, a longer save). */
const KEEP = 20;

export class QuietLog {
  private last: number | undefined;
  private lastSeen: number | undefined;
  private readonly gaps: number[] = [];

  /** The log's last change before the watch saw one (a file's modification time). */
  seed(at: number): void {
    this.last = Math.max(this.last ?? -Infinity, at);
  }

  /** The watch saw the log change at `now`. */
  changed(now: number): void {
    if (this.lastSeen !== undefined && now > this.lastSeen) {
      this.gaps.push(now - this.lastSeen);
      if (this.gaps.length > KEEP) this.gaps.shift();
    }
    this.lastSeen = now;
    this.seed(now);
  }

  /** The log's usual interval between changes (the median of the recent ones); undefined before two changes. */
  private usual(): number | undefined {
    const sorted = [...this.gaps].sort((a, b) => a - b);
    return sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : undefined;
  }

  /** How long the log may go unchanged before it is called quiet. */
  quietAfter(): number {
    return Math.max(QUIET_MIN_MS, QUIET_INTERVALS * (this.usual() ?? 0));
  }

  /** The words while the log is quiet ("12 min", and the tooltip's sentence); undefined while it is not. */
  text(now: number, name: string): { readonly short: string; readonly tooltip: string } | undefined {
    if (this.last === undefined) return undefined;
    const quiet = now - this.last;
    if (quiet < this.quietAfter()) return undefined;
    const usual = this.usual();
    const pace = usual !== undefined ? ` (it changed about every ${durationText(usual)} before)` : '';
    return {
      short: `unchanged ${durationText(quiet)}`,
      tooltip: `${name} has not changed for ${durationText(quiet)}${pace}: the run may have finished, stalled or crashed. Scaling Lens keeps watching; new points clear this.`,
    };
  }

  /** Milliseconds until text() next reads differently (the watch redraws its status then). */
  nextChangeIn(now: number): number | undefined {
    if (this.last === undefined) return undefined;
    const quiet = now - this.last;
    const after = this.quietAfter();
    const wait = quiet < after ? after - quiet : 60_000 - (quiet % 60_000);
    return Math.max(1000, wait);
  }
}

/** "3 min", "2 h 5 min", "3 days": how long, to the minute (a quiet log is quiet for minutes at least). */
export function durationText(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} days`;
}
