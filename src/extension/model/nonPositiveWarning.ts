// Why a curve with values shows no fit: none of them is a positive loss at a positive x. Pure.
import type { Point } from '../../core/analysis';

/** A warning when a curve has values but none a scaling law can take (log axes need y > 0). */
export function nonPositiveWarning(label: string, yName: string, points: readonly Point[]): string | undefined {
  if (points.length === 0) return undefined;
  let positive = 0;
  let min = Infinity;
  for (const p of points) {
    if (p.y > 0 && p.x > 0) positive++;
    if (p.y < min) min = p.y;
  }
  if (positive >= 2) return undefined;
  return `${label}: ${yName} has ${positive === 0 ? 'no' : 'only one'} positive value${positive === 1 ? '' : 's'} with x > 0 (lowest ${min.toPrecision(3)}). Scaling laws fit a positive loss or error on log axes; choose another y column, or log the loss itself rather than a difference or a log-likelihood.`;
}
