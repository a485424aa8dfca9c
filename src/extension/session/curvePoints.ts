// Each curve's points as the panel fits and draws them, kept per curve id: a long series is sorted
// once, not per render, and a grown log extends what was built from its earlier read.
import type { Point } from '../../core/analysis';
import type { SourceData, XKind } from '../../ingest/model/model';
import { curveDataOf, extendCurveData, smoothLog, type CurveDataBuild, type CurveRef } from '../model/curves';
import type { CurveData } from './sessionDeps';

export class CurvePoints {
  /** Entries of an earlier read of the source stay (`fresh` false) so a grown log extends them instead of rebuilding. */
  private readonly cache = new Map<string, { smoothing: number; build: CurveDataBuild; data: CurveData; fresh: boolean }>();

  /** The source was read again: every entry is extended from it on next use. */
  markOld(): void {
    for (const e of this.cache.values()) e.fresh = false;
  }

  /** New columns: nothing built for the old ones applies. */
  clear(): void {
    this.cache.clear();
  }

  /** The curve's points against `x`, smoothed by `smoothing` (0: as logged). */
  of(ref: CurveRef, source: SourceData, x: XKind, smoothing: number): CurveData {
    const hit = this.cache.get(ref.id);
    if (hit && hit.fresh && hit.smoothing === smoothing) return hit.data;
    const build = hit ? extendCurveData(hit.build, source, ref, x) : curveDataOf(source, ref, x);
    const raw = build.data;
    const data = smoothing > 0 ? { ...raw, points: smoothLog(raw.points, smoothing) } : raw;
    this.cache.set(ref.id, { smoothing, build, data, fresh: true });
    return data;
  }

  /** The points last built for the curve, before smoothing (call `of` first). */
  logged(ref: CurveRef): readonly Point[] {
    return this.cache.get(ref.id)?.build.data.points ?? [];
  }
}
