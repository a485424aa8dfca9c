// A target outside the x range a curve was fitted on: before its first x no law was fitted, and
// thousands of times past its last x no back-test rehearsed it. Either is often a target typed in
// another unit (steps on a tokens axis, tokens on a steps axis). Said by the CLI and the panel alike.
import type { Point } from './analysis';
import { maxBy, minBy } from './arrayStats';
import { axisNoun } from './targetText';
import { formatAmount } from './units';

/** Past this many times the data's last x a target is rarely meant in the curve's unit (300B, tokens, on a steps axis). */
const FAR_PAST = 1e4;

/** What to say of `targets` outside [first, last], the data's x range; `xKind` names the axis. */
export function outsideTheRange(targets: readonly number[], first: number, last: number, xKind: string | undefined): string[] {
  const name = xKind && (axisNoun(xKind) ?? xKind);
  const unit = name ? ` ${name}` : '';
  const ask = name ? `; is the target in ${name}?` : '';
  const out: string[] = [];
  const early = targets.filter((t) => t < first);
  if (early.length > 0) out.push(`target${early.length === 1 ? '' : 's'} x = ${early.map(formatAmount).join(', ')} ${early.length === 1 ? 'is' : 'are'} before the data's first x (${formatAmount(first)}${unit}): no law was fitted there${ask}`);
  const far = targets.filter((t) => t > FAR_PAST * last);
  if (far.length > 0) out.push(`target${far.length === 1 ? '' : 's'} x = ${far.map(formatAmount).join(', ')} ${far.length === 1 ? 'is' : 'are'} over ${formatAmount(FAR_PAST)}× the data's last x (${formatAmount(last)}${unit}), far past anything the fit was checked on${ask}`);
  return out;
}

/** outsideTheRange of the points' x range (x > 0). */
export function outsideTheData(targets: readonly number[], points: readonly Point[], xKind: string | undefined): string[] {
  return outsideTheRange(targets, minBy(points, (p) => (p.x > 0 ? p.x : Infinity)), maxBy(points, (p) => p.x), xKind);
}
