// The fit worker gets a curve as two Float64Arrays (transferred, not cloned: structured-cloning a
// million {x, y} objects takes seconds each way) and sends back which points were fitted or held
// out as one byte per point; the host rebuilds those lists from its own point objects.
import type { CurveAnalysis, Point } from '../core/analysis';

export const DROPPED = 0;
export const FIT = 1;
export const HELD_OUT = 2;
/** Before the fit's start: the LR warmup (core/warmup.ts). */
export const WARMUP = 3;

/** x and y of the points as typed arrays (to transfer to the worker). */
export function packPoints(points: readonly Point[]): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = points[i]!.x;
    y[i] = points[i]!.y;
  }
  return { x, y };
}

export function unpackPoints(x: Float64Array, y: Float64Array): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < x.length; i++) out.push({ x: x[i]!, y: y[i]! });
  return out;
}

/** One flag per input point. The analysis keeps input order and the input's own objects, so one walk finds them. */
export function splitFlags(points: readonly Point[], a: Pick<CurveAnalysis, 'fitPoints' | 'heldOutPoints' | 'warmupPoints'>): Uint8Array {
  const flags = new Uint8Array(points.length);
  const warmup = a.warmupPoints ?? [];
  let f = 0;
  let h = 0;
  let w = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p === a.fitPoints[f]) {
      flags[i] = FIT;
      f++;
    } else if (p === a.heldOutPoints[h]) {
      flags[i] = HELD_OUT;
      h++;
    } else if (p === warmup[w]) {
      flags[i] = WARMUP;
      w++;
    }
  }
  if (f !== a.fitPoints.length || h !== a.heldOutPoints.length || w !== warmup.length) throw new Error('the analysis reordered or copied its points');
  return flags;
}

/** The fit and held-out lists again, from the host's points and the worker's flags. */
export function joinSplit(points: readonly Point[], flags: Uint8Array): { fitPoints: Point[]; heldOutPoints: Point[]; warmupPoints?: Point[] } {
  const fitPoints: Point[] = [];
  const heldOutPoints: Point[] = [];
  const warmupPoints: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    if (flags[i] === FIT) fitPoints.push(points[i]!);
    else if (flags[i] === HELD_OUT) heldOutPoints.push(points[i]!);
    else if (flags[i] === WARMUP) warmupPoints.push(points[i]!);
  }
  return { fitPoints, heldOutPoints, ...(warmupPoints.length > 0 ? { warmupPoints } : {}) };
}
