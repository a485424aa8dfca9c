// Why points were left out of a log-log fit, by cause, and where the zero or negative losses are:
// "ignored 3 points with y ≤ 0 at x = 1500, 2100, 2200" lets a user find them in the log (a loss
// logged as 0 by a metric that was not computed, a sign flipped), as the ingest layer's NaN-inside
// note names its steps.
import type { Point } from './analysis';
import { formatAmount } from './units';

/** The x's of y ≤ 0 named; past these, "…". */
const NAMED = 3;

/** A step or an epoch as the log writes it, to be found there ("1537", not "1.54K"); a count of tokens or FLOPs short. */
const xText = (v: number): string => (Number.isInteger(v) && Math.abs(v) < 1e7 ? String(v) : formatAmount(v));

/** The first NAMED of `count` x's as the log writes them, "15, 21, 22, …" past them; `xs` holds at least those. */
export function namedXs(xs: readonly number[], count: number): string {
  return `${xs.slice(0, NAMED).map(xText).join(', ')}${count > NAMED ? ', …' : ''}`;
}

/**
 * A curve whose every x is negative is a wrong column, not "non-finite" data (which one summary
 * word would say): each cause has its own count.
 */
export function droppedText(points: readonly Point[], usable: Uint8Array): string {
  let missing = 0;
  let xLow = 0;
  let yLow = 0;
  const yLowAt: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (usable[i]) continue;
    const p = points[i];
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) missing++;
    else if (!(p.x > 0)) xLow++;
    else if (yLow++ < NAMED) yLowAt.push(p.x);
  }
  const n = (k: number, what: string) => `${k} point${k === 1 ? '' : 's'} ${what}`;
  const yWhere = `at x = ${namedXs(yLowAt, yLow)}`;
  const parts = [missing > 0 ? n(missing, 'with a missing or infinite value') : '', xLow > 0 ? n(xLow, 'with x ≤ 0') : '', yLow > 0 ? n(yLow, `with y ≤ 0 ${yWhere}`) : ''].filter(Boolean);
  return `ignored ${parts.join(', ')}${xLow + yLow > 0 ? ' (a log-log fit needs x > 0 and y > 0)' : ''}`;
}
