// Two parts of auto's average can be one curve: M4 whose α has gone to 0 is M2, with the same
// parameters. The average then gives that curve two of its three votes. Merging such parts was
// measured and not shipped (bench/autoDistinct.ts: the gain held at one tolerance only), so the
// average stays as chosen, and the reason says so rather than letting "M2, M4, log-linear" read
// as three views.
import { getLaw } from './laws/index';
import { partsOf } from './laws/mix';

/** Forecasts that agree this closely (relative) at every probe are one curve. */
const SAME = 1e-4;
/** Where the forecasts are compared: the data's end and past it, as far as a usual target. */
const PROBES = [1, 2, 4, 10];

/** "m2 and m4 are the same curve here …" for the parts of `law` (an average) that coincide; undefined when none do. */
export function sameCurveNote(law: string, predict: (id: string, x: number) => number | undefined, xMax: number): string | undefined {
  const parts = partsOf(getLaw(law))?.map((p) => p.id) ?? [];
  const forecasts = parts.map((id) => PROBES.map((m) => predict(id, m * xMax)));
  const pairs: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = forecasts[i]!;
      const b = forecasts[j]!;
      const same = a.every((v, k) => v !== undefined && b[k] !== undefined && v > 0 && Math.abs(b[k]! / v - 1) < SAME);
      if (same) pairs.push(`${parts[i]} and ${parts[j]}`);
    }
  }
  if (pairs.length === 0) return undefined;
  return `${pairs.join(', ')} are the same curve here (their forecasts agree within ${SAME * 100}% out to ${PROBES[PROBES.length - 1]}× the data), so that curve counts twice in the average`;
}
