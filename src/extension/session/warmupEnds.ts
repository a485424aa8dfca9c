// Where each curve's fit starts: past its LR warmup, logged or stated in its config (core/warmup.ts).
// Asked for on every refit check, so the LR is read once per source read and x axis.
import type { SourceData, XKind } from '../../ingest/model/model';
import { warmupStartOf, type WarmupStart } from '../../ingest/model/warmupStart';
import type { CurveRef } from '../model/curves';

export class WarmupEnds {
  private readonly memo = new Map<string, { x: XKind; end: WarmupStart | undefined }>();

  /** The source was read again (its LR may have grown). */
  clear(): void {
    this.memo.clear();
  }

  /** undefined for a sweep's curves (a slice of a table) or a log without a warmup. */
  of(source: SourceData | undefined, ref: CurveRef, x: XKind | undefined): WarmupStart | undefined {
    const run = source?.runs[ref.runIndex];
    const series = run?.series.find((s) => s.key === ref.key);
    if (!run || !series || !x || ref.slice) return undefined;
    const memo = this.memo.get(ref.id);
    if (memo && memo.x === x) return memo.end;
    const end = warmupStartOf(run, series, x);
    this.memo.set(ref.id, { x, end });
    return end;
  }
}
