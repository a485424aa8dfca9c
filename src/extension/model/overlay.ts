// Which curves an overlay starts with, and how their own relative targets are marked. Pure.
import { COLOR_TARGET, type Marker } from '../../shared/protocol';
import type { AnalyzedCurve } from '../panel/viewModel';
import type { CurveRef } from './curves';

/** At most this many curves are fitted and overlaid at once. */
export const MAX_OVERLAY = 8;

/**
 * One marker per relative target in an overlay (`10x of run-a`, in its curve's colour); curves
 * whose targets coincide (a sweep's sizes share their D range) share one, `10x of 5 curves`,
 * rather than print their labels over each other.
 */
export function relativeTargetMarkers(analyzed: readonly (AnalyzedCurve & { readonly target: number | undefined })[], targetText: string): Marker[] {
  const byX = new Map<number, number[]>();
  analyzed.forEach((c, i) => {
    if (c.target !== undefined) byX.set(c.target, [...(byX.get(c.target) ?? []), i]);
  });
  return [...byX].map(([x, at]) =>
    at.length === 1
      ? { kind: 'target', label: `${targetText} of ${analyzed[at[0]!]!.label}`, x, color: at[0]! + 1 }
      : { kind: 'target', label: `${targetText} of ${at.length} curves`, x, color: COLOR_TARGET },
  );
}

/** The first curve; a sweep's model sizes side by side (the comparison is what a sweep is for). */
export function defaultSelection(curves: readonly CurveRef[]): string[] {
  const sweep = curves[0]!.slice !== undefined && curves.length <= MAX_OVERLAY;
  return sweep ? curves.map((c) => c.id) : [curves[0]!.id];
}

