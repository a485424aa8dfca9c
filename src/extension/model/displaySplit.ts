// The fit / held-out split of a curve's newest points, drawn while the fit shown is of older ones
// (the new analysis, which splits them itself, has not landed yet). Pure.
import type { CurveAnalysis, Point } from '../../core/analysis';
import { maxBy } from '../../core/arrayStats';

type CurveData = { points: Point[]; trainMask?: boolean[] };

/**
 * The fit / held-out split of the current points for drawing while the shown fit is older than
 * them (the analysis of the new data, which splits them itself, has not landed yet).
 */
export function displaySplit(data: CurveData, holdoutFrac: number): { fitPoints: Point[]; heldOutPoints: Point[] } {
  const usable = (p: Point) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y);
  // the usual live log: nothing held out, every point usable — the list itself, no copy of a million points
  if (!data.trainMask && !(holdoutFrac > 0) && data.points.every(usable)) return { fitPoints: data.points, heldOutPoints: [] };
  const fitPoints: Point[] = [];
  const heldOutPoints: Point[] = [];
  let cutX = Infinity;
  if (!data.trainMask && holdoutFrac > 0) {
    // points are in x order: the cut is at the ceil((1 − f)·n)-th distinct x, as the core splits
    let distinct = 0;
    let prev = NaN;
    for (const p of data.points) if (p.x > 0 && p.y > 0 && p.x !== prev) ((prev = p.x), distinct++);
    const keep = Math.max(1, Math.ceil(distinct * (1 - holdoutFrac)));
    let seen = 0;
    prev = NaN;
    for (const p of data.points) {
      if (!(p.x > 0 && p.y > 0) || p.x === prev) continue;
      prev = p.x;
      if (++seen === keep) {
        cutX = keep < distinct ? p.x : Infinity;
        break;
      }
    }
  }
  data.points.forEach((p, i) => {
    if (!usable(p)) return;
    const isFit = data.trainMask ? data.trainMask[i] : p.x <= cutX;
    (isFit ? fitPoints : heldOutPoints).push(p);
  });
  return { fitPoints, heldOutPoints };
}

/**
 * The newest points under an older fit, split as displaySplit does, less those the older fit left
 * out as the LR warmup: its warmup is drawn as such already, and as fit points too they stretched
 * its curve back over the warmup (drawn solid from the first step) until the refit landed.
 */
export function staleSplit(data: CurveData, holdoutFrac: number, older: CurveAnalysis): { fitPoints: Point[]; heldOutPoints: Point[] } {
  const split = displaySplit(data, holdoutFrac);
  const warmup = older.warmupPoints;
  if (!warmup || warmup.length === 0) return split;
  const end = maxBy(warmup, (p) => p.x);
  return { ...split, fitPoints: split.fitPoints.filter((p) => p.x > end) };
}
