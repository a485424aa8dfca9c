// The latest value a watch reports. On a per-step loss the last logged value is one draw of wide
// noise (LLM360 Mamba's per-step loss swings between 0.5 and 1.2 from one step to the next), so
// a series of 1000+ points reports the median of its last 1% instead, and says over how many.
import { medianInPlace } from '../../core/arrayStats';
import type { Point } from '../../core/analysis';

const RECENT_SHARE = 0.01;
const RECENT_MAX = 200;
/** Shorter series (evaluations every k steps) report their last value: a median would only lag. */
const LONG = 1000;

/** The last point's x, and the median y of the last 1% of the points (at most 200) of a series of 1000+ points; else the last y. */
export function latestLevel(points: readonly Point[]): { readonly x: number; readonly y: number; readonly over: number } | undefined {
  const n = points.length;
  if (n === 0) return undefined;
  const k = n >= LONG ? Math.min(RECENT_MAX, Math.floor(n * RECENT_SHARE)) : 1;
  const ys = new Float64Array(k);
  for (let i = 0; i < k; i++) ys[i] = points[n - k + i]!.y;
  return { x: points[n - 1]!.x, y: k === 1 ? ys[0]! : medianInPlace(ys), over: k };
}
