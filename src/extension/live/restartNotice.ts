// A watched log rewritten by another run (a run restarted from an earlier checkpoint, a new run
// under the same name), or resumed in the same file from a checkpoint (the points it had logged
// past that step dropped): the points read before leave the chart, and the warning that says so sits
// folded under the panel's warnings. The live line says it too, for a minute from the read that
// found it, so points do not vanish unsaid; so does a switch of the series the watch follows.
// Pure: the watch passes the warnings and the clock.
import type { IngestWarning } from '../../ingest/model/model';

/** The watch's own note (ingest/files/watch.ts) when a file no longer carries on the run read before, and its points replace those. */
const RESTART_NOTE = 'replaced by another run';

/** The reader's note (ingest/model/runBuilder.ts) when a log's step went back to a checkpoint's: the points after it were dropped. */
const RESUME_NOTE = 'the run was resumed';

/** How long the live line keeps saying it. */
export const RESTART_SHOWN_MS = 60_000;

export class RestartNotice {
  private readonly seen = new Set<string>();
  private latest: { readonly text: string; readonly at: number } | undefined;

  /**
   * Takes a read's warnings; a restart note not seen before becomes the notice, from `now`. True
   * when it did (the caller clears it in RESTART_SHOWN_MS). `shown`: whether the chart showed points
   * before this read; when it showed none (a table with no x axis) no points leave it, and the
   * note's count of points read before is not said.
   */
  take(warnings: readonly IngestWarning[], now: number, shown = true): boolean {
    let fresh = false;
    for (const w of warnings) {
      const resumed = w.message.startsWith(RESUME_NOTE);
      if (!resumed && !w.message.startsWith(RESTART_NOTE)) continue;
      const key = `${w.file}\n${w.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      // a resume in the log as first read took no drawn point away: its warning says it
      if (resumed && !shown) continue;
      const message = shown ? w.message : w.message.replace(/ \([^)]*\)/, '');
      this.latest = { text: `${baseName(w.file)}${resumed ? ': ' : ' '}${message}`, at: now };
      fresh = true;
    }
    return fresh;
  }

  /** Says `text` from `now` instead, as a restart is said: another change to what the chart shows (the series a watch follows). */
  say(text: string, now: number): void {
    this.latest = { text, at: now };
  }

  /** The notice while it is fresh, else undefined. */
  text(now: number): string | undefined {
    return this.latest && now - this.latest.at < RESTART_SHOWN_MS ? this.latest.text : undefined;
  }
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
